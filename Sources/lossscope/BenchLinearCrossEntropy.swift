import Benchmarks
import Foundation
import JSON

extension LossScope.Bench {
  /// `bench linear-cross-entropy`: the fused linear + cross-entropy at N × D × V.
  func runLinearCrossEntropy() throws {
    let total = runs ?? 5
    let benchmark = LinearCrossEntropyBenchmark(tokens: tokens, hidden: hidden, vocabulary: vocab)
    let measured = benchmark.run(runs: total, threads: threads, progress: progress(total))
    let report = measured.kernel
    let gflops = benchmark.operations / report.timings.median / 1e9
    if json {
      try writeLine(
        JSONValue.orderedObject([
          "op": .string("linear_cross_entropy"), "tokens": .number(Double(tokens)),
          "hidden": .number(Double(hidden)), "vocab": .number(Double(vocab)),
          "threads": .number(Double(threads)), "median_ms": .number(ms(report.timings.median)),
          "min_ms": .number(ms(report.timings.minimum)), "runs": .number(Double(total)),
          "peak_extra_bytes": .number(Double(report.peakExtraBytes)),
          "gflops": .number(round3(gflops)),
          "first_step_bytes": .number(Double(measured.firstStepBytes)),
        ]))
    } else {
      clearProgress()
      try writeLine(
        String(
          format: "linear-cross-entropy N=%d D=%d V=%d, %d thread(s): median %.1f ms, min %.1f ms "
            + "over %d runs, %.1f GFLOP/s; %.1f MB extra (logits would be %.1f MB; the first step "
            + "grew by %.1f MB, gradients included); mean loss %.4f",
          tokens, hidden, vocab, threads, report.timings.median * 1e3,
          report.timings.minimum * 1e3, total, gflops, Double(report.peakExtraBytes) / 1e6,
          Double(tokens) * Double(vocab) * 4 / 1e6, Double(measured.firstStepBytes) / 1e6,
          report.loss))
    }
  }
}
