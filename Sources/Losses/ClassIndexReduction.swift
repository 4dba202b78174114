import Autograd

// What the class-index losses (cross-entropy, NLL, focal) share: picking each target's value,
// and reducing by the targets' class weights as PyTorch does.

/// `x[e, yₑ]` for every target element, and 0 where the target is ignored.
///
/// An ignored position gathers class 0 (any class would do) and then *selects* 0 rather than
/// multiplying by a zero weight: a non-finite value there (`-inf` masking, as padding often is)
/// would otherwise turn the loss into `0 × ∞ = nan`, which PyTorch does not do.
func pickTargets(_ input: Tensor, _ target: [Int], layout: ClassIndexLayout, ignoreIndex: Int)
  -> Tensor
{
  // No classes (every target ignored, or none at all): nothing to pick from.
  guard layout.classes > 0 else {
    return Tensor([Float](repeating: 0, count: target.count), shape: layout.targetShape)
  }
  let safe = target.map { $0 == ignoreIndex ? 0 : $0 }
  let picked = input.gather(axis: layout.classAxis, indices: safe, indexShape: layout.gatherShape)
    .reshape(layout.targetShape)
  guard target.contains(ignoreIndex) else { return picked }
  let kept = target.map { $0 != ignoreIndex }
  return Tensor.where(
    kept, picked, Tensor([Float](repeating: 0, count: target.count), shape: layout.targetShape))
}

/// Applies a reduction where `mean` divides by the total target weight, as the weighted
/// classification losses do.
///
/// - Parameters:
///   - perElement: Each target position's weighted loss.
///   - weights: Each target position's class weight (0 where ignored).
///   - reduction: `none`, `sum` or `mean`.
///   - anyKept: Whether any target is not ignored (see ``divide(_:byTotalWeight:anyKept:)``).
/// - Returns: The reduced loss.
func reduceWeighted(_ perElement: Tensor, weights: [Float], reduction: Reduction, anyKept: Bool)
  -> Tensor
{
  switch reduction {
  case .none: return perElement
  case .sum: return perElement.sum()
  case .mean, .batchmean:
    var total = 0.0
    for w in weights { total += Double(w) }
    return divide(perElement.sum(), byTotalWeight: Float(total), anyKept: anyKept)
  }
}

/// `sum / total`. A zero total is `nan` either way, as in PyTorch, but its gradient differs with
/// the cause: every target ignored gives a zero gradient (PyTorch's kernels skip them all);
/// targets whose class weights sum to 0 give the division's own gradient, `g / 0`, which makes
/// their gradients NaN, as PyTorch's backward does.
func divide(_ sum: Tensor, byTotalWeight total: Float, anyKept: Bool) -> Tensor {
  guard total == 0 else { return sum / total }
  if anyKept {
    // NaN whatever the sum (with smoothing it need not be 0), with the gradient g / 0.
    return Tensor(result: [.nan], shape: [], parents: [sum]) { result in
      result.parents[0].accumulateGrad([result.grad![0] / 0])
    }
  }
  return Tensor(result: [.nan], shape: [], parents: [sum]) { result in
    result.parents[0].accumulateGrad([0])
  }
}
