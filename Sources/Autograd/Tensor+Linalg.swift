extension Tensor {
  /// The matrix product of an `m × k` and a `k × n` tensor.
  ///
  /// Backward: `∂L/∂A = G·Bᵀ` and `∂L/∂B = Aᵀ·G`.
  ///
  /// - Parameter other: The right factor.
  /// - Complexity: O(m·k·n).
  /// - Returns: The product.
  public func matmul(_ other: Tensor) -> Tensor {
    precondition(shape.rank == 2 && other.shape.rank == 2, "matmul needs two 2-d tensors")
    let (m, k, n) = (shape.dims[0], shape.dims[1], other.shape.dims[1])
    precondition(other.shape.dims[0] == k, "matmul of \(shape) and \(other.shape)")
    let out = Tensor.multiply(data, other.data, m: m, k: k, n: n)
    return Tensor(result: out, shape: [m, n], parents: [self, other]) { result in
      let a = result.parents[0], b = result.parents[1]
      let g = result.grad!
      if a.requiresGrad {
        // G (m×n) · Bᵀ (n×k)
        var ga = [Float](repeating: 0, count: m * k)
        for i in 0..<m {
          for j in 0..<n {
            let gij = g[i * n + j]
            if gij == 0 { continue }
            for p in 0..<k { ga[i * k + p] += gij * b.data[p * n + j] }
          }
        }
        a.accumulateGrad(ga)
      }
      if b.requiresGrad {
        // Aᵀ (k×m) · G (m×n)
        var gb = [Float](repeating: 0, count: k * n)
        for i in 0..<m {
          for p in 0..<k {
            let aip = a.data[i * k + p]
            for j in 0..<n { gb[p * n + j] += aip * g[i * n + j] }
          }
        }
        b.accumulateGrad(gb)
      }
    }
  }

  /// Row-major `m × k` times `k × n`.
  static func multiply(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    var out = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
      for p in 0..<k {
        let aip = a[i * k + p]
        for j in 0..<n { out[i * n + j] += aip * b[p * n + j] }
      }
    }
    return out
  }

  /// Swaps two axes; with no arguments, the two axes of a matrix.
  ///
  /// - Parameters:
  ///   - axis0: One axis (negative counts from the end).
  ///   - axis1: The other.
  /// - Returns: The transpose.
  public func transpose(_ axis0: Int = -2, _ axis1: Int = -1) -> Tensor {
    let a0 = shape.normalize(axis: axis0), a1 = shape.normalize(axis: axis1)
    if shape.rank == 2 && a0 != a1 { return transposedMatrix() }
    var dims = shape.dims
    dims.swapAt(a0, a1)
    let outShape = Shape(dims)
    // Index of the source element for every result element.
    var sourceStrides = shape.strides
    sourceStrides.swapAt(a0, a1)
    let source = Tensor.gatherIndex(shape: outShape, strides: sourceStrides)
    var out = [Float](repeating: 0, count: count)
    for (i, s) in source.enumerated() { out[i] = data[s] }
    return Tensor(result: out, shape: outShape, parents: [self]) { result in
      let g = result.grad!
      var gx = [Float](repeating: 0, count: g.count)
      for (i, s) in source.enumerated() { gx[s] = g[i] }
      result.parents[0].accumulateGrad(gx)
    }
  }

  /// The transpose of a matrix, by a double loop: no index map to build (building it was an
  /// eighth of the seed's training step, whose `Linear` transposes its weight every step).
  private func transposedMatrix() -> Tensor {
    let rows = shape.dims[0], columns = shape.dims[1]
    var out = [Float](repeating: 0, count: count)
    for r in 0..<rows {
      for c in 0..<columns { out[c * rows + r] = data[r * columns + c] }
    }
    return Tensor(result: out, shape: [columns, rows], parents: [self]) { result in
      let g = result.grad!
      var gx = [Float](repeating: 0, count: g.count)
      for r in 0..<rows {
        for c in 0..<columns { gx[r * columns + c] = g[c * rows + r] }
      }
      result.parents[0].accumulateGrad(gx)
    }
  }

  /// Flat source offsets when walking `shape` in row-major order with the given strides (0 for
  /// an axis that repeats the same source element): the odometer behind broadcasting and
  /// transposed copies.
  static func gatherIndex(shape: Shape, strides: [Int]) -> [Int] {
    var map = [Int](repeating: 0, count: shape.count)
    var counter = [Int](repeating: 0, count: shape.rank)
    var position = 0
    for flat in 0..<shape.count {
      map[flat] = position
      var axis = shape.rank - 1
      while axis >= 0 {
        counter[axis] += 1
        position += strides[axis]
        if counter[axis] < shape.dims[axis] { break }
        position -= strides[axis] * counter[axis]
        counter[axis] = 0
        axis -= 1
      }
    }
    return map
  }
}
