import Dispatch

/// Cross-entropy of `x·Wᵀ + b` with its gradients for `x`, `W` and `b`, without ever holding the
/// `N × V` logits: the tokens are taken a block at a time.
///
/// For a block of `n` tokens (`x_B`, `n × D`), four phases run, each split over the threads:
///
/// 1. **Logits**: `z = x_B·Wᵀ + b` into the block's panel (`n × V`), by ``DotMicroKernel``
///    (split over the vocabulary, in multiples of 6 entries).
/// 2. **Rows**: each row of the panel becomes its loss and, in place, its gradient
///    `g = (softmax(z) − y')·scale`: ``FusedCrossEntropy`` for class indices (split over the
///    tokens), ``ChunkedRows`` (as one chunk) for probability targets.
/// 3. **Weight**: `dW[v] += Σₜ g[t][v]·x_B[t]` and `db[v] += Σₜ g[t][v]`, by
///    ``OuterMicroKernel`` on the panel and `x_B` read in place (split over the vocabulary, each
///    thread owning its rows of `dW`).
/// 4. **Input**: `dx_B += g·W`, a tile of 128 entries of the vocabulary at a time (the panel's
///    tile transposed by ``TilePacking``, so that a column of it is contiguous; `W` read in
///    place), split over the hidden dimension in multiples of 32.
///
/// Every element of every result is summed in the same order whatever the number of threads
/// (each phase splits only the dimension it does not sum over, at multiples of the tiles), so
/// the results are identical for any thread count. The block's panel is the one allocation that
/// grows with the sizes, and it never exceeds ``panelBudget`` (``BlockPlan``): at
/// `N = 1024`, `V = 50,257` it holds 148 tokens' logits, 29.8 MB where PyTorch holds 206 MB of
/// logits and as much of their gradient. Past `V = 262,144` the vocabulary comes in chunks
/// (``ChunkedRows``): each row's log-sum-exp is taken online over the chunks, and the logits are
/// computed a second time for the gradients, 8·N·D·V operations instead of 6. Below, the logits
/// are computed once: recomputing them to keep the panel smaller would cost a third more work,
/// more than this kernel's whole margin over PyTorch.
package enum FusedLinearCrossEntropy {
  /// The target of every token.
  package enum Target {
    /// One class index per token.
    case classes([Int])
    /// `N × V` probabilities, row-major.
    case probabilities([Float])
  }

  /// What one call computes on, besides the tensors.
  package struct Problem {
    /// `N`.
    package var tokens: Int
    /// `D`.
    package var hidden: Int
    /// `V`.
    package var vocabulary: Int
    package var target: Target
    /// Class weights (`V` floats), or `nil` for all ones.
    package var weight: [Float]?
    package var ignoreIndex: Int
    /// `ε`.
    package var labelSmoothing: Float

    package init(
      tokens: Int, hidden: Int, vocabulary: Int, target: Target, weight: [Float]?,
      ignoreIndex: Int, labelSmoothing: Float
    ) {
      self.tokens = tokens
      self.hidden = hidden
      self.vocabulary = vocabulary
      self.target = target
      self.weight = weight
      self.ignoreIndex = ignoreIndex
      self.labelSmoothing = labelSmoothing
    }
  }

  /// Where the results go; each pointer may be `nil` to skip that result.
  ///
  /// Safety contract: `input` holds `N × D` floats; `weight` (the gradient of the linear weight)
  /// `V × D`; `bias` `V`; `rowLosses` `N`. They overlap nothing the call reads and each other
  /// not at all. They are overwritten, not added to.
  package struct Gradients {
    package var input: UnsafeMutablePointer<Float>?
    package var weight: UnsafeMutablePointer<Float>?
    package var bias: UnsafeMutablePointer<Float>?
    package var rowLosses: UnsafeMutablePointer<Float>?

    package init(
      input: UnsafeMutablePointer<Float>? = nil, weight: UnsafeMutablePointer<Float>? = nil,
      bias: UnsafeMutablePointer<Float>? = nil, rowLosses: UnsafeMutablePointer<Float>? = nil
    ) {
      self.input = input
      self.weight = weight
      self.bias = bias
      self.rowLosses = rowLosses
    }

    var wantsBackward: Bool { input != nil || weight != nil || bias != nil }
  }

  /// The most bytes a block's panel of logits may take: 32 MiB.
  package static let panelBudget = 32 << 20

  /// The bytes of the block of logits a call holds (its scratch is a few hundred kilobytes
  /// more): never more than ``panelBudget``.
  package static func blockBytes(tokens: Int, vocabulary: Int) -> Int {
    BlockPlan(tokens: tokens, vocabulary: vocabulary).panelFloats * MemoryLayout<Float>.stride
  }

  /// Runs the loss, and the gradients asked for, over every token.
  ///
  /// Safety contract: `input` holds `N × D` floats, `linearWeight` `V × D`, `bias` (when given)
  /// `V`, `rowScales` (when given) `N`, all row-major and unchanged during the call; `gradients`
  /// as its own contract says. Targets, weights and smoothing must already be validated.
  ///
  /// - Parameters:
  ///   - input: `N × D` hidden states.
  ///   - linearWeight: `V × D`.
  ///   - bias: `V` floats, or `nil`.
  ///   - problem: The sizes, targets, class weights and smoothing.
  ///   - gradientScale: Multiplies every gradient (`1/Σw_y` or `1/N` for `mean`).
  ///   - rowScales: Multiplies each token's gradient besides (a `none` reduction's upstream
  ///     gradient), or `nil`.
  ///   - gradients: Where the gradients and row losses go.
  ///   - threads: How many threads share each phase.
  ///   - panelBudget: The most bytes the block of logits may take (tests make it small).
  /// - Returns: The sum of the tokens' losses.
  package static func run(
    input: UnsafePointer<Float>, linearWeight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    problem: Problem, gradientScale: Float, rowScales: UnsafePointer<Float>? = nil,
    gradients: Gradients, threads: Int = 1, panelBudget: Int = FusedLinearCrossEntropy.panelBudget
  ) -> Double {
    let (tokens, hidden, vocabulary) = (problem.tokens, problem.hidden, problem.vocabulary)
    gradients.input?.initialize(repeating: 0, count: tokens * hidden)
    gradients.weight?.initialize(repeating: 0, count: vocabulary * hidden)
    gradients.bias?.initialize(repeating: 0, count: vocabulary)
    guard tokens > 0, vocabulary > 0 else { return 0 }
    let plan = BlockPlan(tokens: tokens, vocabulary: vocabulary, budget: panelBudget)
    let workers = Swift.max(1, threads)
    let scratchCount = BlockContext.scratchCount(tokens: plan.blockTokens)
    return Workspace.withFloats(plan.panelFloats + workers * scratchCount) { workspace in
      var total = 0.0
      var start = 0
      while start < tokens {
        let count = Swift.min(plan.blockTokens, tokens - start)
        func block(chunkStart: Int) -> BlockContext {
          BlockContext(
            start: start, count: count, hidden: hidden, vocabulary: vocabulary,
            chunkStart: chunkStart,
            chunkWidth: Swift.min(plan.chunkWidth, vocabulary - chunkStart), input: input,
            linearWeight: linearWeight, bias: bias, panel: workspace,
            scratch: workspace + plan.panelFloats, scratchCount: scratchCount,
            gradients: gradients, workers: workers)
        }
        if plan.isChunked {
          total += runChunked(
            problem: problem, plan: plan, block: block, gradientScale: gradientScale,
            rowScales: rowScales)
        } else {
          let whole = block(chunkStart: 0)
          parallel(workers) { whole.logits(worker: $0) }
          total += whole.rows(problem: problem, scale: gradientScale, rowScales: rowScales)
          whole.backward()
        }
        start += count
      }
      return total
    }
  }

  /// Runs `body(0..<workers)`, on the calling thread alone when there is one.
  static func parallel(_ workers: Int, _ body: (Int) -> Void) {
    if workers == 1 {
      body(0)
    } else {
      withoutActuallyEscaping(body) { body in
        let shared = UncheckedBody(body: body)
        DispatchQueue.concurrentPerform(iterations: workers) { shared.body($0) }
      }
    }
  }
}

/// A closure handed to `concurrentPerform`. `@unchecked Sendable`: the phases' closures only
/// read shared state and write disjoint parts of the outputs (see each phase).
private struct UncheckedBody: @unchecked Sendable {
  let body: (Int) -> Void
}
