/// The copies ``FusedLinearCrossEntropy`` makes: a block of gradients transposed, and the
/// zero-padded operands of a tile at an edge. Nothing else is packed (see ``OuterMicroKernel``).
enum TilePacking {
  /// `out[c·rowCount + r] = source[r·sourceStride + c]` for `r < rowCount`, `c < columnCount`:
  /// a block of the gradient panel (tokens × vocabulary) as vocabulary × tokens.
  ///
  /// Safety contract: `source` holds `rowCount` rows of `columnCount` floats, `sourceStride`
  /// apart; `out` has room for `rowCount·columnCount` floats and does not overlap `source`.
  static func transpose(
    rowCount: Int, columnCount: Int, source: UnsafePointer<Float>, sourceStride: Int,
    into out: UnsafeMutablePointer<Float>
  ) {
    // Blocks of 8 × 8, so that both the rows read and the rows written stay in L1.
    let block = 8
    var r0 = 0
    while r0 < rowCount {
      let r1 = Swift.min(r0 + block, rowCount)
      var c0 = 0
      while c0 < columnCount {
        let c1 = Swift.min(c0 + block, columnCount)
        for r in r0..<r1 {
          let row = source + r * sourceStride
          for c in c0..<c1 { out[c * rowCount + r] = row[c] }
        }
        c0 = c1
      }
      r0 = r1
    }
  }

  /// `C += A·B` for a tile of `height ≀ 12` rows and `width ≀ 32` columns, through
  /// ``OuterMicroKernel/tile(depth:a:aStride:b:bStride:c:cStride:)`` on zero-padded copies.
  ///
  /// Safety contract: `a` points at `depth` groups of `height` floats, `aStride` apart; `b` at
  /// `depth` groups of `width` floats, `bStride` apart; `c` at `height` rows of `width` floats,
  /// `cStride` apart; `scratch` has room for `depth·44 + 384` floats and overlaps none of them.
  static func edgeTile(
    height: Int, width: Int, depth: Int, a: UnsafePointer<Float>, aStride: Int,
    b: UnsafePointer<Float>, bStride: Int, c: UnsafeMutablePointer<Float>, cStride: Int,
    scratch: UnsafeMutablePointer<Float>
  ) {
    let rows = OuterMicroKernel.rows
    let columns = OuterMicroKernel.columns
    let paddedA = scratch
    let paddedB = scratch + depth * rows
    let paddedC = paddedB + depth * columns
    paddedA.initialize(repeating: 0, count: depth * rows)
    paddedB.initialize(repeating: 0, count: depth * columns)
    paddedC.initialize(repeating: 0, count: rows * columns)
    for k in 0..<depth {
      (paddedA + k * rows).update(from: a + k * aStride, count: height)
      (paddedB + k * columns).update(from: b + k * bStride, count: width)
    }
    for r in 0..<height {
      (paddedC + r * columns).update(from: c + r * cStride, count: width)
    }
    OuterMicroKernel.tile(
      depth: depth, a: paddedA, aStride: rows, b: paddedB, bStride: columns, c: paddedC,
      cStride: columns)
    for r in 0..<height {
      (c + r * cStride).update(from: paddedC + r * columns, count: width)
    }
  }
}
