import Foundation

/// The selected sample's loss curve, made the first time something draws it and then kept for
/// as long as the scenario and the sample stay the same.
///
/// A state gets a new box whenever its scenario or selected sample changes, so the curve is
/// still computed at most once per change; a replay that only steps through states (seeking, a
/// headless replay's final frame) never pays for the curves of states it does not draw.
final class CurveBox: Equatable, @unchecked Sendable {
  // `@unchecked Sendable`: `made` is only read and written with `lock` held, and the curve it
  // holds is an immutable value.
  let scenario: Scenario
  let sample: Int
  private let lock = NSLock()
  private var made: LossCurve?

  init(_ scenario: Scenario, sample: Int) {
    self.scenario = scenario
    self.sample = sample
  }

  var curve: LossCurve {
    lock.withLock {
      if let made { return made }
      let curve = LossCurve(scenario, sample: sample)
      made = curve
      return curve
    }
  }

  /// Boxes are equal when they would make the same curve.
  static func == (a: CurveBox, b: CurveBox) -> Bool {
    a.scenario == b.scenario && a.sample == b.sample
  }
}
