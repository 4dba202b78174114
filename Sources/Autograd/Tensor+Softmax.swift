import Foundation

extension Tensor {
  /// `softmax(x)ᵢ = exp(xᵢ − lse(x))` along `axis`, computed stably.
  ///
  /// Backward: `∂L/∂x = y ⊙ (g − Σ g ⊙ y)`, where `y` is the softmax and the sum runs along `axis`.
  ///
  /// - Parameter axis: The axis whose entries sum to 1.
  /// - Returns: The probabilities along the axis.
  public func softmax(axis: Int) -> Tensor {
    let (outer, n, inner) = shape.split(at: axis)
    let logProbabilities = logSoftmaxValues(outer: outer, n: n, inner: inner)
    let out = logProbabilities.map { Foundation.exp($0) }
    return Tensor(result: out, shape: shape, parents: [self]) { result in
      let y = result.data, g = result.grad!
      var gx = [Float](repeating: 0, count: y.count)
      for o in 0..<outer {
        for i in 0..<inner {
          var dot = 0.0
          for k in 0..<n {
            let at = (o * n + k) * inner + i
            dot += Double(g[at]) * Double(y[at])
          }
          for k in 0..<n {
            let at = (o * n + k) * inner + i
            gx[at] = y[at] * (g[at] - Float(dot))
          }
        }
      }
      result.parents[0].accumulateGrad(gx)
    }
  }

  /// `log softmax(x)ᵢ = xᵢ − lse(x)` along `axis`, without forming the softmax first.
  ///
  /// Backward: `∂L/∂x = g − softmax(x) · Σ g`, the sum running along `axis`.
  ///
  /// - Parameter axis: The class axis.
  /// - Returns: The log-probabilities along the axis.
  public func logSoftmax(axis: Int) -> Tensor {
    let (outer, n, inner) = shape.split(at: axis)
    let out = logSoftmaxValues(outer: outer, n: n, inner: inner)
    return Tensor(result: out, shape: shape, parents: [self]) { result in
      let y = result.data, g = result.grad!
      var gx = [Float](repeating: 0, count: y.count)
      for o in 0..<outer {
        for i in 0..<inner {
          var total = 0.0
          for k in 0..<n { total += Double(g[(o * n + k) * inner + i]) }
          for k in 0..<n {
            let at = (o * n + k) * inner + i
            gx[at] = g[at] - Foundation.exp(y[at]) * Float(total)
          }
        }
      }
      result.parents[0].accumulateGrad(gx)
    }
  }

  /// The values of `x − lse(x)` along the axis described by `outer × n × inner`.
  private func logSoftmaxValues(outer: Int, n: Int, inner: Int) -> [Float] {
    var out = [Float](repeating: 0, count: data.count)
    for o in 0..<outer {
      for i in 0..<inner {
        let base = o * n * inner + i
        let (m, logSum) = Tensor.shiftedLogSumExp(data, base: base, count: n, stride: inner)
        for k in 0..<n {
          let x = data[base + k * inner]
          // A non-finite maximum makes every entry NaN, as in PyTorch.
          out[base + k * inner] = m.isFinite ? (x - m) - logSum : .nan
        }
      }
    }
    return out
  }
}
