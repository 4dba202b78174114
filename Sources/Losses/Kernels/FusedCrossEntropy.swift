import Autograd
import Dispatch
import Foundation

/// Cross-entropy over class indices for `(N, C)` logits, loss and gradient in one sweep per row.
///
/// For each row the kernel makes three passes over the `C` values:
///
/// 1. a scan for the maximum `m` (and `Σ w_c x_c` when smoothing), with no exponentials;
/// 2. one exponential per logit, `e_c = exp(x_c − m)`, written to the gradient row while
///    `s = Σ e_c` accumulates, so `lse = m + log s`;
/// 3. an in-cache rescale of that row to `scale · (A·e_c/s − (ε/C)·w_c)`, then the target's
///    `− scale·(1 − ε)·w_y`, where `A = (1 − ε)·w_y + (ε/C)·Σw`.
///
/// An online max-and-sum (Milakov & Gimelshein, 2018) would fuse passes 1 and 2, but it must
/// exponentiate again when writing the gradient: two exponentials per logit instead of one.
/// Measured on 128 × 50257 the exponentials are the cost, and a 200 KB row stays in L2 between
/// passes, so the logits are still read from memory once and the gradient written once.
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
    let scan = RowScan(x, count: c, weight: weight, needsWeightedSum: smoothing > 0)
    guard scan.isFinite else {
      if let out { out.update(repeating: .nan, count: c) }
      rowLosses?[row] = .nan
      return .nan
    }
    // Read before the exponentials may be written over the logits (in place).
    let xy = Double(x[target])
    let sum = exponentiate(x, into: out, max: scan.max)
    let wy = Double(weight?[target] ?? 1)
    let eps = Double(smoothing)
    let lse = Double(scan.max) + Foundation.log(sum)
    var loss = (1 - eps) * wy * (lse - xy)
    if smoothing > 0 {
      loss += eps / Double(c) * (weightTotal * lse - scan.weightedSum)
    }
    rowLosses?[row] = Float(loss)
    if let out {
      let a = Float(((1 - eps) * wy + eps / Double(c) * weightTotal) / sum) * scale
      finishGradient(out, a: a, perClass: smoothing / Float(c) * scale)
      out[target] -= Float((1 - eps) * wy) * scale
    }
    return loss
  }

  /// Writes `exp(x_c − m)` to `out` (when given) and returns `Σ exp(x_c − m)`.
  ///
  /// This is the kernel's only pass with exponentials: one per logit.
  @inline(__always)
  private func exponentiate(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>?, max m: Float) -> Double {
    Double(Losses.exponentiate(x, count: classes, shift: m, into: out, boundedAbove: true))
  }

  /// `out_c ← a·out_c − perClass·w_c`: turns the stored exponentials into the gradient.
  @inline(__always)
  private func finishGradient(_ out: UnsafeMutablePointer<Float>, a: Float, perClass: Float) {
    let width = FloatVector.scalarCount
    var k = 0
    if perClass == 0 {
      while k + width <= classes {
        let e = UnsafeRawPointer(out + k).loadUnaligned(as: FloatVector.self)
        UnsafeMutableRawPointer(out + k).storeBytes(of: e * a, as: FloatVector.self)
        k += width
      }
      for j in k..<classes { out[j] *= a }
      return
    }
    while k + width <= classes {
      let e = UnsafeRawPointer(out + k).loadUnaligned(as: FloatVector.self)
      let w = weight.map { UnsafeRawPointer($0 + k).loadUnaligned(as: FloatVector.self) } ?? FloatVector(repeating: 1)
      UnsafeMutableRawPointer(out + k).storeBytes(of: e * a - w * perClass, as: FloatVector.self)
      k += width
    }
    for j in k..<classes { out[j] = out[j] * a - (weight?[j] ?? 1) * perClass }
  }
}

/// One pass over a row without exponentials: its maximum, whether it is usable, and `Σ w·x`.
private struct RowScan {
  private(set) var max: Float = -.infinity
  private(set) var weightedSum: Double = 0
  private(set) var isFinite = true

  @inline(__always)
  init(_ x: UnsafePointer<Float>, count: Int, weight: UnsafePointer<Float>?, needsWeightedSum: Bool) {
    let width = FloatVector.scalarCount
    var laneMax = FloatVector(repeating: -.infinity)
    var laneDot = FloatVector(repeating: 0)
    var sawNaN = SIMDMask<SIMD16<Int32>>(repeating: false)
    var k = 0
    while k + width <= count {
      let v = UnsafeRawPointer(x + k).loadUnaligned(as: FloatVector.self)
      sawNaN .|= v .!= v
      laneMax.replace(with: v, where: v .> laneMax)
      if needsWeightedSum {
        laneDot += weight.map { v * UnsafeRawPointer($0 + k).loadUnaligned(as: FloatVector.self) } ?? v
      }
      k += width
    }
    var m = laneMax.max()
    var dot = needsWeightedSum ? Double(laneDot.sum()) : 0
    var nan = any(sawNaN)
    for j in k..<count {
      let v = x[j]
      if v.isNaN { nan = true }
      if v > m { m = v }
      if needsWeightedSum { dot += Double(v * (weight?[j] ?? 1)) }
    }
    // NaN, +∞ or an all −∞ row makes log_softmax NaN throughout, as in PyTorch.
    if nan || m == .infinity || m == -.infinity {
      isFinite = false
      return
    }
    max = m
    weightedSum = dot
  }
}
