import Autograd

/// The linear layer and cross-entropy in one, PyTorch 2.15's `F.linear_cross_entropy`:
/// `cross_entropy(input·linear_weightᵀ + linear_bias, target, …)`.
///
/// Computed by ``FusedLinearCrossEntropy``, which never holds the `N × V` logits (a block of
/// them at a time), with the gradients of `input`, `linearWeight` and `linearBias` formed with
/// the loss when any of them requires one. The composed form
/// ``linearCrossEntropyComposed(_:linearWeight:target:linearBias:weight:ignoreIndex:labelSmoothing:reduction:)``
/// gives the same values; see ``crossEntropy(_:target:weight:ignoreIndex:labelSmoothing:reduction:)``
/// for the formulas, the `mean` denominators and the targets.
///
/// - Parameters:
///   - input: `(N, D)` or `(D)` hidden states.
///   - linearWeight: `(V, D)`.
///   - target: `N` class indices (a 0-d one for a `(D)` input), or `(N, V)` probabilities.
///   - linearBias: `(V)`, or `nil`.
///   - weight: One weight per class, or `nil`.
///   - ignoreIndex: A class index that contributes nothing (PyTorch maps its `None` to -100).
///   - labelSmoothing: `ε` in `[0, 1]`.
///   - reduction: `none`, `sum` or `mean`.
///   - threads: Threads sharing the kernel's phases; the results do not depend on it.
/// - Returns: The loss, 0-d or one per token for `none`.
/// - Throws: ``LossError`` when the shapes, indices, weight or smoothing are invalid.
public func linearCrossEntropy(
  _ input: Tensor, linearWeight: Tensor, target: CrossEntropyTarget, linearBias: Tensor? = nil,
  weight: [Float]? = nil, ignoreIndex: Int = -100, labelSmoothing: Float = 0,
  reduction: Reduction = .mean, threads: Int = 1
) throws -> Tensor {
  let layout = try LinearLayout.checked(
    input: input.shape, linearWeight: linearWeight.shape, bias: linearBias?.shape)
  let logitsShape = layout.logitsShape
  if layout.tokens == 0 || layout.hidden == 0 || layout.vocabulary == 0 {
    // Nothing to block: the composed graph gives PyTorch's answers for empty sizes.
    return try linearCrossEntropyComposed(
      input, linearWeight: linearWeight, target: target, linearBias: linearBias, weight: weight,
      ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing, reduction: reduction)
  }
  try reduction.requireStandard()
  try validateSmoothing(labelSmoothing)
  let kernelTarget: FusedLinearCrossEntropy.Target
  let denominator: Double
  var anyKept = true
  switch target {
  case .classes(let indices, let shape):
    _ = try ClassIndexLayout.checked(
      input: logitsShape, target: indices, targetShape: shape, weight: weight,
      ignoreIndex: ignoreIndex)
    kernelTarget = .classes(indices)
    denominator = FusedCrossEntropy.totalTargetWeight(
      indices, weight: weight, ignoreIndex: ignoreIndex)
    anyKept = indices.contains { $0 != ignoreIndex }
  case .probabilities(let values, let shape):
    guard shape == logitsShape else {
      throw LossError.shapeMismatch(
        input: logitsShape, target: shape,
        reason: "probability targets must match the logits (N, V)")
    }
    if ignoreIndex >= 0 {
      throw LossError.invalidArgument("ignore_index is not supported for floating point target")
    }
    if let weight, weight.count != layout.vocabulary {
      throw LossError.weightLength(expected: layout.vocabulary, got: weight.count)
    }
    kernelTarget = .probabilities(values)
    denominator = Double(layout.tokens)
  }
  let problem = FusedLinearCrossEntropy.Problem(
    tokens: layout.tokens, hidden: layout.hidden, vocabulary: layout.vocabulary,
    target: kernelTarget, weight: weight, ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing)
  let scale = FusedCrossEntropy.gradientScale(reduction, total: denominator, anyKept: anyKept)
  let parents = [input, linearWeight] + (linearBias.map { [$0] } ?? [])
  let step = LinearCrossEntropyStep(
    input: input, linearWeight: linearWeight, bias: linearBias, problem: problem, threads: threads)
  let wantsGradient = GradMode.isEnabled && parents.contains { $0.requiresGrad }
  let first = step.run(scale: scale, rowScales: nil, gradients: wantsGradient)
  switch reduction {
  case .none:
    return Tensor(result: first.rowLosses, shape: target.shapeOfLosses(layout), parents: parents) {
      result in
      let g = result.grad!
      // The gradients were formed for an upstream gradient of ones; any other needs a new pass.
      let pass =
        g.allSatisfy { $0 == 1 } ? first : step.run(scale: 1, rowScales: g, gradients: true)
      pass.accumulate(into: result.parents)
    }
  case .sum, .mean, .batchmean:
    let value =
      reduction == .sum ? first.total : (denominator == 0 ? .nan : first.total / denominator)
    return Tensor(result: [Float(value)], shape: [], parents: parents) { result in
      first.accumulate(into: result.parents, times: result.grad![0])
    }
  }
}

/// The composed form of ``linearCrossEntropy(_:linearWeight:target:linearBias:weight:ignoreIndex:labelSmoothing:reduction:threads:)``:
/// `matmul`, the bias added by broadcasting, then
/// ``crossEntropyComposed(_:target:weight:ignoreIndex:labelSmoothing:reduction:)``, all recorded
/// Autograd operations holding the whole `N × V` logits. The fused kernel is checked against it.
public func linearCrossEntropyComposed(
  _ input: Tensor, linearWeight: Tensor, target: CrossEntropyTarget, linearBias: Tensor? = nil,
  weight: [Float]? = nil, ignoreIndex: Int = -100, labelSmoothing: Float = 0,
  reduction: Reduction = .mean
) throws -> Tensor {
  let layout = try LinearLayout.checked(
    input: input.shape, linearWeight: linearWeight.shape, bias: linearBias?.shape)
  let rows = input.reshape([layout.tokens, layout.hidden])
  var logits = rows.matmul(linearWeight.transpose())
  if let linearBias { logits = logits + linearBias }
  if target.shape != layout.logitsShape, case .probabilities = target {
    throw LossError.shapeMismatch(
      input: layout.logitsShape, target: target.shape,
      reason: "probability targets must match the logits (N, V)")
  }
  return try crossEntropyComposed(
    logits.reshape(layout.logitsShape), target: target, weight: weight, ignoreIndex: ignoreIndex,
    labelSmoothing: labelSmoothing, reduction: reduction)
}

extension CrossEntropyTarget {
  /// The shape of a `none` reduction's losses: one per token.
  fileprivate func shapeOfLosses(_ layout: LinearLayout) -> Shape {
    layout.isBatched ? [layout.tokens] : []
  }
}
