extension FusedLinearCrossEntropy {
  /// One block of tokens when the vocabulary comes in chunks: the logits of every chunk for the
  /// rows' statistics, the losses, then (for gradients) every chunk's logits again, turned into
  /// gradients in place and consumed by the two gradient products.
  ///
  /// - Parameters:
  ///   - problem: The sizes, targets, class weights and smoothing.
  ///   - plan: The block and chunk sizes.
  ///   - block: The block's context for the chunk starting at a vocabulary entry.
  ///   - gradientScale: Multiplies every gradient.
  ///   - rowScales: Multiplies each token's gradient besides, or `nil`.
  /// - Returns: The sum of the block's losses.
  static func runChunked(
    problem: Problem, plan: BlockPlan, block: (Int) -> BlockContext, gradientScale: Float,
    rowScales: UnsafePointer<Float>?
  ) -> Double {
    let first = block(0)
    let chunks = stride(from: 0, to: problem.vocabulary, by: plan.chunkWidth)
    return ChunkedRows.with(problem, rows: first.count) { rows in
      for chunkStart in chunks {
        let chunk = block(chunkStart)
        parallel(chunk.workers) { chunk.logits(worker: $0) }
        parallel(chunk.workers) { worker in
          rows.accumulate(chunk, rows: chunk.share(of: chunk.count, unit: 1, worker: worker))
        }
      }
      let total = rows.finish(first)
      guard first.gradients.wantsBackward else { return total }
      for chunkStart in chunks {
        let chunk = block(chunkStart)
        parallel(chunk.workers) { chunk.logits(worker: $0) }
        parallel(chunk.workers) { worker in
          rows.formGradient(
            chunk, rows: chunk.share(of: chunk.count, unit: 1, worker: worker),
            scale: gradientScale, rowScales: rowScales)
        }
        chunk.backward()
      }
      return total
    }
  }
}
