import Autograd

/// Mean squared error, PyTorch's `F.mse_loss`: `ℓᵢ = (xᵢ − yᵢ)²`.
///
/// Input and target broadcast together; `mean` averages over the broadcast elements.
///
/// - Throws: ``LossError/shapeMismatch(input:target:reason:)`` when they do not broadcast.
public func mseLoss(
  _ input: Tensor, target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  let difference = input - target
  return try weighted(
    difference * difference, input: input, weight: weight, reduction: reduction,
    meanOverWeights: true)
}

/// Applies PyTorch 2.15's elementwise `weight` (same size as the input, broadcast with the loss)
/// and the reduction: `mean` divides by `Σ weight` for MSE and L1 (`meanOverWeights`) and by the
/// element count for Huber, as PyTorch's functional code does.
///
/// - Throws: ``LossError/invalidArgument(_:)`` ("Weights and input must have the same size.").
func weighted(
  _ loss: Tensor, input: Tensor, weight: Tensor?, reduction: Reduction, meanOverWeights: Bool
) throws -> Tensor {
  guard let weight else { return reduction.apply(loss) }
  guard weight.shape == input.shape else {
    throw LossError.invalidArgument("Weights and input must have the same size.")
  }
  let product = loss * weight
  switch reduction {
  case .mean where meanOverWeights: return product.sum() / weight.sum()
  default: return reduction.apply(product)
  }
}

/// Mean absolute error, PyTorch's `F.l1_loss`: `ℓᵢ = |xᵢ − yᵢ|`, with gradient `sign(xᵢ − yᵢ)`
/// (0 where they are equal).
///
/// - Throws: ``LossError/shapeMismatch(input:target:reason:)`` when they do not broadcast.
public func l1Loss(
  _ input: Tensor, target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  return try weighted(
    (input - target).abs(), input: input, weight: weight, reduction: reduction,
    meanOverWeights: true)
}

/// Huber loss, PyTorch's `F.huber_loss`, with `d = x − y`:
///
///     ℓᵢ = ½·dᵢ²                  if |dᵢ| < ÎŽ
///     ℓᵢ = ÎŽ·(|dᵢ| − ½·ÎŽ)          otherwise
///
/// - Parameters:
///   - input: The predictions `x`.
///   - target: The targets `y`, broadcast to the input.
///   - delta: `ÎŽ > 0`, where the loss turns from quadratic to linear (default 1).
///   - weight: Elementwise weights of the input's exact size, or `nil`.
///   - reduction: `none`, `sum` or `mean`.
/// - Returns: The loss.
/// - Throws: ``LossError`` for a non-positive `delta` or shapes that do not broadcast.
public func huberLoss(
  _ input: Tensor, target: Tensor, delta: Float = 1, weight: Tensor? = nil,
  reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  guard delta > 0 else {
    throw LossError.invalidArgument("huber_loss does not support non-positive values for delta")
  }
  let d = input - target
  // The quadratic branch sees d clamped to [−δ, δ]: where it is not taken its gradient is then
  // 0 × finite, not 0 × ∞ (NaN) when |d| is infinite; where it is taken nothing changes.
  let inner = d.clamp(min: -delta, max: delta)
  let quadratic = 0.5 * inner * inner
  let linear = delta * (d.abs() - 0.5 * delta)
  let inside = d.data.map { Swift.abs($0) < delta }
  return try weighted(
    Tensor.where(inside, quadratic, linear), input: input, weight: weight, reduction: reduction,
    meanOverWeights: false)
}

/// Smooth L1 loss, PyTorch's `F.smooth_l1_loss`, with `d = x − y`:
///
///     ℓᵢ = ½·dᵢ² / β              if |dᵢ| < β
///     ℓᵢ = |dᵢ| − ½·β             otherwise
///
/// With `β = 0` it is exactly the L1 loss.
///
/// - Parameters:
///   - input: The predictions `x`.
///   - target: The targets `y`, broadcast to the input.
///   - beta: `β ≥ 0` (default 1).
///   - reduction: `none`, `sum` or `mean`.
/// - Returns: The loss.
/// - Throws: ``LossError`` for a negative `beta` or shapes that do not broadcast.
public func smoothL1Loss(
  _ input: Tensor, target: Tensor, beta: Float = 1, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  guard beta >= 0 else {
    throw LossError.invalidArgument("smooth_l1_loss does not support negative values for beta")
  }
  if beta == 0 { return try l1Loss(input, target: target, reduction: reduction) }
  let d = input - target
  // As in huberLoss: the quadratic branch on d clamped to [−β, β], so an infinite d gives ±1.
  let inner = d.clamp(min: -beta, max: beta)
  let quadratic = 0.5 * inner * inner / beta
  let linear = d.abs() - 0.5 * beta
  let inside = d.data.map { Swift.abs($0) < beta }
  return reduction.apply(Tensor.where(inside, quadratic, linear))
}
