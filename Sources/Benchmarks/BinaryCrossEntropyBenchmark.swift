import Losses
import Autograd

/// The `lossscope bench bce-with-logits` workload: mean binary cross-entropy with logits and its
/// gradient for `B × C` float32 logits and float targets in `{0, 1}`, through the fused kernel.
public struct BinaryCrossEntropyBenchmark {
  public let batch: Int
  public let classes: Int
  private var logits: [Float]
  private let targets: [Float]

  /// Generates the data (not timed): logits uniform in [−4, 4), targets 0 or 1.
  public init(batch: Int, classes: Int, seed: UInt64 = 42) {
    self.batch = batch
    self.classes = classes
    var generator = SeededGenerator(seed: seed)
    logits = (0..<(batch * classes)).map { _ in Float.random(in: -4..<4, using: &generator) }
    targets = (0..<(batch * classes)).map { _ in Float(Int.random(in: 0...1, using: &generator)) }
  }

  /// Times forward plus backward, as ``CrossEntropyBenchmark/run(runs:threads:inPlace:progress:)``.
  public mutating func run(
    runs: Int, threads: Int, inPlace: Bool, progress: (Int) -> Void = { _ in }
  ) -> KernelReport {
    let count = batch * classes
    let scale = 1 / Float(count)
    return targets.withUnsafeBufferPointer { y in
      KernelReport.measure(logits: &logits, runs: runs, inPlace: inPlace, progress: progress) {
        x, gradient in
        FusedBinaryCrossEntropy.run(
          logits: x, targets: y.baseAddress!, count: count, weight: nil, posWeight: nil,
          gradientScale: scale, gradient: gradient, losses: nil, threads: threads) * Double(scale)
      }
    }
  }
}
