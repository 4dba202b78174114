// The Benchmarks module: the measured workloads of `bench` and of the large-vocab lesson (the
// fused and composed losses, the linear + cross-entropy step, a training step), their timings
// and peak memory, and the types their results come in (VocabularyMeasurement,
// LinearStepMeasurement). It depends on the loss library only, not on the dashboard that shows
// its numbers.

import Losses
import Foundation

/// Times repeated runs of a piece of work and summarises them.
public struct Timings: Sendable {
  /// Each run's duration in seconds, in the order they ran.
  public var seconds: [Double]

  /// The median duration in seconds.
  public var median: Double {
    let sorted = seconds.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The fastest run in seconds.
  public var minimum: Double { seconds.min() ?? .nan }

  /// Runs `body` `warmup` times untimed, then `runs` times timed.
  ///
  /// - Parameters:
  ///   - runs: How many timed runs.
  ///   - warmup: How many untimed runs first (caches, page faults, lazy set-up).
  ///   - progress: Called after each timed run with the number done.
  ///   - body: The work.
  /// - Returns: The timings of the runs.
  public static func measure(
    runs: Int, warmup: Int = 2, progress: (Int) -> Void = { _ in }, _ body: () -> Void
  ) -> Timings {
    for _ in 0..<warmup { body() }
    var seconds: [Double] = []
    seconds.reserveCapacity(runs)
    let clock = ContinuousClock()
    for done in 1...Swift.max(runs, 1) {
      let elapsed = clock.measure(body)
      seconds.append(
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
      progress(done)
    }
    return Timings(seconds: seconds)
  }
}
