import Autograd

/// One pass of ``FusedLinearCrossEntropy`` over a call's tensors, with its results as arrays.
struct LinearCrossEntropyStep {
  let input: Tensor
  let linearWeight: Tensor
  let bias: Tensor?
  let problem: FusedLinearCrossEntropy.Problem
  let threads: Int

  /// What a pass produced.
  struct Results {
    var total: Double
    var rowLosses: [Float]
    /// Per parent (input, linear weight, bias): its gradient, or `nil` when it needs none.
    var gradients: [[Float]?]

    /// Adds the gradients, times `factor`, to the parents that require them.
    func accumulate(into parents: [Tensor], times factor: Float = 1) {
      for (parent, gradient) in zip(parents, gradients) {
        guard let gradient else { continue }
        parent.accumulateGrad(factor == 1 ? gradient : gradient.map { $0 * factor })
      }
    }
  }

  /// Runs the kernel: the losses, and when `gradients`, the gradients of the tensors that
  /// require one.
  func run(scale: Float, rowScales: [Float]?, gradients: Bool) -> Results {
    let parents = [input, linearWeight] + (bias.map { [$0] } ?? [])
    func zeros(_ index: Int) -> [Float]? {
      guard index < parents.count, gradients, parents[index].requiresGrad else { return nil }
      return [Float](repeating: 0, count: parents[index].count)
    }
    // Three variables, not one array: each is borrowed for writing at the same time.
    var inputGradient = zeros(0)
    var weightGradient = zeros(1)
    var biasGradient = zeros(2)
    var rowLosses = [Float](repeating: 0, count: problem.tokens)
    var total = 0.0
    input.data.withUnsafeBufferPointer { x in
      linearWeight.data.withUnsafeBufferPointer { w in
        withOptionalPointer(bias?.data) { b in
          withOptionalPointer(rowScales) { scales in
            rowLosses.withUnsafeMutableBufferPointer { losses in
              withOptionalMutablePointer(&inputGradient) { dx in
                withOptionalMutablePointer(&weightGradient) { dw in
                  withOptionalMutablePointer(&biasGradient) { db in
                    guard let x = x.baseAddress, let w = w.baseAddress else { return }
                    total = FusedLinearCrossEntropy.run(
                      input: x, linearWeight: w, bias: b, problem: problem, gradientScale: scale,
                      rowScales: scales,
                      gradients: .init(
                        input: dx, weight: dw, bias: db, rowLosses: losses.baseAddress),
                      threads: threads)
                  }
                }
              }
            }
          }
        }
      }
    }
    let outputs = [inputGradient, weightGradient, biasGradient]
    return Results(total: total, rowLosses: rowLosses, gradients: outputs)
  }
}
