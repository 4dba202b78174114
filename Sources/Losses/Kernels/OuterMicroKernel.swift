/// The gradient micro-kernel of ``FusedLinearCrossEntropy``: `C += A·B` on a 12 × 32 tile, as
/// sums of outer products, one per step of `k`.
///
/// Each step loads two 16-lane vectors of a row of `B`, broadcasts the 12 values of a column of
/// `A`, and does 24 fused multiply-adds into 24 accumulators: 27 of the 32 vector registers of
/// AVX-512, and on Zen 4 one 16-lane multiply-add per cycle, which is the core's peak (measured
/// at 115 GFLOP/s with the operands in L1). Both operands are read where they lie, through
/// strides: `A(r, k) = a[k·aStride + r]` and `B(k, j) = b[k·bStride + j]`, so the classifier
/// weight, the hidden states and the block of gradients are used in place, never copied into
/// panels (`TilePacking` copies only the small block of gradients it transposes, and the operands
/// of a tile at an edge).
enum OuterMicroKernel {
  /// Rows of `C` per tile (broadcast from `A`).
  static let rows = 12
  /// Columns of `C` per tile (two vectors of `B`).
  static let columns = 32

  /// `C(r, j) += Σₖ A(r, k)·B(k, j)` for `r < 12`, `j < 32`, `k < depth`.
  ///
  /// Every element is `c + ((0 + a₀b₀) + a₁b₁ + …)`, fused, in the order of `k`, whatever the
  /// tile's position: results do not depend on how the work was split.
  ///
  /// Safety contract: `a` points at `depth` groups of 12 floats, `aStride` apart; `b` at `depth`
  /// groups of 32 floats, `bStride` apart; `c` at 12 rows of 32 floats, `cStride` apart, which
  /// overlap neither `a` nor `b`. No alignment is needed.
  @inline(__always)
  static func tile(
    depth: Int, a: UnsafePointer<Float>, aStride: Int, b: UnsafePointer<Float>, bStride: Int,
    c: UnsafeMutablePointer<Float>, cStride: Int
  ) {
    var c00 = FloatVector(), c01 = FloatVector(), c10 = FloatVector(), c11 = FloatVector()
    var c20 = FloatVector(), c21 = FloatVector(), c30 = FloatVector(), c31 = FloatVector()
    var c40 = FloatVector(), c41 = FloatVector(), c50 = FloatVector(), c51 = FloatVector()
    var c60 = FloatVector(), c61 = FloatVector(), c70 = FloatVector(), c71 = FloatVector()
    var c80 = FloatVector(), c81 = FloatVector(), c90 = FloatVector(), c91 = FloatVector()
    var ca0 = FloatVector(), ca1 = FloatVector(), cb0 = FloatVector(), cb1 = FloatVector()
    var pa = a
    var pb = UnsafeRawPointer(b)
    let bStep = bStride * MemoryLayout<Float>.stride
    for _ in 0..<depth {
      let b0 = pb.loadUnaligned(as: FloatVector.self)
      let b1 = pb.loadUnaligned(fromByteOffset: 64, as: FloatVector.self)
      var s = FloatVector(repeating: pa[0])
      c00 = multiplyAdd(s, b0, c00)
      c01 = multiplyAdd(s, b1, c01)
      s = FloatVector(repeating: pa[1])
      c10 = multiplyAdd(s, b0, c10)
      c11 = multiplyAdd(s, b1, c11)
      s = FloatVector(repeating: pa[2])
      c20 = multiplyAdd(s, b0, c20)
      c21 = multiplyAdd(s, b1, c21)
      s = FloatVector(repeating: pa[3])
      c30 = multiplyAdd(s, b0, c30)
      c31 = multiplyAdd(s, b1, c31)
      s = FloatVector(repeating: pa[4])
      c40 = multiplyAdd(s, b0, c40)
      c41 = multiplyAdd(s, b1, c41)
      s = FloatVector(repeating: pa[5])
      c50 = multiplyAdd(s, b0, c50)
      c51 = multiplyAdd(s, b1, c51)
      s = FloatVector(repeating: pa[6])
      c60 = multiplyAdd(s, b0, c60)
      c61 = multiplyAdd(s, b1, c61)
      s = FloatVector(repeating: pa[7])
      c70 = multiplyAdd(s, b0, c70)
      c71 = multiplyAdd(s, b1, c71)
      s = FloatVector(repeating: pa[8])
      c80 = multiplyAdd(s, b0, c80)
      c81 = multiplyAdd(s, b1, c81)
      s = FloatVector(repeating: pa[9])
      c90 = multiplyAdd(s, b0, c90)
      c91 = multiplyAdd(s, b1, c91)
      s = FloatVector(repeating: pa[10])
      ca0 = multiplyAdd(s, b0, ca0)
      ca1 = multiplyAdd(s, b1, ca1)
      s = FloatVector(repeating: pa[11])
      cb0 = multiplyAdd(s, b0, cb0)
      cb1 = multiplyAdd(s, b1, cb1)
      pa += aStride
      pb += bStep
    }
    @inline(__always) func add(_ r: Int, _ low: FloatVector, _ high: FloatVector) {
      let row = UnsafeMutableRawPointer(c + r * cStride)
      let stored0 = row.loadUnaligned(as: FloatVector.self)
      let stored1 = row.loadUnaligned(fromByteOffset: 64, as: FloatVector.self)
      row.storeBytes(of: stored0 + low, as: FloatVector.self)
      row.storeBytes(of: stored1 + high, toByteOffset: 64, as: FloatVector.self)
    }
    add(0, c00, c01)
    add(1, c10, c11)
    add(2, c20, c21)
    add(3, c30, c31)
    add(4, c40, c41)
    add(5, c50, c51)
    add(6, c60, c61)
    add(7, c70, c71)
    add(8, c80, c81)
    add(9, c90, c91)
    add(10, ca0, ca1)
    add(11, cb0, cb1)
  }

  /// `C += A·B` for a `rowCount × columnCount` matrix `C`, in 12 × 32 tiles.
  ///
  /// A tile cut by the edge (fewer than 12 rows or 32 columns) is computed by the same kernel
  /// on zero-padded copies of its operands into `scratch`, then added: adding products of zero
  /// leaves every sum exactly as it was, so an element's value does not depend on where a
  /// tile boundary fell.
  ///
  /// Safety contract: as for ``tile(depth:a:aStride:b:bStride:c:cStride:)``, with `A` of
  /// `rowCount` rows and `B` of `columnCount` columns; `scratch` has room for
  /// ``scratchCount(depth:)`` floats and overlaps nothing else.
  static func accumulateProduct(
    rowCount: Int, columnCount: Int, depth: Int, a: UnsafePointer<Float>, aStride: Int,
    b: UnsafePointer<Float>, bStride: Int, c: UnsafeMutablePointer<Float>, cStride: Int,
    scratch: UnsafeMutablePointer<Float>
  ) {
    guard depth > 0 else { return }
    var j = 0
    while j < columnCount {
      let width = Swift.min(columns, columnCount - j)
      var i = 0
      while i < rowCount {
        let height = Swift.min(rows, rowCount - i)
        if width == columns && height == rows {
          tile(
            depth: depth, a: a + i, aStride: aStride, b: b + j, bStride: bStride,
            c: c + i * cStride + j, cStride: cStride)
        } else {
          TilePacking.edgeTile(
            height: height, width: width, depth: depth, a: a + i, aStride: aStride, b: b + j,
            bStride: bStride, c: c + i * cStride + j, cStride: cStride, scratch: scratch)
        }
        i += rows
      }
      j += columns
    }
  }

  /// The floats of scratch space ``accumulateProduct(rowCount:columnCount:depth:a:aStride:b:bStride:c:cStride:scratch:)``
  /// needs for its edge tiles.
  static func scratchCount(depth: Int) -> Int { depth * (rows + columns) + rows * columns }
}
