import Autograd

/// What `cross_entropy` compares its input with.
public enum CrossEntropyTarget: Sendable {
  /// Class indices, shaped like the input without its class dimension.
  case classes([Int], shape: Shape)
  /// Class probabilities, shaped like the input.
  case probabilities([Float], shape: Shape)

  /// The shape of the target values.
  public var shape: Shape {
    switch self {
    case .classes(_, let shape), .probabilities(_, let shape): shape
    }
  }
}

/// Cross-entropy between logits and a target, PyTorch's `F.cross_entropy`.
///
/// With `log p = log_softmax(x)` along the class dimension (dim 1, or dim 0 for a `(C)` input):
///
/// - **Class indices** `y`, with smoothing `ε`, class weights `w` and `C` classes:
///
///       ℓₑ = (1 − ε) · (−w[yₑ] · log p[e, yₑ])  +  (ε / C) · (−Σ_c w[c] · log p[e, c])
///
///   and 0 where `yₑ = ignoreIndex`. `mean` divides `Σ ℓₑ` by `Σ w[yₑ]` over the targets that
///   are not ignored (their count without weights); every target ignored gives `nan`. Both terms
///   share that denominator, which is what PyTorch does even though the smoothing term weights
///   every class (PyTorch issue #104776 discusses whether that is right; we match PyTorch).
///
/// - **Class probabilities** `t` (same shape as the input), smoothed to `t(1 − ε) + ε/C`:
///
///       ℓₑ = −Σ_c w[c] · t[e, c] · log p[e, c]
///
///   and `mean` divides by the number of elements `N·d₁…dₖ`, whatever the weights.
///
/// The gradient of the index form with respect to the logits is, per element,
/// `(w[y](1 − ε) + (ε/C)·Σw) · p − (1 − ε)·w[y]·onehot(y) − (ε/C)·w`, which reduces to
/// `p − y_smooth` without weights. `(N, C)` and `(C)` inputs with class indices use the fused
/// kernel ``FusedCrossEntropy``; other shapes use the composed graph
/// ``crossEntropyComposed(_:target:weight:ignoreIndex:labelSmoothing:reduction:)``. Both give the
/// same values.
///
/// - Parameters:
///   - input: Logits of shape `(C)`, `(N, C)` or `(N, C, d₁…dₖ)`.
///   - target: Class indices or class probabilities.
///   - weight: One weight per class, or `nil` for all ones.
///   - ignoreIndex: A class-index value that contributes nothing (default -100).
///   - labelSmoothing: `ε` in `[0, 1]`.
///   - reduction: `none`, `sum` or `mean`.
/// - Returns: The loss: 0-d, or one value per target element for `none`.
/// - Throws: ``LossError`` when the shapes, indices, weight or smoothing are invalid.
public func crossEntropy(
  _ input: Tensor, target: CrossEntropyTarget, weight: [Float]? = nil, ignoreIndex: Int = -100,
  labelSmoothing: Float = 0, reduction: Reduction = .mean
) throws -> Tensor {
  if case .classes(let indices, let shape) = target, input.shape.rank <= 2 {
    return try FusedCrossEntropy.loss(
      input, target: indices, targetShape: shape, weight: weight, ignoreIndex: ignoreIndex,
      labelSmoothing: labelSmoothing, reduction: reduction)
  }
  return try crossEntropyComposed(
    input, target: target, weight: weight, ignoreIndex: ignoreIndex,
    labelSmoothing: labelSmoothing, reduction: reduction)
}

/// Cross-entropy built from Autograd operations: `log_softmax`, `gather`, weights and sums.
///
/// This is the reference the fused kernel is checked against; it accepts every shape and target
/// form. See ``crossEntropy(_:target:weight:ignoreIndex:labelSmoothing:reduction:)`` for the
/// formula and parameters.
public func crossEntropyComposed(
  _ input: Tensor, target: CrossEntropyTarget, weight: [Float]? = nil, ignoreIndex: Int = -100,
  labelSmoothing: Float = 0, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try validateSmoothing(labelSmoothing)
  switch target {
  case .classes(let indices, let shape):
    let layout = try ClassIndexLayout.checked(
      input: input.shape, target: indices, targetShape: shape, weight: weight,
      ignoreIndex: ignoreIndex)
    let weights = layout.targetWeights(indices, weight: weight, ignoreIndex: ignoreIndex)
    let logProbabilities = input.logSoftmax(axis: layout.classAxis)
    var perElement =
      -pickTargets(logProbabilities, indices, layout: layout, ignoreIndex: ignoreIndex)
      * Tensor(weights, shape: layout.targetShape)
    if labelSmoothing > 0 {
      let weighted = weight.map { logProbabilities * layout.broadcastable($0) } ?? logProbabilities
      // Selected, not multiplied by 0: an ignored position's -inf must not become NaN.
      let kept = indices.map { $0 != ignoreIndex }
      let smooth = Tensor.where(
        kept, -weighted.sum(axis: layout.classAxis),
        Tensor([Float](repeating: 0, count: indices.count), shape: layout.targetShape))
      perElement =
        (1 - labelSmoothing) * perElement + (labelSmoothing / Float(layout.classes)) * smooth
    }
    return reduceWeighted(
      perElement, weights: weights, reduction: reduction,
      anyKept: indices.contains { $0 != ignoreIndex })

  case .probabilities(let values, let shape):
    guard shape == input.shape, input.shape.rank >= 1 else {
      throw LossError.shapeMismatch(
        input: input.shape, target: shape, reason: "probability targets must match the input")
    }
    let classAxis = input.shape.rank == 1 ? 0 : 1
    // An empty class dimension is allowed, as in PyTorch: `none` gives −0 per row, `sum` −0 and
    // `mean` 0/0 = NaN.
    let classes = input.shape.dims[classAxis]
    if let weight, weight.count != classes {
      throw LossError.weightLength(expected: classes, got: weight.count)
    }
    var smoothed = values
    if labelSmoothing > 0 {
      smoothed = values.map { $0 * (1 - labelSmoothing) + labelSmoothing / Float(classes) }
    }
    var product = input.logSoftmax(axis: classAxis) * Tensor(smoothed, shape: shape)
    if let weight {
      var dims = [Int](repeating: 1, count: input.shape.rank)
      dims[classAxis] = classes
      product = product * Tensor(weight, shape: Shape(dims))
    }
    switch reduction {
    case .none: return -product.sum(axis: classAxis)
    case .sum: return -product.sum()
    case .mean, .batchmean: return -product.sum() / Float(input.count / Swift.max(classes, 1))
    }
  }
}

/// Rejects a label smoothing outside `[0, 1]`.
package func validateSmoothing(_ value: Float) throws {
  guard value >= 0 && value <= 1 else { throw LossError.labelSmoothingOutOfRange(Double(value)) }
}
