import Autograd

/// torchvision's `sigmoid_focal_loss` (Lin et al., 2017), elementwise on logits:
///
///     p = σ(x),  p_t = p·y + (1 − p)·(1 − y)
///     ℓᵢ = α_t · (1 − p_t)^γ · BCEWithLogits(xᵢ, yᵢ),  α_t = α·y + (1 − α)·(1 − y)
///
/// `α < 0` disables the α_t factor. torchvision's defaults are `α = 0.25`, `γ = 2` and
/// `reduction = none`.
///
/// - Throws: Shape errors when the target does not match the input.
public func sigmoidFocalLoss(
  _ input: Tensor, target: Tensor, alpha: Float = 0.25, gamma: Float = 2,
  reduction: Reduction = .none
) throws -> Tensor {
  try reduction.requireStandard()
  try requireSameShape(input.shape, target.shape)
  let p = input.sigmoid()
  let ce = try binaryCrossEntropyWithLogits(input, target: target, reduction: .none)
  let pT = p * target + (1 - p) * (1 - target)
  // γ = 0 is cross-entropy itself: no modulating factor, whose (zero) gradient would meet an
  // infinite cross-entropy at an infinite logit and make 0 × ∞ = NaN.
  var loss = gamma == 0 ? ce : ce * (1 - pT).pow(gamma)
  if alpha >= 0 {
    loss = loss * (alpha * target + (1 - alpha) * (1 - target))
  }
  return reduction.apply(loss)
}

/// A softmax focal loss over class indices, for the dashboard:
///
///     ℓₑ = −w[yₑ] · (1 − p_{yₑ})^γ · log p_{yₑ}
///
/// With `γ = 0` it is cross-entropy, and `mean` divides by `Σ w[yₑ]` as cross-entropy does, so
/// the two agree exactly there. Ignored targets contribute nothing.
///
/// - Throws: ``LossError`` for invalid shapes, indices or weight.
public func softmaxFocalLoss(
  _ input: Tensor, target: [Int], targetShape: Shape, gamma: Float = 2, weight: [Float]? = nil,
  ignoreIndex: Int = -100, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  guard gamma >= 0 else {
    throw LossError.invalidArgument("gamma must be non-negative, got \(gamma)")
  }
  let layout = try ClassIndexLayout.checked(
    input: input.shape, target: target, targetShape: targetShape, weight: weight,
    ignoreIndex: ignoreIndex)
  let weights = layout.targetWeights(target, weight: weight, ignoreIndex: ignoreIndex)
  let logP = pickTargets(
    input.logSoftmax(axis: layout.classAxis), target, layout: layout, ignoreIndex: ignoreIndex)
  let modulated = gamma == 0 ? logP : (1 - logP.exp()).pow(gamma) * logP
  let perElement = -modulated * Tensor(weights, shape: layout.targetShape)
  return reduceWeighted(
    perElement, weights: weights, reduction: reduction,
    anyKept: target.contains { $0 != ignoreIndex })
}
