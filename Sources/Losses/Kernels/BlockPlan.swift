/// How ``FusedLinearCrossEntropy`` cuts a call: how many tokens a block takes, and how much of
/// the vocabulary a block's panel of logits holds at once.
///
/// The panel (`blockTokens × chunkWidth` floats) is the only allocation that grows with `V`, and
/// it never exceeds the budget. While a block of at least 32 tokens fits with the whole
/// vocabulary (`V ≤ 262,144` at 32 MiB), the chunk is the whole vocabulary and each logit is
/// computed once. Beyond, blocks take 256 tokens and the vocabulary comes in chunks that fill the
/// budget; the logits are then computed twice, once for each row's log-sum-exp (taken online,
/// chunk by chunk) and once for the gradients: 8·N·D·V operations instead of 6.
package struct BlockPlan: Equatable, Sendable {
  /// Tokens per block (the last block may take fewer).
  package let blockTokens: Int
  /// Vocabulary entries per chunk (the last chunk may take fewer); `V` when not chunked.
  package let chunkWidth: Int
  /// `V`.
  package let vocabulary: Int

  /// - Parameters:
  ///   - tokens: `N`.
  ///   - vocabulary: `V`.
  ///   - budget: The most bytes the panel may take.
  package init(tokens: Int, vocabulary: Int, budget: Int = FusedLinearCrossEntropy.panelBudget) {
    self.vocabulary = vocabulary
    let floats = Swift.max(budget / MemoryLayout<Float>.stride, 1)
    let fitting = floats / Swift.max(vocabulary, 1)
    let chunked = fitting < 32
    // As many tokens as fit, a multiple of 32 from 32 to 256, evened out over the blocks `N`
    // needs (a multiple of 4), so that the last block is not a sliver.
    let most = chunked ? 256 : Swift.min(256, Swift.max(32, fitting / 32 * 32))
    let blocks = Swift.max(1, (tokens + most - 1) / most)
    let even = (tokens + blocks - 1) / blocks
    blockTokens = Swift.min(most, (even + 3) / 4 * 4)
    // A chunk is a multiple of 384 entries (the tiles' 6, 96 and 128 all divide it).
    let room = floats / Swift.max(blockTokens, 1)
    chunkWidth = room >= vocabulary ? vocabulary : Swift.max(384, room / 384 * 384)
  }

  /// Whether the vocabulary comes in more than one chunk.
  package var isChunked: Bool { chunkWidth < vocabulary }

  /// The panel's floats.
  package var panelFloats: Int { blockTokens * chunkWidth }
}
