import Autograd
import Losses

/// The `lossscope bench linear-cross-entropy` workload: the mean cross-entropy of `x·Wᵀ` over
/// class indices, with the gradients of `x` and `W`, through the fused kernel.
public struct LinearCrossEntropyBenchmark {
  public let tokens: Int
  public let hidden: Int
  public let vocabulary: Int
  private let input: [Float]
  private let linearWeight: [Float]
  private let targets: [Int]

  /// Generates the data (not timed): `x` uniform in [−1, 1), `W` uniform in ±1/√D (logits of
  /// order 1, as a trained classifier's), targets uniform over the vocabulary.
  public init(tokens: Int, hidden: Int, vocabulary: Int, seed: UInt64 = 42) {
    self.tokens = tokens
    self.hidden = hidden
    self.vocabulary = vocabulary
    var generator = SeededGenerator(seed: seed)
    input = (0..<(tokens * hidden)).map { _ in Float.random(in: -1..<1, using: &generator) }
    let bound = 1 / Float(hidden).squareRoot()
    linearWeight = (0..<(vocabulary * hidden)).map { _ in
      Float.random(in: -bound..<bound, using: &generator)
    }
    targets = (0..<tokens).map { _ in Int.random(in: 0..<vocabulary, using: &generator) }
  }

  /// Floating-point operations of one step: three `N × D × V` products, two each.
  public var operations: Double { 6 * Double(tokens) * Double(hidden) * Double(vocabulary) }

  /// What one measurement found.
  public struct Report: Sendable {
    /// The timed runs; ``KernelReport/peakExtraBytes`` is what the kernel held beyond the inputs
    /// and the gradient outputs (its block of logits and its scratch): the growth over the first
    /// step or any timed run, whichever is larger.
    public var kernel: KernelReport
    /// The resident set's growth over the first step counted from before the gradient outputs
    /// existed (their allocation, then the step): everything the step needed, the gradients
    /// included, as PyTorch's first step is measured in `Benchmarks/compare_pytorch.py`.
    public var firstStepBytes: Int
  }

  /// Times forward plus backward.
  ///
  /// - Parameters:
  ///   - runs: Timed runs (after the first step, which is not timed).
  ///   - threads: Threads sharing each phase.
  ///   - progress: Called after each timed run.
  /// - Returns: The timings, the memory of the first step and of the timed runs, and the last
  ///   run's mean loss.
  public func run(runs: Int, threads: Int, progress: (Int) -> Void = { _ in }) -> Report {
    let problem = FusedLinearCrossEntropy.Problem(
      tokens: tokens, hidden: hidden, vocabulary: vocabulary, target: .classes(targets),
      weight: nil, ignoreIndex: -100, labelSmoothing: 0)
    let scale = 1 / Float(tokens)
    return input.withUnsafeBufferPointer { x in
      linearWeight.withUnsafeBufferPointer { w in
        // A loss-only pass first, so the code and libraries it touches are resident before
        // anything is measured.
        _ = FusedLinearCrossEntropy.run(
          input: x.baseAddress!, linearWeight: w.baseAddress!, bias: nil, problem: problem,
          gradientScale: scale, gradients: .init(), threads: threads)
        // The gradient outputs are written as they are allocated, so their pages count here.
        let beforeGradients = PeakMemory.reset()
        var inputGradient = [Float](repeating: 0, count: tokens * hidden)
        var weightGradient = [Float](repeating: 0, count: vocabulary * hidden)
        let gradientBytes = PeakMemory.growth(since: beforeGradients)
        var loss = 0.0
        return inputGradient.withUnsafeMutableBufferPointer { dx in
          weightGradient.withUnsafeMutableBufferPointer { dw in
            let gradients = FusedLinearCrossEntropy.Gradients(
              input: dx.baseAddress, weight: dw.baseAddress)
            func step() {
              loss =
                FusedLinearCrossEntropy.run(
                  input: x.baseAddress!, linearWeight: w.baseAddress!, bias: nil,
                  problem: problem, gradientScale: scale, gradients: gradients, threads: threads)
                * Double(scale)
            }
            // The growth over a step is the kernel's own memory: it maps fresh pages for its
            // block of logits and its scratch on every call (`Workspace`).
            let beforeStep = PeakMemory.reset()
            step()
            let stepBytes = PeakMemory.growth(since: beforeStep)
            let baseline = PeakMemory.reset()
            let timings = Timings.measure(runs: runs, warmup: 0, progress: progress, step)
            let kernel = KernelReport(
              timings: timings,
              peakExtraBytes: Swift.max(stepBytes, PeakMemory.growth(since: baseline)), loss: loss)
            let firstStepBytes = gradientBytes + stepBytes
            return Report(kernel: kernel, firstStepBytes: firstStepBytes)
          }
        }
      }
    }
  }
}
