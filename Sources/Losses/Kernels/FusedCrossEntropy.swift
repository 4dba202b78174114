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
///    its own before the exponentials: that pass (or scanning the next row during this one, as
///    this kernel did before) made the row's memory traffic overlap the arithmetic badly and
///    cost a quarter of the time. `s` is the maximum of the row's first 512 logits, which are
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

/// The per-row work of ``FusedCrossEntropy``, with everything that is the same for every row.
private struct RowContext: @unchecked Sendable {
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
  /// inlining the exponential into the loops and called it per vector, at half the speed.
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
  private func run(
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

  /// Writes `exp(x_c − s)` to `out` (when given) and gives `Σ exp(x_c − s)`, the shift `s` and
  /// `Σ w_c x_c` (when smoothing), or `nil` for a row that gives NaN.
  @inline(__always)
  private func exponentiate(
    _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>?, span: RowSpan
  ) -> (sum: Double, shift: Float, weightedSum: Double)? {
    let inPlace = out.map { UnsafeRawPointer($0) == UnsafeRawPointer(x) } ?? false
    if !inPlace, let guess = guessedShift(x) {
      let (sum, scan) = exponentiateScanning(x, into: out, shift: guess, span: span)
      guard scan.isFinite else { return nil }
      if scan.max - guess <= Self.largestExcess {
        return (sum, guess, scan.weightedSum)
      }
      // The row's maximum is far above its first logits: once more from L2, shifted by it.
      return (
        exponentiate(x, into: out, shift: scan.max, span: span, with: NoScan()).sum, scan.max,
        scan.weightedSum
      )
    }
    let scan = RowScan(x, count: classes, weight: weight, needsWeightedSum: smoothing > 0)
    guard scan.isFinite else { return nil }
    return (
      exponentiate(x, into: out, shift: scan.max, span: span, with: NoScan()).sum, scan.max,
      scan.weightedSum
    )
  }

  /// The maximum of the row's first ``guessLength`` logits, or `nil` when it is not finite (NaN,
  /// `+∞`, or only `−∞` there): the row is then scanned whole before its exponentials.
  @inline(__always)
  private func guessedShift(_ x: UnsafePointer<Float>) -> Float? {
    let head = MaxScan().run(x, count: Swift.min(classes, Self.guessLength))
    return head.isFinite ? head.max : nil
  }

  /// ``exponentiate(_:into:shift:span:with:)`` with the scan the row needs.
  ///
  /// Each kind of scan is its own type, so the loop is compiled once per kind with nothing tested
  /// inside it (a loop that tested the options per vector measured 40% slower).
  @inline(__always)
  private func exponentiateScanning(
    _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>?, shift s: Float, span: RowSpan
  ) -> (Double, RowScan) {
    switch (smoothing > 0, weight) {
    case (false, _):
      let (sum, scan) = exponentiate(x, into: out, shift: s, span: span, with: MaxScan())
      return (sum, scan.finish(x, head: span.head, from: span.whole, count: classes))
    case (true, nil):
      let (sum, scan) = exponentiate(x, into: out, shift: s, span: span, with: SumScan())
      return (sum, scan.finish(x, head: span.head, from: span.whole, count: classes))
    case (true, let weight?):
      let (sum, scan) = exponentiate(
        x, into: out, shift: s, span: span, with: WeightedSumScan(weight: weight))
      return (sum, scan.finish(x, head: span.head, from: span.whole, count: classes))
    }
  }

  /// The kernel's exponential loop: writes `exp(x_c − s)` to `out` (when given), returns their
  /// sum, and feeds the scan the whole vectors of `x` (the values before and after them are left
  /// to the caller).
  ///
  /// The scan goes in and comes out by value: as an `inout` argument of a function that is not
  /// inlined it lived in memory, and every vector waited on a store and a load of it. Values of
  /// `x_c − s` above 88 give garbage here; the caller retries such a row (see `largestExcess`).
  @inline(__always)
  private func exponentiate<Scan: LaneScan>(
    _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>?, shift s: Float,
    span: RowSpan,
    with initial: Scan
  ) -> (sum: Double, scan: Scan) {
    var scan = initial
    let width = FloatVector.scalarCount
    // Each lane adds up the values of one residue mod 16, in the order of the row, wherever the
    // whole vectors begin: the head's values go into the lanes their residues fall in, and the
    // lanes are turned back before they are summed. The sum, and so every result, is then the
    // same for every alignment of the gradient, that is, wherever the memory was allocated.
    var total = exponentiateFew(x, into: out, shift: s, 0..<span.head, lanesFrom: width - span.head)
    // The count runs from one aligned vector to the next and cannot overflow: not checked.
    var k = span.head
    if let out {
      while k < span.whole {
        let v = UnsafeRawPointer(x + k).loadUnaligned(as: FloatVector.self)
        let e = exponentialInRange(v - s)
        total += e
        UnsafeMutableRawPointer(out + k).storeBytes(of: e, as: FloatVector.self)
        scan.add(v, at: k)
        k &+= width
      }
    } else {
      while k < span.whole {
        let v = UnsafeRawPointer(x + k).loadUnaligned(as: FloatVector.self)
        total += exponentialInRange(v - s)
        scan.add(v, at: k)
        k &+= width
      }
    }
    total += exponentiateFew(x, into: out, shift: s, span.whole..<classes, lanesFrom: 0)
    return (Double(span.turnedBack(total).sum()), scan)
  }

  /// The exponentials of fewer than sixteen values (the head or tail of a row), in one vector
  /// holding them from lane `first` on, with −∞ elsewhere (whose exponential is 0).
  @inline(__always)
  private func exponentiateFew(
    _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>?, shift s: Float,
    _ range: Range<Int>,
    lanesFrom first: Int
  ) -> FloatVector {
    guard !range.isEmpty else { return FloatVector(repeating: 0) }
    var v = FloatVector(repeating: -.infinity)
    for j in range { v[first + j - range.lowerBound] = x[j] - s }
    let e = exponentialInRange(v)
    if let out { for j in range { out[j] = e[first + j - range.lowerBound] } }
    return e
  }

  /// `out_c ← a·out_c − perClass·w_c`: turns the stored exponentials into the gradient.
  @inline(__always)
  private func finishGradient(
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

/// Where a row's whole vectors lie when they are aligned on 64 bytes (a cache line) in the
/// gradient row: `head` values before the first, and the last ends at `whole`.
///
/// A 16-lane store that straddles two cache lines costs two; aligned, the kernel measured 7%
/// faster. The logits are then read wherever they fall.
private struct RowSpan {
  let head: Int
  let whole: Int

  /// The span aligned on `row`'s cache lines, or starting at the row's first value (`nil`).
  init(aligning row: UnsafeRawPointer?, classes: Int) {
    let width = FloatVector.scalarCount
    let misalignment = row.map { Int(bitPattern: $0) & 63 } ?? 0
    head = Swift.min(classes, ((64 - misalignment) & 63) / MemoryLayout<Float>.stride)
    whole = head + (classes - head) / width * width
  }

  /// Lane sums kept by residue with the head in the last lanes, turned so that lane `r` holds the
  /// values at indices `≡ r (mod 16)`, as with no head.
  @inline(__always)
  func turnedBack(_ lanes: FloatVector) -> FloatVector {
    guard head > 0 else { return lanes }
    return withUnsafeTemporaryAllocation(of: FloatVector.self, capacity: 2) { twice in
      twice[0] = lanes
      twice[1] = lanes
      let scalars =
        UnsafeRawPointer(twice.baseAddress!) + MemoryLayout<Float>.stride
        * (FloatVector.scalarCount - head)
      return scalars.loadUnaligned(as: FloatVector.self)
    }
  }
}

/// What a row needs to know before its exponentials: its maximum, whether it is usable, and
/// `Σ w·x` (for smoothing).
private struct RowScan {
  let max: Float
  let weightedSum: Double
  let isFinite: Bool

  /// Scans a row in a pass of its own.
  init(_ x: UnsafePointer<Float>, count: Int, weight: UnsafePointer<Float>?, needsWeightedSum: Bool)
  {
    switch (needsWeightedSum, weight) {
    case (false, _): self = MaxScan().run(x, count: count)
    case (true, nil): self = SumScan().run(x, count: count)
    case (true, let weight?): self = WeightedSumScan(weight: weight).run(x, count: count)
    }
  }

  /// The scan of a row with lane-wise results `laneMax`, `sawNaN` and the tail's own values.
  init(max m: Float, weightedSum: Double, sawNaN: Bool) {
    // NaN, +∞ or an all −∞ row makes log_softmax NaN throughout, as in PyTorch.
    isFinite = !(sawNaN || m == .infinity || m == -.infinity)
    max = isFinite ? m : -.infinity
    self.weightedSum = isFinite ? weightedSum : 0
  }
}

/// Something fed a row sixteen values at a time.
private protocol LaneScan {
  /// Takes in the row's values `k ..< k + 16`.
  mutating func add(_ v: FloatVector, at k: Int)
}

/// One kind of row scan: fed sixteen values at a time, then the ragged tail.
private protocol RowScanning: LaneScan {
  /// Takes in `x[0 ..< head]` and `x[k ..< count]` one by one and gives the scan.
  func finish(_ x: UnsafePointer<Float>, head: Int, from k: Int, count: Int) -> RowScan
}

extension RowScanning {
  /// Calls `body` with every index in `0 ..< head` and `k ..< count`: the values a row's whole
  /// vectors leave out.
  @inline(__always)
  func forEachLeftOver(head: Int, from k: Int, count: Int, _ body: (Int) -> Void) {
    for j in 0..<head { body(j) }
    for j in k..<count { body(j) }
  }

  /// Scans a whole row.
  @inline(__always)
  func run(_ x: UnsafePointer<Float>, count: Int) -> RowScan {
    let width = FloatVector.scalarCount
    var scan = self
    var k = 0
    while k + width <= count {
      scan.add(UnsafeRawPointer(x + k).loadUnaligned(as: FloatVector.self), at: k)
      k += width
    }
    return scan.finish(x, head: 0, from: k, count: count)
  }
}

/// No scan: the row's maximum is already known.
private struct NoScan: LaneScan {
  @inline(__always) func add(_ v: FloatVector, at k: Int) {}
}

/// The maximum and NaN check.
///
/// NaN is found by the largest bit patterns seen, read as signed and as unsigned integers: a NaN
/// is a pattern above `+∞`'s (`0x7F800000`) read as signed, or above `−∞`'s (`0xFF800000`) read
/// as unsigned. Two integer maxima per vector cost the exponential loop less than one
/// floating-point comparison, which competes with the multiply-adds for the same pipes (4% of
/// the kernel's time).
private struct MaxScan: RowScanning {
  var laneMax = FloatVector(repeating: -.infinity)
  var signedBits = SIMD16<Int32>(repeating: .min)
  var unsignedBits = SIMD16<UInt32>(repeating: 0)

  @inline(__always)
  mutating func add(_ v: FloatVector, at k: Int) {
    let signed = unsafeBitCast(v, to: SIMD16<Int32>.self)
    signedBits.replace(with: signed, where: signed .> signedBits)
    let unsigned = unsafeBitCast(v, to: SIMD16<UInt32>.self)
    unsignedBits.replace(with: unsigned, where: unsigned .> unsignedBits)
    laneMax.replace(with: v, where: v .> laneMax)
  }

  @inline(__always)
  func finish(_ x: UnsafePointer<Float>, head: Int, from k: Int, count: Int) -> RowScan {
    var m = laneMax.max()
    var nan = signedBits.max() > 0x7F80_0000 || unsignedBits.max() > 0xFF80_0000
    forEachLeftOver(head: head, from: k, count: count) { j in
      if x[j].isNaN { nan = true }
      if x[j] > m { m = x[j] }
    }
    return RowScan(max: m, weightedSum: 0, sawNaN: nan)
  }
}

/// The maximum, NaN check and `Σ x` (smoothing without class weights).
private struct SumScan: RowScanning {
  var max = MaxScan()
  var laneSum = FloatVector(repeating: 0)

  @inline(__always)
  mutating func add(_ v: FloatVector, at k: Int) {
    max.add(v, at: k)
    laneSum += v
  }

  @inline(__always)
  func finish(_ x: UnsafePointer<Float>, head: Int, from k: Int, count: Int) -> RowScan {
    let scan = max.finish(x, head: head, from: k, count: count)
    var sum = Double(laneSum.sum())
    forEachLeftOver(head: head, from: k, count: count) { j in sum += Double(x[j]) }
    return RowScan(max: scan.max, weightedSum: sum, sawNaN: !scan.isFinite)
  }
}

/// The maximum, NaN check and `Σ w·x` (smoothing with class weights).
private struct WeightedSumScan: RowScanning {
  let weight: UnsafePointer<Float>
  var max = MaxScan()
  var laneSum = FloatVector(repeating: 0)

  init(weight: UnsafePointer<Float>) { self.weight = weight }

  @inline(__always)
  mutating func add(_ v: FloatVector, at k: Int) {
    max.add(v, at: k)
    laneSum += v * UnsafeRawPointer(weight + k).loadUnaligned(as: FloatVector.self)
  }

  @inline(__always)
  func finish(_ x: UnsafePointer<Float>, head: Int, from k: Int, count: Int) -> RowScan {
    let scan = max.finish(x, head: head, from: k, count: count)
    var sum = Double(laneSum.sum())
    forEachLeftOver(head: head, from: k, count: count) { j in sum += Double(x[j] * weight[j]) }
    return RowScan(max: scan.max, weightedSum: sum, sawNaN: !scan.isFinite)
  }
}
