import Foundation
import Benchmarks
import Dashboard

/// Performs the large-vocab lesson's measurements for a run loop, one size at a time.
///
/// The loop starts a size when the state asks for one and takes the result when it is ready;
/// it never waits, so keys keep working while a measurement runs.
public protocol MeasurementRunner: AnyObject {
  /// Whether a measurement is under way.
  var isBusy: Bool { get }
  /// Starts measuring one size.
  func start(batch: Int, classes: Int)
  /// The finished measurement, once (without waiting); `nil` while working or idle.
  func takeResult() -> VocabularyMeasurement?
}

/// Measures on a thread of its own, off the input path. A measurement that is no longer wanted
/// (the user quit) is simply abandoned: the process ends with it.
public final class BackgroundMeasurementRunner: MeasurementRunner, @unchecked Sendable {
  // `@unchecked Sendable`: `busy` and `result` are only touched with `lock` held.
  private let lock = NSLock()
  private var busy = false
  private var result: VocabularyMeasurement?

  public init() {}

  public var isBusy: Bool { lock.withLock { busy } }

  public func start(batch: Int, classes: Int) {
    lock.withLock { busy = true }
    let thread = Thread { [self] in
      let measurement = VocabularyBenchmark.measure(batch: batch, classes: classes)
      lock.withLock {
        result = measurement
        busy = false
      }
    }
    thread.stackSize = 1 << 22
    thread.start()
  }

  public func takeResult() -> VocabularyMeasurement? {
    lock.withLock {
      defer { result = nil }
      return result
    }
  }
}

/// Measures nothing: returns the numbers it was given, in order (for tests and scripts).
public final class CannedMeasurementRunner: MeasurementRunner {
  private var results: [VocabularyMeasurement]
  private var ready: VocabularyMeasurement?

  public init(_ results: [VocabularyMeasurement]) { self.results = results }

  public var isBusy: Bool { false }

  public func start(batch: Int, classes: Int) {
    ready = results.isEmpty ? nil : results.removeFirst()
  }

  public func takeResult() -> VocabularyMeasurement? {
    defer { ready = nil }
    return ready
  }
}
