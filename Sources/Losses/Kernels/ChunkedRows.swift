import Foundation

/// What a row has gathered over the chunks so far, then its log-sum-exp.
struct RowStatistics {
  /// The largest logit so far.
  var largest = -Float.infinity
  /// `Σ exp(z − largest)` so far; after ``ChunkedRows/finish(_:)``, unused.
  var sum = 0.0
  /// The target's logit (class indices).
  var target = 0.0
  /// `Σ w_c·z_c` (class indices, with smoothing) or `Σ w_c·y'_c·z_c` (probabilities).
  var weightedLogits = 0.0
  /// `Σ w_c·y'_c` (probabilities).
  var mass = 0.0
  /// NaN or `+∞` seen, or (after ``ChunkedRows/finish(_:)``) only `−∞`: the row is NaN.
  var poisoned = false
  /// After ``ChunkedRows/finish(_:)``: the row's log-sum-exp and the factor of its softmax in
  /// the gradient (`A` of ``FusedCrossEntropy``, or the mass).
  var logSumExp: Float = 0
  var softmaxFactor: Float = 0
}

/// The rows phase of ``FusedLinearCrossEntropy`` when the vocabulary comes in chunks (and for
/// probability targets always, as one chunk when the rows are whole): each row's
/// statistics gathered chunk by chunk (the online log-sum-exp: a running maximum, the sum
/// rescaled when it rises), its loss once every chunk is seen, then each chunk's gradient.
///
/// The formulas are ``FusedCrossEntropy``'s (class indices: loss
/// `(1 − ε)·w_y·(lse − z_y) + (ε/V)·(Σw·lse − Σ w_c z_c)`, gradient
/// `scale·(A·softmax_c − (ε/V)·w_c) − scale·(1 − ε)·w_y` at the target) and
/// PyTorch's for probabilities, `y' = (1 − ε)·y + ε/V` (loss `mass·lse − Σ w_c y'_c z_c` with
/// `mass = Σ w_c y'_c`, gradient `scale·(mass·softmax_c − w_c y'_c)`); ignored rows give 0 and a zero gradient (NaN when the
/// row holds NaN or `+∞`, or only `−∞`), as there.
///
/// `@unchecked Sendable`: `statistics` has one entry per row of the block and each worker touches
/// only its rows' entries and panel rows; `weight` (`V` floats) is only read.
struct ChunkedRows: @unchecked Sendable {
  let problem: FusedLinearCrossEntropy.Problem
  let weight: UnsafePointer<Float>?
  let statistics: UnsafeMutablePointer<RowStatistics>

  /// Calls `body` with the rows of a block of `count` tokens, their statistics fresh.
  static func with<R>(
    _ problem: FusedLinearCrossEntropy.Problem, rows count: Int, _ body: (ChunkedRows) -> R
  ) -> R {
    var statistics = [RowStatistics](repeating: RowStatistics(), count: count)
    return statistics.withUnsafeMutableBufferPointer { statistics in
      withOptionalPointer(problem.weight) { weight in
        body(ChunkedRows(problem: problem, weight: weight, statistics: statistics.baseAddress!))
      }
    }
  }

  private var smoothing: Double { Double(problem.labelSmoothing) }
  private var uniform: Double { smoothing / Double(problem.vocabulary) }

  /// The class index of the block's row `t`, or `nil` for probability targets.
  private func targetClass(_ chunk: BlockContext, _ t: Int) -> Int? {
    if case .classes(let indices) = problem.target { return indices[chunk.start + t] }
    return nil
  }

  /// `w_c·y'_c` of the block's row `t` for probability targets.
  private func smoothedTarget(_ chunk: BlockContext, _ t: Int, _ c: Int) -> Double {
    guard case .probabilities(let p) = problem.target else { return 0 }
    let y = (1 - smoothing) * Double(p[(chunk.start + t) * problem.vocabulary + c]) + uniform
    return Double(weight?[c] ?? 1) * y
  }

  /// Gathers `rows` of the chunk now in the panel.
  func accumulate(_ chunk: BlockContext, rows: Range<Int>) {
    let width = chunk.chunkWidth
    for t in rows {
      let z = chunk.panel + t * width
      var s = statistics[t]
      var chunkLargest = -Float.infinity
      for v in 0..<width {
        if z[v].isNaN || z[v] == .infinity { s.poisoned = true }
        if z[v] > chunkLargest { chunkLargest = z[v] }
      }
      let largest = Swift.max(s.largest, chunkLargest)
      if largest > -.infinity && !s.poisoned {
        let rescaled =
          s.largest == -.infinity ? 0 : s.sum * Foundation.exp(Double(s.largest - largest))
        s.sum = rescaled + exponentialSum(z, count: width, shift: largest)
        s.largest = largest
      }
      let y = targetClass(chunk, t)
      if let y {
        if y != problem.ignoreIndex {
          let local = y - chunk.chunkStart
          if local >= 0 && local < width { s.target = Double(z[local]) }
          if smoothing > 0 {
            for v in 0..<width {
              s.weightedLogits += Double(weight?[chunk.chunkStart + v] ?? 1) * Double(z[v])
            }
          }
        }
      } else {
        for v in 0..<width {
          let target = smoothedTarget(chunk, t, chunk.chunkStart + v)
          s.mass += target
          s.weightedLogits += target * Double(z[v])
        }
      }
      statistics[t] = s
    }
  }

  /// Every row's loss once every chunk has been gathered; keeps what the gradients need.
  ///
  /// - Returns: The sum of the block's losses.
  func finish(_ block: BlockContext) -> Double {
    let weightTotal =
      problem.weight.map { $0.reduce(0.0) { $0 + Double($1) } } ?? Double(problem.vocabulary)
    var total = 0.0
    for t in 0..<block.count {
      var s = statistics[t]
      if s.largest == -.infinity { s.poisoned = true }
      let lse = Double(s.largest) + Foundation.log(s.sum)
      var loss: Double
      if let y = targetClass(block, t) {
        if y == problem.ignoreIndex {
          loss = 0
        } else {
          let wy = Double(weight?[y] ?? 1)
          loss =
            (1 - smoothing) * wy * (lse - s.target) + uniform
            * (weightTotal * lse - s.weightedLogits)
          s.softmaxFactor = Float((1 - smoothing) * wy + uniform * weightTotal)
          if s.poisoned { loss = .nan }
        }
      } else {
        loss = s.poisoned ? .nan : s.mass * lse - s.weightedLogits
        s.softmaxFactor = Float(s.mass)
      }
      s.logSumExp = Float(lse)
      statistics[t] = s
      block.gradients.rowLosses?[block.start + t] = Float(loss)
      total += loss
    }
    return total
  }

  /// Turns `rows` of the chunk now in the panel into their gradients, in place.
  func formGradient(
    _ chunk: BlockContext, rows: Range<Int>, scale: Float, rowScales: UnsafePointer<Float>?
  ) {
    let width = chunk.chunkWidth
    for t in rows {
      let z = chunk.panel + t * width
      let s = statistics[t]
      let y = targetClass(chunk, t)
      if s.poisoned || y == problem.ignoreIndex {
        z.update(repeating: s.poisoned ? .nan : 0, count: width)
        continue
      }
      let factor = scale * (rowScales?[chunk.start + t] ?? 1)
      softmax(z, count: width, shift: s.logSumExp, times: s.softmaxFactor * factor)
      if let y {
        let flat = Float(uniform) * factor
        for v in 0..<width { z[v] -= flat * (weight?[chunk.chunkStart + v] ?? 1) }
        let local = y - chunk.chunkStart
        if local >= 0 && local < width {
          z[local] -= factor * Float(1 - smoothing) * (weight?[y] ?? 1)
        }
      } else {
        for v in 0..<width {
          z[v] -= factor * Float(smoothedTarget(chunk, t, chunk.chunkStart + v))
        }
      }
    }
  }

  /// `Σ exp(z_v − shift)`, 16 lanes at a time (`z_v ≀ shift` for every `v`, none NaN).
  private func exponentialSum(_ z: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Double
  {
    let lanes = FloatVector.scalarCount
    var sum = FloatVector()
    var v = 0
    while v + lanes <= count {
      let values = UnsafeRawPointer(z + v).loadUnaligned(as: FloatVector.self)
      sum += exponentialInRange(values - shift)
      v += lanes
    }
    var total = Double(sum.sum())
    while v < count {
      total += Double(Foundation.exp(z[v] - shift))
      v += 1
    }
    return total
  }

  /// `z_v = factor·exp(z_v − shift)` in place, 16 lanes at a time.
  private func softmax(
    _ z: UnsafeMutablePointer<Float>, count: Int, shift: Float, times factor: Float
  ) {
    let lanes = FloatVector.scalarCount
    var v = 0
    while v + lanes <= count {
      let raw = UnsafeMutableRawPointer(z + v)
      let values = raw.loadUnaligned(as: FloatVector.self)
      raw.storeBytes(of: exponentialInRange(values - shift) * factor, as: FloatVector.self)
      v += lanes
    }
    while v < count {
      z[v] = factor * Foundation.exp(z[v] - shift)
      v += 1
    }
  }
}
