/// What the dashboard derives from a state: the analysis of its scenario, the loss curve of the
/// selected sample and of the curve's axis, the compare view's curves and the landscape. Each is
/// computed the first time it is asked for and kept for as long as what it is computed from stays
/// the same, so one change costs one analysis however many widgets and steps read it.
///
/// A memo owned by whoever steps or draws (the run loop, a replay, an export), never part of a
/// state: states stay plain values that compare by what they hold. A few slots per kind, the
/// most recent keys, which is all a frame-by-frame loop needs. Not thread-safe, and not
/// `Sendable`: a memo belongs to one loop (each thread makes its own; it is cheap).
public final class Derived {
  private var analyses = Slots<Scenario, Analysis>()
  private var curves = Slots<SampleKey, LossCurve>()
  private var compares = Slots<CompareKey, CompareCurves>()
  private var landscapes = Slots<LandscapeKey, Landscape?>()

  public init() {}

  /// The analysis of a scenario (losses, probabilities, gradients through the loss library).
  /// Two are kept: a step reads the scenario before a change and after it.
  public func analysis(_ scenario: Scenario) -> Analysis {
    analyses.value(for: scenario) { Analysis($0) }
  }

  /// The loss curve of one sample. Two are kept: the selected sample's, and the one the curve's
  /// axis was fitted to (usually the same).
  public func curve(_ scenario: Scenario, sample: Int) -> LossCurve {
    curves.value(for: SampleKey(scenario: scenario, sample: sample)) {
      LossCurve($0.scenario, sample: $0.sample)
    }
  }

  /// The compare view's curves for one sample, along a linear or a logarithmic `p_y` axis.
  public func compareCurves(
    _ scenario: Scenario, sample: Int, axis: ProbabilityAxis = .linear
  ) -> CompareCurves {
    compares.value(
      for: CompareKey(sample: SampleKey(scenario: scenario, sample: sample), axis: axis)
    ) {
      CompareCurves($0.sample.scenario, sample: $0.sample.sample, axis: $0.axis)
    }
  }

  /// The landscape over a window at a plot's size (`nil` without a second class or a window).
  func landscape(_ key: LandscapeKey) -> Landscape? {
    landscapes.value(for: key) { key in
      guard let second = key.second, let window = key.window, key.columns > 0, key.pixelRows > 0
      else { return nil }
      return Landscape(
        key.scenario, sample: key.sample, second: second, window: window, columns: key.columns,
        pixelRows: key.pixelRows)
    }
  }
}

/// The two most recently used values of a memo, by key.
private struct Slots<Key: Equatable, Value> {
  private var entries: [(key: Key, value: Value)] = []

  mutating func value(for key: Key, make: (Key) -> Value) -> Value {
    if let index = entries.firstIndex(where: { $0.key == key }) {
      if index != entries.count - 1 { entries.append(entries.remove(at: index)) }
      return entries[entries.count - 1].value
    }
    let value = make(key)
    entries.append((key, value))
    if entries.count > 2 { entries.removeFirst() }
    return value
  }
}

/// What a per-sample curve is computed from: the scenario and the sample.
struct SampleKey: Equatable, Sendable {
  var scenario: Scenario
  var sample: Int
}

/// What a landscape is computed from: the scenario, the plane and the window, and the plot's
/// size in pixels.
struct LandscapeKey: Equatable, Sendable {
  var scenario: Scenario
  var sample: Int
  var second: Int?
  var window: LandscapeWindow?
  var columns: Int
  var pixelRows: Int
}

/// What the compare view's curves are computed from: the sample, and the axis they follow.
private struct CompareKey: Equatable {
  var sample: SampleKey
  var axis: ProbabilityAxis
}
