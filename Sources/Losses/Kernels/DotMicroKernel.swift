/// The logits micro-kernel of ``FusedLinearCrossEntropy``: a 4 × 6 tile of dot products
/// `z[t][v] = Σₖ x[t][k]·w[v][k]` along the hidden dimension, where both operands are rows.
///
/// `x` (the hidden states) and `w` (the classifier weight) are both contiguous along `k`, the
/// dimension contracted here, so the tile is formed by 16-lane loads of four `x` rows and six `w`
/// rows and 24 fused multiply-adds per step, with 24 accumulators, four `x` vectors and one `w`
/// vector live: 29 of the 32 vector registers of AVX-512 (the broadcast kernel's layout would need
/// `w` transposed first, a copy of the whole weight for every block of rows). The accumulators
/// are reduced lane by lane at the end by ``reduceLanes(_:)`` and the `k % 16` tail is added in
/// scalar order, the same steps as ``dotProduct(_:_:count:)``: every logit is the same float
/// whichever path computed it, so a thread's share of the vocabulary never changes a result.
enum DotMicroKernel {
  /// Tokens per tile.
  static let rows = 4
  /// Vocabulary entries per tile.
  static let columns = 6

  /// Writes `out[t·outRowStride + v] = Σₖ x[t·xStride + k]·w[v·wStride + k]` for `t < 4`,
  /// `v < 6`.
  ///
  /// Safety contract: `x` points at 4 rows of at least `count` floats, `xStride` apart; `w` at 6
  /// rows of at least `count` floats, `wStride` apart; `out` has room for element
  /// `3·outRowStride + 5`. `out` does not overlap `x` or `w`. No alignment is needed.
  @inline(__always)
  static func tile(
    x: UnsafePointer<Float>, xStride: Int, w: UnsafePointer<Float>, wStride: Int, count: Int,
    out: UnsafeMutablePointer<Float>, outRowStride: Int
  ) {
    let lanes = FloatVector.scalarCount
    let full = count - count % lanes
    let x0 = UnsafeRawPointer(x)
    let x1 = UnsafeRawPointer(x + xStride)
    let x2 = UnsafeRawPointer(x + 2 * xStride)
    let x3 = UnsafeRawPointer(x + 3 * xStride)
    var a00 = FloatVector(), a01 = FloatVector(), a02 = FloatVector()
    var a03 = FloatVector(), a04 = FloatVector(), a05 = FloatVector()
    var a10 = FloatVector(), a11 = FloatVector(), a12 = FloatVector()
    var a13 = FloatVector(), a14 = FloatVector(), a15 = FloatVector()
    var a20 = FloatVector(), a21 = FloatVector(), a22 = FloatVector()
    var a23 = FloatVector(), a24 = FloatVector(), a25 = FloatVector()
    var a30 = FloatVector(), a31 = FloatVector(), a32 = FloatVector()
    var a33 = FloatVector(), a34 = FloatVector(), a35 = FloatVector()
    var k = 0
    while k < full {
      let offset = k * MemoryLayout<Float>.stride
      let v0 = x0.loadUnaligned(fromByteOffset: offset, as: FloatVector.self)
      let v1 = x1.loadUnaligned(fromByteOffset: offset, as: FloatVector.self)
      let v2 = x2.loadUnaligned(fromByteOffset: offset, as: FloatVector.self)
      let v3 = x3.loadUnaligned(fromByteOffset: offset, as: FloatVector.self)
      @inline(__always) func column(_ j: Int) -> FloatVector {
        UnsafeRawPointer(w + j * wStride).loadUnaligned(
          fromByteOffset: offset, as: FloatVector.self)
      }
      var c = column(0)
      a00 = multiplyAdd(v0, c, a00)
      a10 = multiplyAdd(v1, c, a10)
      a20 = multiplyAdd(v2, c, a20)
      a30 = multiplyAdd(v3, c, a30)
      c = column(1)
      a01 = multiplyAdd(v0, c, a01)
      a11 = multiplyAdd(v1, c, a11)
      a21 = multiplyAdd(v2, c, a21)
      a31 = multiplyAdd(v3, c, a31)
      c = column(2)
      a02 = multiplyAdd(v0, c, a02)
      a12 = multiplyAdd(v1, c, a12)
      a22 = multiplyAdd(v2, c, a22)
      a32 = multiplyAdd(v3, c, a32)
      c = column(3)
      a03 = multiplyAdd(v0, c, a03)
      a13 = multiplyAdd(v1, c, a13)
      a23 = multiplyAdd(v2, c, a23)
      a33 = multiplyAdd(v3, c, a33)
      c = column(4)
      a04 = multiplyAdd(v0, c, a04)
      a14 = multiplyAdd(v1, c, a14)
      a24 = multiplyAdd(v2, c, a24)
      a34 = multiplyAdd(v3, c, a34)
      c = column(5)
      a05 = multiplyAdd(v0, c, a05)
      a15 = multiplyAdd(v1, c, a15)
      a25 = multiplyAdd(v2, c, a25)
      a35 = multiplyAdd(v3, c, a35)
      k += lanes
    }
    @inline(__always) func store(_ sum: FloatVector, _ t: Int, _ v: Int) {
      out[t * outRowStride + v] = finish(
        sum, x: x + t * xStride, w: w + v * wStride, from: full, to: count)
    }
    store(a00, 0, 0); store(a01, 0, 1); store(a02, 0, 2)
    store(a03, 0, 3); store(a04, 0, 4); store(a05, 0, 5)
    store(a10, 1, 0); store(a11, 1, 1); store(a12, 1, 2)
    store(a13, 1, 3); store(a14, 1, 4); store(a15, 1, 5)
    store(a20, 2, 0); store(a21, 2, 1); store(a22, 2, 2)
    store(a23, 2, 3); store(a24, 2, 4); store(a25, 2, 5)
    store(a30, 3, 0); store(a31, 3, 1); store(a32, 3, 2)
    store(a33, 3, 3); store(a34, 3, 4); store(a35, 3, 5)
  }

  /// One dot product `Σₖ x[k]·w[k]`, by the same steps as one element of ``tile(x:xStride:w:wStride:count:out:outRowStride:)``.
  ///
  /// Safety contract: `x` and `w` point at `count` floats each.
  @inline(__always)
  static func dotProduct(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, count: Int) -> Float
  {
    let lanes = FloatVector.scalarCount
    let full = count - count % lanes
    var sum = FloatVector()
    var k = 0
    while k < full {
      let offset = k * MemoryLayout<Float>.stride
      sum = multiplyAdd(
        UnsafeRawPointer(x).loadUnaligned(fromByteOffset: offset, as: FloatVector.self),
        UnsafeRawPointer(w).loadUnaligned(fromByteOffset: offset, as: FloatVector.self), sum)
      k += lanes
    }
    return finish(sum, x: x, w: w, from: full, to: count)
  }

  /// The lanes of an accumulator added up, then the products of the scalar tail `k ∈ from..<to`.
  @inline(__always)
  static func finish(
    _ sum: FloatVector, x: UnsafePointer<Float>, w: UnsafePointer<Float>, from: Int, to: Int
  ) -> Float {
    var total = reduceLanes(sum)
    for k in from..<to { total += x[k] * w[k] }
    return total
  }

  /// The 16 lanes added pairwise: halves, then quarters, down to one.
  @inline(__always)
  static func reduceLanes(_ v: FloatVector) -> Float {
    let eight = v.lowHalf + v.highHalf
    let four = eight.lowHalf + eight.highHalf
    let two = four.lowHalf + four.highHalf
    return two[0] + two[1]
  }
}
