import Autograd
import Foundation
import Losses

/// Measures cross-entropy at one batch × vocabulary size, both ways.
public enum VocabularyBenchmark {
  /// Whether this module was compiled with optimisation.
  #if DEBUG
    public static let isOptimizedBuild = false
  #else
    public static let isOptimizedBuild = true
  #endif

  /// Times one size (a few runs each way) and counts the bytes each way allocates; with the
  /// largest size, also one step of the fused linear + cross-entropy over that vocabulary
  /// (``LinearStepMeasurement/lessonSize``).
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
    var linear: LinearStepMeasurement?
    if let largest = VocabularyMeasurement.sizes.last, largest == (batch, classes) {
      let size = LinearStepMeasurement.lessonSize
      let step = LinearCrossEntropyBenchmark(
        tokens: size.tokens, hidden: size.hidden, vocabulary: classes
      ).run(runs: 1, threads: 1)
      linear = LinearStepMeasurement(
        tokens: size.tokens, hidden: size.hidden, vocabulary: classes,
        milliseconds: step.kernel.timings.median * 1e3, extraBytes: step.kernel.peakExtraBytes)
    }
    return VocabularyMeasurement(
      batch: batch, classes: classes, fusedMilliseconds: fusedReport.timings.median * 1e3,
      composedMilliseconds: composed.median * 1e3, fusedBytes: fusedReport.peakExtraBytes,
      composedBytes: composedBytes, optimizedBuild: isOptimizedBuild, linear: linear)
  }
}
