extension Tensor {
  /// The same elements viewed with another shape of equal count.
  ///
  /// - Parameter newShape: The new extents; one entry may be -1 to be inferred.
  /// - Returns: The same values in the new shape.
  public func reshape(_ newShape: Shape) -> Tensor {
    var dims = newShape.dims
    if let hole = dims.firstIndex(of: -1) {
      let known = dims.enumerated().filter { $0.offset != hole }.map(\.element).reduce(1, *)
      dims[hole] = known == 0 ? 0 : count / known
    }
    let target = Shape(dims)
    precondition(target.count == count, "cannot reshape \(shape) to \(newShape)")
    return Tensor(result: data, shape: target, parents: [self]) { result in
      result.parents[0].accumulateGrad(result.grad!)
    }
  }

  /// Picks elements along `axis` by index, like `torch.gather`.
  ///
  /// `indices` has the rank of this tensor and the same size in every dimension but `axis`
  /// (smaller sizes are allowed, as in PyTorch). For a 2-d input and axis 1,
  /// `out[i][j] = self[i][indices[i][j]]`. The backward pass scatter-adds the gradient.
  ///
  /// - Parameters:
  ///   - axis: The axis to index.
  ///   - indices: Row-major indices, each in `0..<shape[axis]`.
  ///   - indexShape: The shape of `indices` and of the result.
  /// - Returns: The gathered values.
  public func gather(axis: Int, indices: [Int], indexShape: Shape) -> Tensor {
    let axis = shape.normalize(axis: axis)
    precondition(indexShape.rank == shape.rank, "gather index rank differs from input rank")
    precondition(indices.count == indexShape.count, "gather index count does not match its shape")
    let strides = shape.strides
    let walk = Tensor.gatherIndex(shape: indexShape, strides: strides)
    let indexStrides = indexShape.strides
    var source = [Int](repeating: 0, count: indices.count)
    for flat in 0..<indices.count {
      let index = indices[flat]
      precondition(index >= 0 && index < shape.dims[axis], "gather index \(index) out of range")
      // `walk` addresses the element with the same coordinates; replace the axis coordinate.
      let coordinate = (flat / indexStrides[axis]) % indexShape.dims[axis]
      source[flat] = walk[flat] + (index - coordinate) * strides[axis]
    }
    let out = source.map { data[$0] }
    return Tensor(result: out, shape: indexShape, parents: [self]) { result in
      let input = result.parents[0]
      let g = result.grad!
      var gx = [Float](repeating: 0, count: input.count)
      for (i, s) in source.enumerated() { gx[s] += g[i] }
      input.accumulateGrad(gx)
    }
  }

  /// A `[indices.count, classes]` tensor with a 1 at each index and 0 elsewhere.
  ///
  /// - Parameters:
  ///   - indices: Class indices, each in `0..<classes`.
  ///   - classes: The number of columns.
  /// - Returns: The one-hot rows.
  public static func oneHot(_ indices: [Int], classes: Int) -> Tensor {
    var out = [Float](repeating: 0, count: indices.count * classes)
    for (row, index) in indices.enumerated() {
      precondition(index >= 0 && index < classes, "one-hot index \(index) out of range")
      out[row * classes + index] = 1
    }
    return Tensor(out, shape: [indices.count, classes])
  }
}
