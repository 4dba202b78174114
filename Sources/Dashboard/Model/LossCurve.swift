import Autograd
import Foundation
import Losses

/// The selected sample's own loss ℓ as a function of `p_y`, the predicted probability of its
/// true class, computed by the loss library.
///
/// Each point of the curve is the sample with its target logit moved so that `p_y` takes that
/// value, the other logits fixed (`z_y = logit(p) + log Σ_{c≠y} e^{z_c}` for softmax losses,
/// `z_y = logit(p)` for BCE, whose classes are independent sigmoids). All points go through the
/// library in one batch with `reduction: none` (summed over classes for the elementwise
/// losses), with the scenario's class weights, label smoothing and γ. The sample itself is one
/// such point, so the dashboard's point lies on the curve and its ℓ is the panel's ℓ.
public struct LossCurve: Sendable, Equatable {
  public let scenario: Scenario
  public let sampleIndex: Int
  /// `p_y` at each point, increasing in (0, 1).
  public let probabilities: [Float]
  /// ℓ at each point.
  public let losses: [Float]
  /// Plain cross-entropy `−log p_y` at each point, when it differs from this curve (another
  /// loss, a class weight, label smoothing); drawn dimmer for comparison.
  public let comparison: [Float]?

  /// Points along the curve.
  public static let resolution = 240

  public init(_ scenario: Scenario, sample index: Int) {
    self.scenario = scenario
    sampleIndex = index
    let sample = scenario.samples[index]
    let y = sample.target, c = scenario.classes, m = LossCurve.resolution
    let ps = LossCurve.gridProbabilities(m)
    probabilities = ps
    func rows(_ link: ProbabilityLink) -> [Float] {
      LossCurve.logitsAlong(sample, probabilities: ps, link: link)
    }
    _ = y
    func perPoint(_ curveScenario: Scenario, _ flat: [Float]) -> [Float] {
      withNoGrad {
        let input = Tensor(flat, shape: [m, c])
        let (targets, labels) = Analysis.repeated(curveScenario, sample, m)
        guard
          let loss = try? Analysis.lossFunction(
            curveScenario, input, targets, labels: labels, reduction: .none)
        else {
          return [Float](repeating: .nan, count: m)
        }
        let width = loss.count / m
        return (0..<m).map { loss.data[($0 * width)..<(($0 + 1) * width)].reduce(0, +) }
      }
    }
    let softmaxRows = rows(.softmax)
    losses = perPoint(
      scenario, scenario.loss.link == .softmax ? softmaxRows : rows(scenario.loss.link))
    var plain = scenario
    plain.loss = .crossEntropy
    plain.targetForm = .classIndex
    plain.labelSmoothing = 0
    plain.weights = [Float](repeating: 1, count: c)
    let plainLosses = perPoint(plain, softmaxRows)
    // No comparison where it would lie on top of this curve, or where there is no softmax to
    // compare with (a binary sample of one logit).
    let same = zip(plainLosses, losses).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) }
    comparison = same || c == 1 ? nil : plainLosses
  }

  /// `m` values of `p_y` evenly spread in (0, 1): the midpoints of `m` equal steps.
  static func gridProbabilities(_ m: Int) -> [Float] {
    (0..<m).map { Float((Double($0) + 0.5) / Double(m)) }
  }

  /// The sample's logits moved along the curve, one row per `p` (flattened): the target logit set
  /// so that `p_y = p` with the other logits fixed, through the softmax
  /// (`z_y = logit(p) + log Σ_{c≠y} e^{z_c}`, computed stably), for BCE's independent
  /// sigmoids `z_y = logit(p)`, and for rows read as log-probabilities `z_y = log p`.
  static func logitsAlong(_ sample: Scenario.Sample, probabilities: [Float], link: ProbabilityLink)
    -> [Float]
  {
    let y = sample.target
    let others = sample.logits.enumerated().filter { $0.offset != y }.map(\.element)
    let top = others.max() ?? 0
    let rest = top + Foundation.log(others.reduce(Float(0)) { $0 + Foundation.exp($1 - top) })
    var flat: [Float] = []
    flat.reserveCapacity(probabilities.count * sample.logits.count)
    for p in probabilities {
      var row = sample.logits
      switch link {
      case .softmax: row[y] = Foundation.log(p / (1 - p)) + (others.isEmpty ? 0 : rest)
      case .sigmoid: row[y] = Foundation.log(p / (1 - p))
      case .logProbability: row[y] = Foundation.log(p)
      }
      flat += row
    }
    return flat
  }

  /// ℓ at `p`, interpolated between the computed points (clamped to the first and last).
  public func value(at p: Float) -> Float {
    LossCurve.interpolate(losses, at: p)
  }

  /// The comparison curve at `p`.
  public func comparisonValue(at p: Float) -> Float? {
    comparison.map { LossCurve.interpolate($0, at: p) }
  }

  /// A series over ``gridProbabilities(_:)`` at `p`, interpolated linearly between its points
  /// (clamped to the first and last).
  static func interpolate(_ values: [Float], at p: Float) -> Float {
    let position = p * Float(values.count) - 0.5
    guard position > 0 else { return values[0] }
    guard position < Float(values.count) else { return values[values.count - 1] }
    let low = Int(position)
    guard low + 1 < values.count else { return values[values.count - 1] }
    let t = position - Float(low)
    return values[low] * (1 - t) + values[low + 1] * t
  }

  /// The largest ℓ for `p_y` from 0.05 up: what the y-axis must show of this curve.
  public var typicalMaximum: Float {
    let shown = zip(probabilities, losses).filter { $0.0 >= 0.05 && $0.1.isFinite }.map(\.1)
    let compared =
      comparison.map { values in
        zip(probabilities, values).filter { $0.0 >= 0.05 && $0.1.isFinite }.map(\.1)
      } ?? []
    return (shown + compared).max() ?? 1
  }

  /// A y-axis top for this curve: the value the curve reaches at `p_y = 0.05` (or its largest
  /// beyond), rounded up to 1, 2 or 5 × 10ᵏ (to a power of ten on a log scale), at least 1.
  public func axisTop(logScale: Bool) -> Float {
    LossCurve.niceTop(max(1, typicalMaximum.isFinite ? typicalMaximum : 1), logScale: logScale)
  }

  /// An axis top for values up to `peak`: 1, 2, 3, 5 or 10 × 10ᵏ at least `margin` times it (a
  /// power of ten, at least 10, on a log scale).
  static func niceTop(_ peak: Float, logScale: Bool, margin: Double = 1.05) -> Float {
    let peak = Double(peak.isFinite && peak > 0 ? peak : 1)
    let magnitude = pow(10, floor(log10(peak)))
    if logScale { return Float(max(10, magnitude * 10)) }
    let nice =
      [1.0, 2, 3, 5, 10].map { $0 * magnitude }.first { $0 >= peak * margin } ?? 10 * magnitude
    return Float(nice)
  }

  /// Two curves are equal when they are of the same sample of the same scenario.
  public static func == (a: LossCurve, b: LossCurve) -> Bool {
    a.scenario == b.scenario && a.sampleIndex == b.sampleIndex
  }
}

extension DashboardLoss {
  /// The per-sample loss ℓ the curve and the panel show in `scenario`, written out.
  public func formula(_ scenario: Scenario) -> String {
    if self == .crossEntropy, scenario.targetForm != .classIndex {
      return "ℓ = −Σ_c w_c·y_c·log softmax(z)_c"
    }
    return formula(labelSmoothing: scenario.labelSmoothing)
  }

  /// The per-sample loss ℓ with class-index targets, written out.
  public func formula(labelSmoothing: Float) -> String {
    switch self {
    case .crossEntropy:
      labelSmoothing > 0
        ? "ℓ = (1−ε)·(−w_y log p_y) + (ε/C)·Σ_c(−w_c log p_c)" : "ℓ = −w_y · log softmax(z)_y"
    case .nllLogSoftmax: "ℓ = −w_y · x_y,  x = log_softmax(z)"
    case .bceOneVsRest: "ℓ = Σ_c w_c·[(1−y_c)z_c + log(1+e^−|z_c|) + max(−z_c,0)]"
    case .focal: "ℓ = −w_y · (1 − p_y)^γ · log p_y"
    case .mseProbabilities: "ℓ = Σ_c (softmax(z)_c − y_c)²"
    case .nllRows: "ℓ = −w_y · z_y (z: log-probs)"
    }
  }

  /// What `mean` divides `Σ ℓ` by in `scenario`, as written on screen.
  public func meanDenominator(_ scenario: Scenario) -> String {
    if self == .crossEntropy, scenario.targetForm != .classIndex { return "N" }
    return meanDenominator
  }

  /// What `mean` divides `Σ ℓ` by with class-index targets, as written on screen.
  public var meanDenominator: String {
    switch self {
    case .bceOneVsRest, .mseProbabilities: "N·C"
    case .crossEntropy, .nllLogSoftmax, .focal, .nllRows: "Σw_y"
    }
  }

  /// The display name of a sample's curve, for legends: the loss and what shapes it (γ, ε, the
  /// target's class weight).
  public func curveName(_ scenario: Scenario, target: Int) -> String {
    var name: String
    switch self {
    case .focal: name = "focal γ \(NumberFormat.setting(scenario.focalGamma))"
    case .crossEntropy:
      name =
        scenario.labelSmoothing > 0
        ? "cross-entropy ε \(NumberFormat.setting(scenario.labelSmoothing))" : "cross-entropy"
    case .nllLogSoftmax: name = "NLL of log-softmax"
    case .bceOneVsRest:
      name = scenario.targetForm == .classIndex ? "BCE one-vs-rest" : "BCE with logits"
    case .mseProbabilities: name = "MSE on p"
    case .nllRows: name = "NLL of the rows"
    }
    let weight = scenario.weights[target]
    if weight != 1, self != .bceOneVsRest, self != .mseProbabilities {
      name += " · w_y \(NumberFormat.setting(weight))"
    }
    return name
  }
}
