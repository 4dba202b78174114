import Autograd

/// The negative log-likelihood loss, PyTorch's `F.nll_loss`.
///
/// For log-probabilities `x` of shape `(C)`, `(N, C)` or `(N, C, d₁…dₖ)` and class indices `y`:
///
///     ℓₑ = −w[yₑ] · x[e, yₑ]        (0 where yₑ = ignoreIndex)
///
/// `mean` divides `Σ ℓₑ` by `Σ w[yₑ]` over the targets that are not ignored, so it is `nan`
/// when every target is ignored. The input is expected to be `log_softmax` output already:
/// `nllLoss(logSoftmax(z))` is cross-entropy, and applying `log_softmax` twice is a bug.
///
/// - Parameters:
///   - input: Log-probabilities.
///   - target: Class indices, shaped like the input without its class dimension.
///   - targetShape: The shape of `target`.
///   - weight: One weight per class, or `nil` for all ones.
///   - ignoreIndex: A target value that contributes nothing (default -100).
///   - reduction: `none`, `sum` or `mean`.
/// - Returns: The loss: 0-d, or shaped like the target for `none`.
/// - Throws: ``LossError`` for mismatched shapes, out-of-range targets or a bad weight.
public func nllLoss(
  _ input: Tensor, target: [Int], targetShape: Shape, weight: [Float]? = nil,
  ignoreIndex: Int = -100, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  let layout = try ClassIndexLayout.checked(
    input: input.shape, target: target, targetShape: targetShape, weight: weight,
    ignoreIndex: ignoreIndex)
  let weights = layout.targetWeights(target, weight: weight, ignoreIndex: ignoreIndex)
  let perElement =
    -pickTargets(input, target, layout: layout, ignoreIndex: ignoreIndex)
    * Tensor(weights, shape: layout.targetShape)
  return reduceWeighted(
    perElement, weights: weights, reduction: reduction,
    anyKept: target.contains { $0 != ignoreIndex })
}
