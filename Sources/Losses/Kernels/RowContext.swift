import Foundation

/// The per-row work of ``FusedCrossEntropy``, with everything that is the same for every row.
///
/// `@unchecked Sendable`: `weight` points at `classes` floats that ``FusedCrossEntropy/run(logits:problem:gradientScale:gradient:rowLosses:threads:)``
/// keeps alive and unchanged for the whole call; the threads only read it, and each writes only
/// its own rows of the gradient and the row losses.
struct RowContext: @unchecked Sendable {
  let classes: Int
  let weight: UnsafePointer<Float>?
  let weightTotal: Double
  let smoothing: Float
  let scale: Float
  let ignoreIndex: Int

  /// How many logits at the start of a row give the guessed shift: 2 KB, 32 vectors.
  static let guessLength = 512
  /// How far a row's maximum may lie above the guessed shift: `e⁶⁰ ≈ 1.1·10²⁶`.
  static let largestExcess: Float = 60

  /// Runs a contiguous range of rows.
  ///
  /// Never inlined: inlined into a large caller (the benchmark's closure), the optimizer stopped
  /// inlining the exponential into the loops and called it per vector (see `README.md`).
  ///
  /// - Returns: The sum of the range's row losses.
  @inline(never)
  func run(
    rows: Range<Int>, targets: UnsafePointer<Int>, logits: UnsafePointer<Float>,
    gradient: UnsafeMutablePointer<Float>?, rowLosses: UnsafeMutablePointer<Float>?
  ) -> Double {
    var total = 0.0
    for row in rows {
      let loss = run(
        target: targets[row], logits: logits + row * classes,
        gradient: gradient.map { $0 + row * classes })
      rowLosses?[row] = Float(loss)
      total += loss
    }
    return total
  }

  /// Computes one row's loss and, if asked, its gradient row.
  @inline(__always)
  func run(
    target: Int, logits x: UnsafePointer<Float>, gradient out: UnsafeMutablePointer<Float>?
  ) -> Double {
    let c = classes
    if target == ignoreIndex {
      // An ignored row contributes nothing, but PyTorch's log-softmax backward still multiplies
      // its zero gradient by the row's softmax, which is NaN (so 0 × NaN) when the row holds NaN
      // or +∞, or is −∞ throughout.
      if let out {
        var poisoned = false
        var allNegativeInfinity = true
        for j in 0..<c {
          if x[j].isNaN || x[j] == .infinity { poisoned = true }
          if x[j] != -.infinity { allNegativeInfinity = false }
        }
        out.update(repeating: poisoned || allNegativeInfinity ? .nan : 0, count: c)
      }
      return 0
    }
    // Read before the exponentials may be written over the logits (in place).
    let xy = Double(x[target])
    // With smoothing the scan's lane sums of x would be grouped by the alignment: not aligned.
    let span = RowSpan(
      aligning: smoothing > 0 ? nil : out.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(x),
      classes: c)
    guard let row = exponentiate(x, into: out, span: span) else {
      if let out { out.update(repeating: .nan, count: c) }
      return .nan
    }
    let wy = Double(weight?[target] ?? 1)
    let eps = Double(smoothing)
    let lse = Double(row.shift) + Foundation.log(row.sum)
    // lse ≥ x_y exactly; the kernel's rounding can leave −7e-9 on a long, confident row, and
    // cross-entropy is never negative (NaN still passes: `NaN < 0` is false).
    let margin = lse - xy
    var loss = (1 - eps) * wy * (margin < 0 ? 0 : margin)
    if smoothing > 0 {
      var spread = weightTotal * lse - row.weightedSum
      // Σ_c w_c·(lse − x_c) as Σw·lse − Σw·x is ∞ − ∞ when a class weight is infinite; PyTorch
      // sums the terms and gets ∞. Rare, so summed directly then, from the logits when they are
      // still there (not in place, which only the benchmark uses).
      if spread.isNaN, !weightTotal.isNaN, let weight, out.map({ UnsafePointer($0) != x }) ?? true {
        spread = 0
        for j in 0..<c { spread += Double(weight[j]) * (lse - Double(x[j])) }
      }
      loss += eps / Double(c) * spread
    }
    if let out {
      // Without smoothing the other classes' weights play no part (a NaN weight of a class no
      // target uses must not reach the gradient through 0 × NaN).
      let smoothed = smoothing > 0 ? eps / Double(c) * weightTotal : 0
      let a = Float(((1 - eps) * wy + smoothed) / row.sum) * scale
      finishGradient(out, a: a, perClass: smoothing / Float(c) * scale, span: span)
      out[target] -= Float((1 - eps) * wy) * scale
    }
    return loss
  }

  /// `out_c ← a·out_c − perClass·w_c`: turns the stored exponentials into the gradient.
  @inline(__always)
  func finishGradient(
    _ out: UnsafeMutablePointer<Float>, a: Float, perClass: Float, span: RowSpan
  ) {
    let width = FloatVector.scalarCount
    var k = span.head
    if perClass == 0 {
      for j in 0..<span.head { out[j] *= a }
      while k < span.whole {
        let e = UnsafeRawPointer(out + k).loadUnaligned(as: FloatVector.self)
        UnsafeMutableRawPointer(out + k).storeBytes(of: e * a, as: FloatVector.self)
        k &+= width
      }
      for j in k..<classes { out[j] *= a }
      return
    }
    for j in 0..<span.head { out[j] = out[j] * a - (weight?[j] ?? 1) * perClass }
    while k < span.whole {
      let e = UnsafeRawPointer(out + k).loadUnaligned(as: FloatVector.self)
      let w =
        weight.map { UnsafeRawPointer($0 + k).loadUnaligned(as: FloatVector.self) }
        ?? FloatVector(repeating: 1)
      UnsafeMutableRawPointer(out + k).storeBytes(of: e * a - w * perClass, as: FloatVector.self)
      k &+= width
    }
    for j in k..<classes { out[j] = out[j] * a - (weight?[j] ?? 1) * perClass }
  }
}
