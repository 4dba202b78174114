import Foundation

extension Tensor {
  /// The shape left after reducing `axis`, with the axis kept as size 1 or dropped.
  func reducedShape(_ axis: Int, keepDims: Bool) -> Shape {
    var dims = shape.dims
    let axis = shape.normalize(axis: axis)
    if keepDims { dims[axis] = 1 } else { dims.remove(at: axis) }
    return Shape(dims)
  }

  /// Sums elements, over one axis or over everything.
  ///
  /// Partial sums are accumulated in double precision.
  ///
  /// - Parameters:
  ///   - axis: The axis to reduce (negative counts from the end), or `nil` for all elements.
  ///   - keepDims: Whether the reduced axis stays as size 1.
  /// - Returns: The sum (a scalar with no axis).
  public func sum(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
    reduceLinear(axis: axis, keepDims: keepDims, scale: 1)
  }

  /// The arithmetic mean, over one axis or over everything.
  ///
  /// - Parameters:
  ///   - axis: The axis to reduce, or `nil` for all elements.
  ///   - keepDims: Whether the reduced axis stays as size 1.
  /// - Returns: The mean (a scalar with no axis).
  public func mean(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
    let n = axis.map { shape[$0] } ?? count
    return reduceLinear(axis: axis, keepDims: keepDims, scale: 1 / Double(n))
  }

  /// Sum times `scale`; the shared body of ``sum(axis:keepDims:)`` and ``mean(axis:keepDims:)``.
  private func reduceLinear(axis: Int?, keepDims: Bool, scale: Double) -> Tensor {
    let (outer, n, inner) = axis.map { shape.split(at: $0) } ?? (1, count, 1)
    let outShape =
      axis.map { reducedShape($0, keepDims: keepDims) }
      ?? (keepDims ? Shape([Int](repeating: 1, count: shape.rank)) : [])
    var out = [Float](repeating: 0, count: outer * inner)
    for o in 0..<outer {
      for i in 0..<inner {
        var total = 0.0
        for k in 0..<n { total += Double(data[(o * n + k) * inner + i]) }
        out[o * inner + i] = Float(total * scale)
      }
    }
    let factor = Float(scale)
    return Tensor(result: out, shape: outShape, parents: [self]) { result in
      let g = result.grad!
      var gx = [Float](repeating: 0, count: outer * n * inner)
      for o in 0..<outer {
        for k in 0..<n {
          for i in 0..<inner { gx[(o * n + k) * inner + i] = g[o * inner + i] * factor }
        }
      }
      result.parents[0].accumulateGrad(gx)
    }
  }

  /// The largest element along `axis`.
  ///
  /// The gradient goes to the first index holding the maximum, like `torch.max(x, dim)`.
  ///
  /// - Parameters:
  ///   - axis: The axis to reduce.
  ///   - keepDims: Whether the reduced axis stays as size 1.
  /// - Returns: The maxima along the axis.
  public func max(axis: Int, keepDims: Bool = false) -> Tensor {
    let (outer, n, inner) = shape.split(at: axis)
    var out = [Float](repeating: 0, count: outer * inner)
    var argmax = [Int](repeating: 0, count: outer * inner)
    for o in 0..<outer {
      for i in 0..<inner {
        var best = 0
        for k in 1..<Swift.max(n, 1)
        where data[(o * n + k) * inner + i] > data[(o * n + best) * inner + i] {
          best = k
        }
        argmax[o * inner + i] = (o * n + best) * inner + i
        out[o * inner + i] = data[argmax[o * inner + i]]
      }
    }
    return Tensor(result: out, shape: reducedShape(axis, keepDims: keepDims), parents: [self]) {
      result in
      let g = result.grad!
      var gx = [Float](repeating: 0, count: outer * n * inner)
      for (j, source) in argmax.enumerated() { gx[source] += g[j] }
      result.parents[0].accumulateGrad(gx)
    }
  }

  /// The largest element of the whole tensor; the gradient goes to its first occurrence.
  public func max() -> Tensor {
    reshape([count]).max(axis: 0)
  }

  /// `log Σ exp(x)` along `axis`, computed stably as `m + log Σ exp(x − m)` with `m` the maximum.
  ///
  /// The gradient is the softmax along the axis. A row that is entirely `−∞` gives `−∞`, and
  /// a row containing `+∞` gives `+∞`, as in PyTorch.
  ///
  /// - Parameters:
  ///   - axis: The axis to reduce.
  ///   - keepDims: Whether the reduced axis stays as size 1.
  /// - Returns: `log Σ exp` along the axis.
  public func logsumexp(axis: Int, keepDims: Bool = false) -> Tensor {
    let (outer, n, inner) = shape.split(at: axis)
    var out = [Float](repeating: 0, count: outer * inner)
    for o in 0..<outer {
      for i in 0..<inner {
        out[o * inner + i] = Tensor.logSumExp(
          data, base: o * n * inner + i, count: n, stride: inner)
      }
    }
    return Tensor(result: out, shape: reducedShape(axis, keepDims: keepDims), parents: [self]) {
      result in
      let input = result.parents[0]
      let g = result.grad!
      var gx = [Float](repeating: 0, count: outer * n * inner)
      for o in 0..<outer {
        for i in 0..<inner {
          let lse = result.data[o * inner + i]
          for k in 0..<n {
            let at = (o * n + k) * inner + i
            gx[at] = g[o * inner + i] * Foundation.exp(input.data[at] - lse)
          }
        }
      }
      input.accumulateGrad(gx)
    }
  }

  /// `log Σ exp` of `count` values spaced `stride` apart, starting at `base`.
  package static func logSumExp(_ values: [Float], base: Int, count n: Int, stride: Int) -> Float {
    let (m, logTotal) = shiftedLogSumExp(values, base: base, count: n, stride: stride)
    return m.isFinite ? m + logTotal : logTotal
  }

  /// The maximum `m` of a strided run of values and `log Σ exp(x − m)`.
  ///
  /// Keeping the two apart lets log-softmax form `(x − m) − log Σ`, which is exact in the
  /// subtraction `x − m` even for logits near 1000. When `m` is not finite the second value is
  /// the whole answer: `−∞` for an all-`−∞` run, `+∞` if any value is `+∞`, NaN if any is NaN.
  package static func shiftedLogSumExp(
    _ values: [Float], base: Int, count n: Int, stride: Int
  ) -> (max: Float, logSum: Float) {
    var m = -Float.infinity
    var hasNaN = false
    for k in 0..<n {
      let v = values[base + k * stride]
      if v.isNaN { hasNaN = true } else { m = Swift.max(m, v) }
    }
    if hasNaN { return (.nan, .nan) }
    guard m.isFinite else { return (m, m) }
    var total = 0.0
    for k in 0..<n { total += Foundation.exp(Double(values[base + k * stride] - m)) }
    return (m, Float(Foundation.log(total)))
  }
}
