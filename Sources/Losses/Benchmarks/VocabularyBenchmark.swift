import Autograd
import Foundation

/// One size of the `large-vocab` lesson: the fused kernel against the composed graph.
public struct VocabularyMeasurement: Sendable, Equatable {
  public var batch: Int
  public var classes: Int
  /// Forward plus backward through the fused kernel, median milliseconds.
  public var fusedMilliseconds: Double
  /// The same through the composed Autograd graph (log-softmax, gather, mean, backward).
  public var composedMilliseconds: Double
  /// Memory the fused step allocated beyond the logits (its gradient), measured like the
  /// composed step's: the growth of the peak resident set.
  public var fusedBytes: Int
  /// Memory the composed step allocates: every intermediate tensor and gradient.
  public var composedBytes: Int
  /// Whether the kernels were built optimised (`-c release`); a debug build's times mean nothing.
  public var optimizedBuild: Bool

  public init(
    batch: Int, classes: Int, fusedMilliseconds: Double, composedMilliseconds: Double,
    fusedBytes: Int, composedBytes: Int,
    optimizedBuild: Bool = VocabularyBenchmark.isOptimizedBuild
  ) {
    self.batch = batch
    self.classes = classes
    self.fusedMilliseconds = fusedMilliseconds
    self.composedMilliseconds = composedMilliseconds
    self.fusedBytes = fusedBytes
    self.composedBytes = composedBytes
    self.optimizedBuild = optimizedBuild
  }
}

/// Measures cross-entropy at one batch × vocabulary size, both ways.
public enum VocabularyBenchmark {
  /// The sizes the lesson walks through, from 1 × 1,000 to GPT-2's 128 × 50,257.
  /// Whether this module was compiled with optimisation.
  #if DEBUG
    public static let isOptimizedBuild = false
  #else
    public static let isOptimizedBuild = true
  #endif

  public static let sizes: [(batch: Int, classes: Int)] = [
    (1, 1_000), (8, 8_192), (32, 32_000), (128, 50_257),
  ]

  /// Times one size (a few runs each way) and counts the bytes each way allocates.
  public static func measure(batch: Int, classes: Int) -> VocabularyMeasurement {
    var fused = CrossEntropyBenchmark(batch: batch, classes: classes)
    let fusedReport = fused.run(runs: 3, threads: 1, inPlace: false)
    var generator = SeededGenerator(seed: 7)
    let values = (0..<(batch * classes)).map { _ in Float.random(in: -4..<4, using: &generator) }
    let targets = (0..<batch).map { $0 % classes }
    let baseline = PeakMemory.reset()
    let composed = Timings.measure(runs: 2, warmup: 0) {
      let logits = Tensor(values, shape: [batch, classes], requiresGrad: true)
      if let loss = try? crossEntropyComposed(logits, target: .classes(targets, shape: [batch])) {
        loss.backward()
      }
    }
    let composedBytes = PeakMemory.growth(since: baseline)
    return VocabularyMeasurement(
      batch: batch, classes: classes, fusedMilliseconds: fusedReport.timings.median * 1e3,
      composedMilliseconds: composed.median * 1e3, fusedBytes: fusedReport.peakExtraBytes,
      composedBytes: composedBytes)
  }
}
