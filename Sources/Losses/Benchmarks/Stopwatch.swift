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
  public static func measure(
    runs: Int, warmup: Int = 2, progress: (Int) -> Void = { _ in }, _ body: () -> Void
  ) -> Timings {
    for _ in 0..<warmup { body() }
    var seconds: [Double] = []
    seconds.reserveCapacity(runs)
    let clock = ContinuousClock()
    for done in 1...Swift.max(runs, 1) {
      let elapsed = clock.measure(body)
      seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
      progress(done)
    }
    return Timings(seconds: seconds)
  }
}

/// Peak resident memory, measured by the kernel rather than guessed from the code.
///
/// ``reset()`` makes the operating system's high-water mark (`VmHWM`) equal to the current
/// resident size; after some work, ``peakGrowth()`` is how far the resident size rose above the
/// value at the reset. It counts every page the work touched for the first time, whoever
/// allocated it. On systems without `/proc` it reports 0.
public enum PeakMemory {
  /// Starts a measurement.
  public static func reset() -> Int {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    return field("VmRSS")
  }

  /// Bytes the resident size rose above `baseline` at its highest since ``reset()``.
  public static func growth(since baseline: Int) -> Int {
    Swift.max(0, field("VmHWM") - baseline)
  }

  /// A `/proc/self/status` field in bytes.
  private static func field(_ name: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
      return (digits.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
  }
}
