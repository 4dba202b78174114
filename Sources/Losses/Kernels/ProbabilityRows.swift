import Foundation

/// The rows phase of ``FusedLinearCrossEntropy`` for probability targets: each row of logits
/// becomes its loss and, in place, its gradient.
///
/// With `y' = (1 − ε)·y + ε/V` and `A = Σ_c w_c·y'_c`, a row's loss is
/// `Σ_c w_c·y'_c·(lse − z_c)` and its gradient `scale·(A·softmax(z)_c − w_c·y'_c)`, as PyTorch's
/// `cross_entropy` with class probabilities. Sums are kept in `Double`. A row holding NaN or
/// `+∞`, or only `−∞`, gives NaN, as PyTorch's `log_softmax` does.
///
/// `@unchecked Sendable` is not needed: one call runs the rows of one block on one thread
/// (probability targets are not part of the benchmark; their speed is the exponential's).
struct ProbabilityRows {
  let vocabulary: Int
  /// The block's first row of targets; `count × V` floats.
  let targets: UnsafePointer<Float>
  let weight: [Float]?
  let smoothing: Float
  let scale: Float

  /// Runs `count` rows of `panel` (`count × V`, row-major).
  ///
  /// Safety contract: `panel` holds `count × V` floats, `targets` as many; `rowLosses`, when
  /// given, has room for `count` floats; none overlap.
  ///
  /// - Returns: The sum of the rows' losses.
  func run(
    count: Int, panel: UnsafeMutablePointer<Float>, writeGradient: Bool,
    rowLosses: UnsafeMutablePointer<Float>?
  ) -> Double {
    var total = 0.0
    let uniform = Double(smoothing) / Double(vocabulary)
    for t in 0..<count {
      let z = panel + t * vocabulary
      let y = targets + t * vocabulary
      var largest = -Float.infinity
      var poisoned = false
      for v in 0..<vocabulary {
        if z[v].isNaN { poisoned = true }
        largest = Swift.max(largest, z[v])
      }
      if largest == .infinity || largest == -.infinity { poisoned = true }
      var sum = 0.0
      for v in 0..<vocabulary { sum += Double(Foundation.exp(z[v] - largest)) }
      let lse = Double(largest) + Foundation.log(sum)
      var mass = 0.0
      var loss = 0.0
      for v in 0..<vocabulary {
        let smoothed = (1 - Double(smoothing)) * Double(y[v]) + uniform
        let weighted = Double(weight?[v] ?? 1) * smoothed
        mass += weighted
        loss += weighted * (lse - Double(z[v]))
      }
      if poisoned { loss = .nan }
      rowLosses?[t] = Float(loss)
      total += loss
      guard writeGradient else { continue }
      for v in 0..<vocabulary {
        let smoothed = (1 - Double(smoothing)) * Double(y[v]) + uniform
        let weighted = Double(weight?[v] ?? 1) * smoothed
        let probability = Foundation.exp(Double(z[v]) - lse)
        z[v] = poisoned ? .nan : Float(Double(scale) * (mass * probability - weighted))
      }
    }
    return total
  }
}
