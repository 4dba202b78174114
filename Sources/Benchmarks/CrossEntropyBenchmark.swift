import Losses
import Autograd

/// The `lossscope bench cross-entropy` workload: mean cross-entropy and dlogits of existing
/// float32 logits and integer targets, through the fused kernel.
public struct CrossEntropyBenchmark {
  public let batch: Int
  public let classes: Int
  private var logits: [Float]
  private let targets: [Int]

  /// Generates the data (not timed): logits uniform in [−4, 4), targets uniform over the classes.
  public init(batch: Int, classes: Int, seed: UInt64 = 42) {
    self.batch = batch
    self.classes = classes
    var generator = SeededGenerator(seed: seed)
    logits = (0..<(batch * classes)).map { _ in Float.random(in: -4..<4, using: &generator) }
    targets = (0..<batch).map { _ in Int.random(in: 0..<Swift.max(classes, 1), using: &generator) }
  }

  /// Times forward plus backward.
  ///
  /// - Parameters:
  ///   - runs: Timed runs.
  ///   - threads: Threads sharing the rows.
  ///   - inPlace: Write dlogits over the logits instead of into a separate buffer. Each run then
  ///     starts from the previous run's gradient, which costs the same: the kernel's work does
  ///     not depend on the values.
  ///   - progress: Called after each timed run.
  /// - Returns: The result.
  public mutating func run(
    runs: Int, threads: Int, inPlace: Bool, progress: (Int) -> Void = { _ in }
  ) -> KernelReport {
    let problem = FusedCrossEntropy.Problem(
      classes: classes, targets: targets, weight: nil, ignoreIndex: -100, labelSmoothing: 0)
    let scale = Float(1 / problem.totalTargetWeight)
    return KernelReport.measure(logits: &logits, runs: runs, inPlace: inPlace, progress: progress) {
      x, gradient in
      FusedCrossEntropy.run(
        logits: x, problem: problem, gradientScale: scale, gradient: gradient, rowLosses: nil,
        threads: threads) * Double(scale)
    }
  }

  /// Times a plain copy of the same bytes (read the logits, write a buffer of the same size): the
  /// memory-bandwidth floor the kernel is compared with.
  public mutating func copyReference(runs: Int) -> Timings {
    var destination = [Float](repeating: 0, count: batch * classes)
    return logits.withUnsafeBufferPointer { source in
      destination.withUnsafeMutableBufferPointer { target in
        Timings.measure(runs: runs) {
          guard let from = source.baseAddress, let to = target.baseAddress else { return }
          to.update(from: from, count: source.count)
        }
      }
    }
  }
}
