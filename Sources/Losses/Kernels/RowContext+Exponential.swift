import Foundation

extension RowContext {
  /// Writes `exp(x_c − s)` to `out` (when given) and gives `Σ exp(x_c − s)`, the shift `s` and
  /// `Σ w_c x_c` (when smoothing), or `nil` for a row that gives NaN.
  @inline(__always)
  func exponentiate(
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
  func guessedShift(_ x: UnsafePointer<Float>) -> Float? {
    let head = MaxScan().run(x, count: Swift.min(classes, Self.guessLength))
    return head.isFinite ? head.max : nil
  }

  /// ``exponentiate(_:into:shift:span:with:)`` with the scan the row needs.
  ///
  /// Each kind of scan is its own type, so the loop is compiled once per kind with nothing tested
  /// inside it (a loop that tests the options per vector is much slower: see `README.md`).
  @inline(__always)
  func exponentiateScanning(
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
  func exponentiate<Scan: LaneScan>(
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
  func exponentiateFew(
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
}
