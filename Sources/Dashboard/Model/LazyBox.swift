import Foundation

/// A value derived from a key (a curve from its scenario and sample, a landscape from its
/// window), made the first time something draws it and then kept for as long as the key stays
/// the same.
///
/// A state gets a new box whenever the key changes, so the value is still computed at most once
/// per change; a replay that only steps through states (seeking, a headless replay's final
/// frame) never pays for the curves of states it does not draw.
final class LazyBox<Key: Equatable & Sendable, Value: Sendable>: Equatable, @unchecked Sendable {
  // `@unchecked Sendable`: `made` is only read and written with `lock` held, and the value it
  // holds is immutable.
  let key: Key
  private let make: @Sendable (Key) -> Value
  private let lock = NSLock()
  private var made: Value?

  init(_ key: Key, make: @escaping @Sendable (Key) -> Value) {
    self.key = key
    self.make = make
  }

  var value: Value {
    lock.withLock {
      if let made { return made }
      let value = make(key)
      made = value
      return value
    }
  }

  /// Boxes are equal when they would make the same value.
  static func == (a: LazyBox, b: LazyBox) -> Bool { a.key == b.key }
}

/// What a per-sample curve is computed from: the scenario and the sample.
struct SampleKey: Equatable, Sendable {
  var scenario: Scenario
  var sample: Int
}

typealias CurveBox = LazyBox<SampleKey, LossCurve>

extension LazyBox where Key == SampleKey, Value == LossCurve {
  convenience init(_ scenario: Scenario, sample: Int) {
    self.init(SampleKey(scenario: scenario, sample: sample)) {
      LossCurve($0.scenario, sample: $0.sample)
    }
  }
  var curve: LossCurve { value }
}
