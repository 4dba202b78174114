import Autograd
import Dispatch
import Foundation

/// Cross-entropy over class indices for `(N, C)` logits, loss and gradient in one sweep per row.
///
/// Each row is read from memory once, by a loop that does all the exponentials:
///
/// 1. `e_c = exp(x_c − s)` for every logit, written to the gradient row while `Σ e_c` accumulates;
///    the same loop scans the values it has just loaded for the row's maximum `M`, NaN and (when
///    smoothing) `Σ w_c x_c`. The shift `s` is not `M`, which would need a pass over the row of
///    its own before the exponentials: that pass (or scanning the next row during this one)
///    makes the row's memory traffic overlap the arithmetic badly (measured in `README.md`). `s` is the maximum of the row's first 512 logits, which are
///    read again from L1. As `s ≀ M`, every `e_c ≀ exp(M − s)`: when `M − s ≀` ``largestExcess``
///    the sum cannot overflow (`C·e⁶⁰` is finite for any `C` below 10¹²), `lse = s + log Σ e_c`
///    is as exact as with `s = M`, and a logit underflows to 0 only where it would with `s = M`.
///    A row whose maximum lies further above its first logits is exponentiated again with
///    `s = M`, from L2;
/// 2. an in-cache rescale of that row to `scale · (A·e_c/Σe − (ε/C)·w_c)`, then the target's
///    `− scale·(1 − ε)·w_y`, where `A = (1 − ε)·w_y + (ε/C)·Σw`.
///
/// An online max-and-sum (Milakov & Gimelshein, 2018) needs no guess, but must exponentiate again
/// when writing the gradient: two exponentials per logit instead of one. A 200 KB row stays in L2
/// between the passes, so the logits are read from memory once and the gradient written once.
///
/// The row loss is `(1 − ε)·w_y·(lse − x_y) + (ε/C)·(Σw·lse − Σ w_c x_c)`. Ignored rows give 0
/// and a zero gradient row. A row holding NaN or `+∞`, or only `−∞`, gives NaN, as PyTorch's
/// `log_softmax` does. The gradient may be written over the logits (in place): a wrong guess could
/// then not be retried, so in place each row is scanned for its maximum first.
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

    package init(
      classes: Int, targets: [Int], weight: [Float]?, ignoreIndex: Int, labelSmoothing: Float
    ) {
      self.classes = classes
      self.targets = targets
      self.weight = weight
      self.ignoreIndex = ignoreIndex
      self.labelSmoothing = labelSmoothing
    }

    /// `Σ w[yᵢ]` over rows that are not ignored: the `mean` denominator.
    package var totalTargetWeight: Double {
      FusedCrossEntropy.totalTargetWeight(targets, weight: weight, ignoreIndex: ignoreIndex)
    }
  }

  /// `Σ w[yᵢ]` over the targets that are not ignored: the `mean` denominator of class indices.
  package static func totalTargetWeight(_ targets: [Int], weight: [Float]?, ignoreIndex: Int)
    -> Double
  {
    var total = 0.0
    for y in targets where y != ignoreIndex { total += Double(weight?[y] ?? 1) }
    return total
  }

  /// What every gradient element is multiplied by for `reduction`: `1/total` for `mean`, 1
  /// otherwise. A zero total gives PyTorch's `g / 0` (infinite, so the kept rows become NaN)
  /// when some target is kept, and a zero gradient when every target is ignored.
  package static func gradientScale(_ reduction: Reduction, total: Double, anyKept: Bool) -> Float {
    guard reduction == .mean else { return 1 }
    return total == 0 ? (anyKept ? .infinity : 0) : Float(1 / total)
  }

  /// Runs the kernel over every row.
  ///
  /// Safety contract: `logits` holds `rows × C` floats (`rows` = `problem.targets.count`, any
  /// alignment); `gradient`, when given, has room for as many and is either disjoint from
  /// `logits` or exactly the same memory (in place), never partly overlapping; `rowLosses`, when
  /// given, has room for `rows` floats; `problem.weight`, when given, holds `C` floats. Nothing
  /// is kept after the call returns.
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
  /// - Complexity: O(rows·C): each logit read from memory once, each gradient element written
  ///   once (and rewritten in cache).
  package static func run(
    logits: UnsafePointer<Float>, problem: Problem, gradientScale: Float,
    gradient: UnsafeMutablePointer<Float>?, rowLosses: UnsafeMutablePointer<Float>?,
    threads: Int = 1
  ) -> Double {
    let rows = problem.targets.count
    guard rows > 0 else { return 0 }
    let weightTotal =
      problem.weight.map { $0.reduce(0.0) { $0 + Double($1) } } ?? Double(problem.classes)
    return problem.targets.withUnsafeBufferPointer { targets in
      withOptionalPointer(problem.weight) { weight in
        let context = RowContext(
          classes: problem.classes, weight: weight, weightTotal: weightTotal,
          smoothing: problem.labelSmoothing, scale: gradientScale, ignoreIndex: problem.ignoreIndex)
        let workers = Swift.max(1, Swift.min(threads, rows))
        if workers == 1 {
          return context.run(
            rows: 0..<rows, targets: targets.baseAddress!, logits: logits, gradient: gradient,
            rowLosses: rowLosses)
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
          let range = (rows * worker / workers)..<(rows * (worker + 1) / workers)
          UnsafeMutablePointer<Double>(bitPattern: partialsAddress)![worker] = context.run(
            rows: range, targets: targets, logits: logits, gradient: gradient, rowLosses: rowLosses)
        }
        return partials.reduce(0, +)
      }
    }
  }
}
