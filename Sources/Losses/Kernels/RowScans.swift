import Foundation

/// Where a row's whole vectors lie when they are aligned on 64 bytes (a cache line) in the
/// gradient row: `head` values before the first, and the last ends at `whole`.
///
/// A 16-lane store that straddles two cache lines costs two, so the stores are aligned (the
/// gain is in `README.md`); the logits are then read wherever they fall.
struct RowSpan {
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
struct RowScan {
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
protocol LaneScan {
  /// Takes in the row's values `k ..< k + 16`.
  mutating func add(_ v: FloatVector, at k: Int)
}

/// One kind of row scan: fed sixteen values at a time, then the ragged tail.
protocol RowScanning: LaneScan {
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
struct NoScan: LaneScan {
  @inline(__always) func add(_ v: FloatVector, at k: Int) {}
}

/// The maximum and NaN check.
///
/// NaN is found by the largest bit patterns seen, read as signed and as unsigned integers: a NaN
/// is a pattern above `+∞`'s (`0x7F800000`) read as signed, or above `−∞`'s (`0xFF800000`) read
/// as unsigned. Two integer maxima per vector cost the exponential loop less than one
/// floating-point comparison, which competes with the multiply-adds for the same pipes.
struct MaxScan: RowScanning {
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
struct SumScan: RowScanning {
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
struct WeightedSumScan: RowScanning {
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
