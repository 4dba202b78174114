import Autograd
import Dispatch
import Foundation

/// Cross-entropy over class indices for `(N, C)` logits, loss and gradient in one sweep per row.
///
/// For each row the kernel makes two passes over the `C` logits:
///
/// 1. an online maximum and sum of exponentials (Milakov & Gimelshein, 2018), kept per SIMD lane
///    and rescaled only when a lane's maximum grows, giving `m` and `s = Σ exp(x − m)`, so
///    `lse = m + log s`;
/// 2. one write of the gradient `scale · (A·p_c − (1 − ε)·w_y·[c = y] − (ε/C)·w_c)` with
///    `p_c = exp(x_c − m) / s` and `A = (1 − ε)·w_y + (ε/C)·Σw`.
///
/// The row loss is `(1 − ε)·w_y·(lse − x_y) + (ε/C)·(Σw·lse − Σ w_c x_c)`. Ignored rows give 0
/// and a zero gradient row. A row holding NaN or `+∞`, or only `−∞`, gives NaN, as PyTorch's
/// `log_softmax` does. The gradient may be written over the logits (in place): each element is
/// read before it is written.
package enum FusedCrossEntropy {
  /// What one call needs to know besides the logits.
  package struct Problem {
    /// `C`.
    package var classes: Int
    /// One class index per row.
    package var targets: [Int]
    /// Class weights, or `nil` for all ones.
    package var weight: [Float]?
    /// The index of targets to skip.
    package var ignoreIndex: Int
    /// `ε`.
    package var labelSmoothing: Float

    package init(classes: Int, targets: [Int], weight: [Float]?, ignoreIndex: Int, labelSmoothing: Float) {
      self.classes = classes
      self.targets = targets
      self.weight = weight
      self.ignoreIndex = ignoreIndex
      self.labelSmoothing = labelSmoothing
    }

    /// `Σ w[yᵢ]` over rows that are not ignored: the `mean` denominator.
    package var totalTargetWeight: Double {
      var total = 0.0
      for y in targets where y != ignoreIndex { total += Double(weight?[y] ?? 1) }
      return total
    }
  }

  /// Runs the kernel over every row.
  ///
  /// - Parameters:
  ///   - logits: `rows × C` values, row-major.
  ///   - problem: Targets, weights and smoothing; targets must already be validated.
  ///   - gradientScale: Multiplies every gradient element (`1/Σw_y` for `mean`).
  ///   - gradient: Where to write `rows × C` gradient values, or `nil` to skip them. It may be
  ///     the same memory as `logits`.
  ///   - rowLosses: Where to write one loss per row, or `nil`.
  ///   - threads: How many threads share the rows.
  /// - Returns: The sum of the row losses.
  /// - Complexity: O(rows·C), two reads and one write of each logit.
  package static func run(
    logits: UnsafePointer<Float>, problem: Problem, gradientScale: Float,
    gradient: UnsafeMutablePointer<Float>?, rowLosses: UnsafeMutablePointer<Float>?,
    threads: Int = 1
  ) -> Double {
    let rows = problem.targets.count
    let weightTotal = problem.weight.map { $0.reduce(0.0) { $0 + Double($1) } } ?? Double(problem.classes)
    return problem.targets.withUnsafeBufferPointer { targets in
      withOptionalPointer(problem.weight) { weight in
        let context = RowContext(
          classes: problem.classes, weight: weight, weightTotal: weightTotal,
          smoothing: problem.labelSmoothing, scale: gradientScale, ignoreIndex: problem.ignoreIndex)
        let workers = Swift.max(1, Swift.min(threads, rows))
        if workers == 1 {
          var total = 0.0
          for row in 0..<rows {
            total += context.run(row: row, target: targets[row], logits: logits, gradient: gradient, rowLosses: rowLosses)
          }
          return total
        }
        let partials = UnsafeMutableBufferPointer<Double>.allocate(capacity: workers)
        defer { partials.deallocate() }
        let logitsAddress = UInt(bitPattern: logits)
        let gradientAddress = gradient.map { UInt(bitPattern: $0) }
        let lossesAddress = rowLosses.map { UInt(bitPattern: $0) }
        let partialsAddress = UInt(bitPattern: partials.baseAddress!)
        let targetsAddress = UInt(bitPattern: targets.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          let logits = UnsafePointer<Float>(bitPattern: logitsAddress)!
          let gradient = gradientAddress.flatMap { UnsafeMutablePointer<Float>(bitPattern: $0) }
          let rowLosses = lossesAddress.flatMap { UnsafeMutablePointer<Float>(bitPattern: $0) }
          let targets = UnsafePointer<Int>(bitPattern: targetsAddress)!
          var total = 0.0
          for row in stride(from: rows * worker / workers, to: rows * (worker + 1) / workers, by: 1) {
            total += context.run(row: row, target: targets[row], logits: logits, gradient: gradient, rowLosses: rowLosses)
          }
          UnsafeMutablePointer<Double>(bitPattern: partialsAddress)![worker] = total
        }
        return partials.reduce(0, +)
      }
    }
  }

  private static func withOptionalPointer<R>(
    _ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R
  ) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}

/// The per-row work of ``FusedCrossEntropy``, with everything that is the same for every row.
private struct RowContext: @unchecked Sendable {
  let classes: Int
  let weight: UnsafePointer<Float>?
  let weightTotal: Double
  let smoothing: Float
  let scale: Float
  let ignoreIndex: Int

  /// Computes one row's loss and, if asked, its gradient row.
  @inline(__always)
  func run(
    row: Int, target: Int, logits: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>?,
    rowLosses: UnsafeMutablePointer<Float>?
  ) -> Double {
    let c = classes
    let x = logits + row * c
    let out = gradient.map { $0 + row * c }
    if target == ignoreIndex {
      if let out { out.update(repeating: 0, count: c) }
      rowLosses?[row] = 0
      return 0
    }
    let stats = RowStatistics(x, count: c, weight: weight, needsWeightedSum: smoothing > 0)
    let wy = Double(weight?[target] ?? 1)
    let eps = Double(smoothing)
    guard stats.isFinite else {
      if let out { out.update(repeating: .nan, count: c) }
      rowLosses?[row] = .nan
      return .nan
    }
    let lse = Double(stats.max) + Foundation.log(stats.sum)
    let xy = Double(x[target])
    var loss = (1 - eps) * wy * (lse - xy)
    if smoothing > 0 {
      loss += eps / Double(c) * (weightTotal * lse - stats.weightedSum)
    }
    rowLosses?[row] = Float(loss)
    if let out {
      let a = Float(((1 - eps) * wy + eps / Double(c) * weightTotal) / stats.sum) * scale
      let perClass = smoothing / Float(c) * scale
      writeGradient(x, out, max: stats.max, a: a, perClass: perClass)
      // `x[target]` has been read (or overwritten in place); the one-hot term uses `out` only.
      out[target] -= Float((1 - eps) * wy) * scale
    }
    return loss
  }

  /// `out_c = a·exp(x_c − m) − perClass·w_c` for every class.
  @inline(__always)
  private func writeGradient(
    _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, max m: Float, a: Float,
    perClass: Float
  ) {
    let width = FloatVector.scalarCount
    let mv = FloatVector(repeating: m)
    var k = 0
    while k + width <= classes {
      let v = UnsafeRawPointer(x + k).loadUnaligned(as: FloatVector.self)
      var g = vectorExp(v - mv) * a
      if perClass != 0 {
        if let weight {
          g -= UnsafeRawPointer(weight + k).loadUnaligned(as: FloatVector.self) * perClass
        } else {
          g -= FloatVector(repeating: perClass)
        }
      }
      UnsafeMutableRawPointer(out + k).storeBytes(of: g, as: FloatVector.self)
      k += width
    }
    if k < classes {
      var v = FloatVector(repeating: -.infinity)
      var w = FloatVector(repeating: 1)
      for j in k..<classes {
        v[j - k] = x[j]
        if let weight { w[j - k] = weight[j] }
      }
      let g = vectorExp(v - mv) * a - w * perClass
      for j in k..<classes { out[j] = g[j - k] }
    }
  }
}

/// The maximum of a row, `Σ exp(x − max)`, and optionally `Σ w·x`, from one pass.
private struct RowStatistics {
  private(set) var max: Float = -.infinity
  private(set) var sum: Double = 0
  private(set) var weightedSum: Double = 0
  private(set) var isFinite = true

  @inline(__always)
  init(_ x: UnsafePointer<Float>, count: Int, weight: UnsafePointer<Float>?, needsWeightedSum: Bool) {
    let width = FloatVector.scalarCount
    // Start lanes at the most negative finite value so the first rescale is exp(−huge) = 0.
    var laneMax = FloatVector(repeating: -.greatestFiniteMagnitude)
    var laneSum = FloatVector(repeating: 0)
    var laneDot = FloatVector(repeating: 0)
    var sawNaN = SIMDMask<SIMD16<Int32>>(repeating: false)
    var k = 0
    @inline(__always) func absorb(_ v: FloatVector, _ w: FloatVector) {
      sawNaN .|= v .!= v
      let grown = v .> laneMax
      if any(grown) {
        let newMax = laneMax.replacing(with: v, where: grown)
        laneSum = laneSum * vectorExp(laneMax - newMax)
        laneMax = newMax
      }
      laneSum += vectorExp(v - laneMax)
      if needsWeightedSum { laneDot += v * w }
    }
    let ones = FloatVector(repeating: 1)
    while k + width <= count {
      let v = UnsafeRawPointer(x + k).loadUnaligned(as: FloatVector.self)
      let w = weight.map { UnsafeRawPointer($0 + k).loadUnaligned(as: FloatVector.self) } ?? ones
      absorb(v, w)
      k += width
    }
    if k < count {
      var v = FloatVector(repeating: -.infinity)
      var w = FloatVector(repeating: 0)
      for j in k..<count {
        v[j - k] = x[j]
        w[j - k] = weight?[j] ?? 1
      }
      // −∞ padding must not enter Σw·x: its weight is 0 and 0·(−∞) would be NaN.
      if needsWeightedSum {
        let real = w .!= 0
        laneDot += (v * w).replacing(with: 0, where: .!real)
      }
      let saved = laneDot
      absorb(v, w)
      laneDot = saved
    }
    let m = laneMax.max()
    if any(sawNaN) || m == .infinity || m == -.greatestFiniteMagnitude {
      isFinite = false
      return
    }
    max = m
    var total = 0.0
    var dot = 0.0
    for lane in 0..<width {
      total += Double(laneSum[lane]) * Foundation.exp(Double(laneMax[lane] - m))
      dot += Double(laneDot[lane])
    }
    sum = total
    weightedSum = dot
  }
}
