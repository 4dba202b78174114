/// How two shapes combine under broadcasting: the result shape and, for each operand, the index
/// of the operand element that feeds each result element.
///
/// An operand with as many elements as the result needs no index map (`nil`): broadcasting has
/// then only added or kept dimensions of extent 1, so element `i` feeds result element `i`. That
/// keeps the same-shape case, and a bias of shape `[C]` added to a `[1, C]` row, free of the map
/// (building it was an eighth of the seed's training step).
package struct BroadcastPlan {
  let shape: Shape
  let lhsIndex: [Int]?
  let rhsIndex: [Int]?

  init(_ lhs: Shape, _ rhs: Shape) {
    guard let shape = lhs.broadcast(with: rhs) else {
      preconditionFailure("shapes \(lhs) and \(rhs) cannot be broadcast together")
    }
    self.shape = shape
    lhsIndex = lhs.count == shape.count ? nil : BroadcastPlan.indexMap(from: lhs, to: shape)
    rhsIndex = rhs.count == shape.count ? nil : BroadcastPlan.indexMap(from: rhs, to: shape)
  }

  /// For every element of `target`, the flat index of the `source` element broadcast into it.
  package static func indexMap(from source: Shape, to target: Shape) -> [Int] {
    let offset = target.rank - source.rank
    let sourceStrides = source.strides
    // Strides of the source seen through the target's dimensions: 0 where broadcast.
    var strides = [Int](repeating: 0, count: target.rank)
    for axis in 0..<source.rank where source.dims[axis] != 1 {
      strides[axis + offset] = sourceStrides[axis]
    }
    return Tensor.gatherIndex(shape: target, strides: strides)
  }

  /// Sums a gradient of the result shape back onto an operand of `count` elements.
  static func reduce(_ gradient: [Float], through index: [Int]?, count: Int) -> [Float] {
    guard let index else { return gradient }
    var reduced = [Float](repeating: 0, count: count)
    for (i, g) in gradient.enumerated() { reduced[index[i]] += g }
    return reduced
  }
}

extension Tensor {
  /// Applies a binary function elementwise with broadcasting and records its two partials.
  ///
  /// - Parameters:
  ///   - other: The right operand.
  ///   - forward: The value `f(a, b)`.
  ///   - partials: `(∂f/∂a, ∂f/∂b)` given `a`, `b` and `f(a, b)`.
  /// - Returns: The broadcast result.
  @inline(__always)
  func zipWith(
    _ other: Tensor,
    _ forward: @escaping (Float, Float) -> Float,
    partials: @escaping (Float, Float, Float) -> (Float, Float)
  ) -> Tensor {
    let plan = BroadcastPlan(shape, other.shape)
    let n = plan.shape.count
    var out = [Float](repeating: 0, count: n)
    let a = data, b = other.data
    switch (plan.lhsIndex, plan.rhsIndex) {
    case (nil, nil):
      for i in 0..<n { out[i] = forward(a[i], b[i]) }
    case (nil, let bi?):
      for i in 0..<n { out[i] = forward(a[i], b[bi[i]]) }
    case (let ai?, nil):
      for i in 0..<n { out[i] = forward(a[ai[i]], b[i]) }
    case (let ai?, let bi?):
      for i in 0..<n { out[i] = forward(a[ai[i]], b[bi[i]]) }
    }
    return Tensor(result: out, shape: plan.shape, parents: [self, other]) { result in
      let lhs = result.parents[0], rhs = result.parents[1]
      let g = result.grad!
      var ga = [Float](repeating: 0, count: n), gb = [Float](repeating: 0, count: n)
      for i in 0..<n {
        let x = lhs.data[plan.lhsIndex?[i] ?? i], y = rhs.data[plan.rhsIndex?[i] ?? i]
        let (da, db) = partials(x, y, result.data[i])
        ga[i] = g[i] * da
        gb[i] = g[i] * db
      }
      if lhs.requiresGrad {
        lhs.accumulateGrad(BroadcastPlan.reduce(ga, through: plan.lhsIndex, count: lhs.count))
      }
      if rhs.requiresGrad {
        rhs.accumulateGrad(BroadcastPlan.reduce(gb, through: plan.rhsIndex, count: rhs.count))
      }
    }
  }

  /// Applies a unary function elementwise and records its derivative.
  ///
  /// - Parameters:
  ///   - forward: The value `f(x)`.
  ///   - derivative: `f′(x)` given `x` and `f(x)`.
  /// - Returns: The result, of the same shape.
  @inline(__always)
  func map(
    _ forward: (Float) -> Float, derivative: @escaping (Float, Float) -> Float
  ) -> Tensor {
    let out = data.map(forward)
    return Tensor(result: out, shape: shape, parents: [self]) { result in
      let input = result.parents[0]
      let g = result.grad!
      var gx = [Float](repeating: 0, count: g.count)
      for i in 0..<g.count { gx[i] = g[i] * derivative(input.data[i], result.data[i]) }
      input.accumulateGrad(gx)
    }
  }
}
