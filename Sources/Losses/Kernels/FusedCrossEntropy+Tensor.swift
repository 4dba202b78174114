import Autograd

extension FusedCrossEntropy {
  /// Cross-entropy of a `(C)` or `(N, C)` input with class indices, as a recorded graph node.
  ///
  /// The gradient is computed with the loss (only when the input requires one) and kept for the
  /// backward pass, which just scales it: no softmax, log-softmax or one-hot tensor is formed,
  /// and the only `N × C` allocation is the gradient itself.
  ///
  /// - Throws: ``LossError`` for invalid shapes, indices, weight or smoothing.
  package static func loss(
    _ input: Tensor, target: [Int], targetShape: Shape, weight: [Float]?, ignoreIndex: Int,
    labelSmoothing: Float, reduction: Reduction
  ) throws -> Tensor {
    try reduction.requireStandard()
    try validateSmoothing(labelSmoothing)
    let layout = try ClassIndexLayout.checked(
      input: input.shape, target: target, targetShape: targetShape, weight: weight,
      ignoreIndex: ignoreIndex)
    let problem = Problem(
      classes: layout.classes, targets: target, weight: weight, ignoreIndex: ignoreIndex,
      labelSmoothing: labelSmoothing)
    let rows = target.count
    let totalWeight = problem.totalTargetWeight
    // A zero total: every target ignored gives a zero gradient; targets whose weights sum to 0
    // give PyTorch's g / 0 (their rows become NaN).
    let anyKept = target.contains { $0 != ignoreIndex }
    let scale = gradientScale(reduction, total: totalWeight, anyKept: anyKept)
    let wantsGradient = GradMode.isEnabled && input.requiresGrad
    var rowLosses = [Float](repeating: 0, count: reduction == .none ? rows : 0)
    var gradient = [Float]()
    var total = 0.0
    func sweep(into out: UnsafeMutablePointer<Float>?) {
      input.data.withUnsafeBufferPointer { logits in
        rowLosses.withUnsafeMutableBufferPointer { losses in
          guard let base = logits.baseAddress else { return }
          // An empty array's base address is shared storage: never hand it out for writing.
          total = run(
            logits: base, problem: problem, gradientScale: scale, gradient: out,
            rowLosses: losses.isEmpty ? nil : losses.baseAddress)
        }
      }
    }
    if wantsGradient {
      gradient = [Float](unsafeUninitializedCapacity: input.count) { buffer, initialized in
        sweep(into: buffer.baseAddress)
        initialized = input.count
      }
    } else {
      sweep(into: nil)
    }
    let classes = layout.classes
    // No classes to smooth over: the smoothing term ε/C · 0 is NaN for every row, ignored
    // ones included, as PyTorch computes it (and as the composed form does).
    if classes == 0 && labelSmoothing > 0 {
      rowLosses = rowLosses.map { _ in .nan }
      total = .nan
    }
    switch reduction {
    case .none:
      return Tensor(result: rowLosses, shape: targetShape, parents: [input]) { result in
        let g = result.grad!
        var gx = gradient
        for row in 0..<rows where g[row] != 1 {
          for c in 0..<classes { gx[row * classes + c] *= g[row] }
        }
        result.parents[0].accumulateGrad(gx)
      }
    case .sum, .mean, .batchmean:
      // A zero total is NaN however the rows sum (with smoothing they need not sum to 0).
      let value = reduction == .sum ? total : (totalWeight == 0 ? .nan : total / totalWeight)
      return Tensor(result: [Float(value)], shape: [], parents: [input]) { result in
        let g = result.grad![0]
        result.parents[0].accumulateGrad(g == 1 ? gradient : gradient.map { $0 * g })
      }
    }
  }
}
