import Autograd

/// Mean squared error, PyTorch's `F.mse_loss`: `ℓᵢ = (xᵢ − yᵢ)²`.
///
/// Input and target broadcast together; `mean` averages over the broadcast elements.
///
/// - Throws: ``LossError/shapeMismatch(input:target:reason:)`` when they do not broadcast.
public func mseLoss(_ input: Tensor, target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  let difference = input - target
  return reduction.apply(difference * difference)
}

/// Mean absolute error, PyTorch's `F.l1_loss`: `ℓᵢ = |xᵢ − yᵢ|`, with gradient `sign(xᵢ − yᵢ)`
/// (0 where they are equal).
///
/// - Throws: ``LossError/shapeMismatch(input:target:reason:)`` when they do not broadcast.
public func l1Loss(_ input: Tensor, target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  return reduction.apply((input - target).abs())
}

/// Huber loss, PyTorch's `F.huber_loss`, with `d = x − y`:
///
///     ℓᵢ = ½·dᵢ²                  if |dᵢ| < ÎŽ
///     ℓᵢ = ÎŽ·(|dᵢ| − ½·ÎŽ)          otherwise
///
/// - Parameter delta: `ÎŽ > 0`, where the loss turns from quadratic to linear (default 1).
/// - Throws: ``LossError`` for a non-positive `delta` or shapes that do not broadcast.
public func huberLoss(
  _ input: Tensor, target: Tensor, delta: Float = 1, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  guard delta > 0 else { throw LossError.invalidArgument("huber_loss does not support non-positive values for delta") }
  let d = input - target
  let quadratic = 0.5 * d * d
  let linear = delta * (d.abs() - 0.5 * delta)
  let inside = d.data.map { Swift.abs($0) < delta }
  return reduction.apply(Tensor.where(inside, quadratic, linear))
}

/// Smooth L1 loss, PyTorch's `F.smooth_l1_loss`, with `d = x − y`:
///
///     ℓᵢ = ½·dᵢ² / β              if |dᵢ| < β
///     ℓᵢ = |dᵢ| − ½·β             otherwise
///
/// With `β = 0` it is exactly the L1 loss.
///
/// - Parameter beta: `β ≥ 0` (default 1).
/// - Throws: ``LossError`` for a negative `beta` or shapes that do not broadcast.
public func smoothL1Loss(
  _ input: Tensor, target: Tensor, beta: Float = 1, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try requireBroadcastable(input.shape, target.shape)
  guard beta >= 0 else { throw LossError.invalidArgument("smooth_l1_loss does not support negative values for beta") }
  if beta == 0 { return try l1Loss(input, target: target, reduction: reduction) }
  let d = input - target
  let quadratic = 0.5 * d * d / beta
  let linear = d.abs() - 0.5 * beta
  let inside = d.data.map { Swift.abs($0) < beta }
  return reduction.apply(Tensor.where(inside, quadratic, linear))
}
