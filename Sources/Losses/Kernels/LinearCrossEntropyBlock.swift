/// One block of tokens and one chunk of the vocabulary of ``FusedLinearCrossEntropy``: its
/// phases, each given a worker's share. The chunk is the whole vocabulary unless the block's
/// logits would not fit the panel budget.
///
/// `@unchecked Sendable`: the pointers are kept alive and (the inputs) unchanged by
/// ``FusedLinearCrossEntropy/run(input:linearWeight:bias:problem:gradientScale:rowScales:gradients:threads:)``
/// for the whole call. In each phase a worker writes only its own part: its entries of the
/// vocabulary in the panel (logits) and in the weight and bias gradients, its rows of the hidden
/// dimension in the input gradient, and its own scratch.
struct BlockContext: @unchecked Sendable {
  /// The block's first token and how many it takes.
  let start: Int
  let count: Int
  let hidden: Int
  let vocabulary: Int
  /// The chunk of the vocabulary in the panel: its first entry and how many.
  let chunkStart: Int
  let chunkWidth: Int
  let input: UnsafePointer<Float>
  let linearWeight: UnsafePointer<Float>
  let bias: UnsafePointer<Float>?
  /// `count × chunkWidth` logits, then gradients.
  let panel: UnsafeMutablePointer<Float>
  let scratch: UnsafeMutablePointer<Float>
  let scratchCount: Int
  let gradients: FusedLinearCrossEntropy.Gradients
  let workers: Int

  /// Vocabulary entries per tile of the weight gradient: with 256 tokens, the panel's share
  /// (96 KB) and a strip of 32 columns of the block's input (32 KB) stay in L2 and L1.
  static let weightTile = 96
  /// Vocabulary entries per tile of the input gradient: a strip of 32 columns of 128 rows of `W`
  /// (16 KB) stays in L1 while every 12 × 32 tile of that strip of the block's input gradient is
  /// updated from it (64 and 256 measured 1% slower and the same).
  static let inputTile = 128

  /// Floats of scratch one worker needs for a block of `tokens`.
  static func scratchCount(tokens: Int) -> Int {
    inputTile * tokens + OuterMicroKernel.scratchCount(depth: Swift.max(inputTile, tokens))
  }

  /// `worker`'s part of `0..<total`, cut at multiples of `unit`.
  func share(of total: Int, unit: Int, worker: Int) -> Range<Int> {
    let units = (total + unit - 1) / unit
    let lower = Swift.min(total, units * worker / workers * unit)
    let upper = Swift.min(total, units * (worker + 1) / workers * unit)
    return lower..<upper
  }

  private var blockInput: UnsafePointer<Float> { input + start * hidden }

  /// Phase 1: `panel[t][v] = x[t]·W[v] + b[v]` for `worker`'s entries of the vocabulary.
  func logits(worker: Int) {
    let entries = share(of: chunkWidth, unit: DotMicroKernel.columns, worker: worker)
    let x = blockInput
    let quads = count - count % DotMicroKernel.rows
    var v0 = entries.lowerBound
    while v0 < entries.upperBound {
      let width = Swift.min(DotMicroKernel.columns, entries.upperBound - v0)
      let w = linearWeight + (chunkStart + v0) * hidden
      if width == DotMicroKernel.columns {
        var t = 0
        while t < quads {
          DotMicroKernel.tile(
            x: x + t * hidden, xStride: hidden, w: w, wStride: hidden, count: hidden,
            out: panel + t * chunkWidth + v0, outRowStride: chunkWidth)
          t += DotMicroKernel.rows
        }
        for t in quads..<count {
          for v in 0..<width {
            panel[t * chunkWidth + v0 + v] = DotMicroKernel.dotProduct(
              x + t * hidden, w + v * hidden, count: hidden)
          }
        }
      } else {
        for t in 0..<count {
          for v in 0..<width {
            panel[t * chunkWidth + v0 + v] = DotMicroKernel.dotProduct(
              x + t * hidden, w + v * hidden, count: hidden)
          }
        }
      }
      v0 += width
    }
    if let bias {
      let chunkBias = bias + chunkStart
      for t in 0..<count {
        let row = panel + t * chunkWidth
        for v in entries { row[v] += chunkBias[v] }
      }
    }
  }

  /// Phase 2, when the chunk is the whole vocabulary: every token's loss, and its gradient row
  /// over its logits when a gradient is wanted; multiplied by `rowScales` when given. Class
  /// indices go through ``FusedCrossEntropy``, probabilities through ``ChunkedRows``.
  ///
  /// - Returns: The sum of the block's losses.
  func rows(
    problem: FusedLinearCrossEntropy.Problem, scale: Float, rowScales: UnsafePointer<Float>?
  ) -> Double {
    assert(chunkWidth == vocabulary, "whole rows only; ChunkedRows takes chunks")
    guard case .classes(let targets) = problem.target else {
      // Probability targets: the chunked path's rows, on one chunk that is the whole row (the
      // panel still holds the logits when the gradients are formed).
      return ChunkedRows.with(problem, rows: count) { rows in
        FusedLinearCrossEntropy.parallel(workers) { worker in
          rows.accumulate(self, rows: share(of: count, unit: 1, worker: worker))
        }
        let total = rows.finish(self)
        if gradients.wantsBackward {
          FusedLinearCrossEntropy.parallel(workers) { worker in
            rows.formGradient(
              self, rows: share(of: count, unit: 1, worker: worker), scale: scale,
              rowScales: rowScales)
          }
        }
        return total
      }
    }
    let gradient = gradients.wantsBackward ? panel : nil
    let rowProblem = FusedCrossEntropy.Problem(
      classes: vocabulary, targets: Array(targets[start..<(start + count)]),
      weight: problem.weight, ignoreIndex: problem.ignoreIndex,
      labelSmoothing: problem.labelSmoothing)
    let total = FusedCrossEntropy.run(
      logits: panel, problem: rowProblem, gradientScale: scale, gradient: gradient,
      rowLosses: gradients.rowLosses.map { $0 + start }, threads: workers)
    if let rowScales, gradient != nil {
      for t in 0..<count {
        let factor = rowScales[start + t]
        let row = panel + t * vocabulary
        for v in 0..<vocabulary { row[v] *= factor }
      }
    }
    return total
  }

  /// Phases 3 and 4, for the gradients asked for.
  func backward() {
    guard gradients.wantsBackward else { return }
    if gradients.weight != nil || gradients.bias != nil {
      FusedLinearCrossEntropy.parallel(workers) { weightGradient(worker: $0) }
    }
    if gradients.input != nil {
      FusedLinearCrossEntropy.parallel(workers) { inputGradient(worker: $0) }
    }
  }

  /// Phase 3: `dW[v] += Σₜ g[t][v]·x[t]` and `db[v] += Σₜ g[t][v]` for `worker`'s entries.
  func weightGradient(worker: Int) {
    let entries = share(of: chunkWidth, unit: BlockContext.weightTile, worker: worker)
    let own = scratch + worker * scratchCount
    var v0 = entries.lowerBound
    while v0 < entries.upperBound {
      let width = Swift.min(BlockContext.weightTile, entries.upperBound - v0)
      if let weightGradient = gradients.weight {
        OuterMicroKernel.accumulateProduct(
          rowCount: width, columnCount: hidden, depth: count, a: panel + v0, aStride: chunkWidth,
          b: blockInput, bStride: hidden, c: weightGradient + (chunkStart + v0) * hidden,
          cStride: hidden,
          scratch: own)
      }
      if let biasGradient = gradients.bias {
        for t in 0..<count {
          let row = panel + t * chunkWidth + v0
          for v in 0..<width { biasGradient[chunkStart + v0 + v] += row[v] }
        }
      }
      v0 += width
    }
  }

  /// Phase 4: `dx[t] = Σ_v g[t][v]·W[v]` for `worker`'s columns of the hidden dimension, a
  /// tile of ``inputTile`` entries of the vocabulary at a time: the panel's tile transposed
  /// (tokens contiguous, so a column of it is the kernel's broadcast operand) and `W`'s rows
  /// read in place.
  func inputGradient(worker: Int) {
    guard let inputGradient = gradients.input else { return }
    let columns = share(of: hidden, unit: OuterMicroKernel.columns, worker: worker)
    guard !columns.isEmpty else { return }
    let own = scratch + worker * scratchCount
    let tile = own
    let edgeScratch = own + BlockContext.inputTile * count
    let out = inputGradient + start * hidden + columns.lowerBound
    var v0 = 0
    while v0 < chunkWidth {
      let width = Swift.min(BlockContext.inputTile, chunkWidth - v0)
      TilePacking.transpose(
        rowCount: count, columnCount: width, source: panel + v0, sourceStride: chunkWidth,
        into: tile)
      OuterMicroKernel.accumulateProduct(
        rowCount: count, columnCount: columns.count, depth: width, a: tile, aStride: count,
        b: linearWeight + (chunkStart + v0) * hidden + columns.lowerBound, bStride: hidden, c: out,
        cStride: hidden, scratch: edgeScratch)
      v0 += width
    }
  }
}
