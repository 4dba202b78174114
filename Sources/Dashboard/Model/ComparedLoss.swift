/// The losses the compare view draws side by side, each a way of scoring the same logits
/// against the same target.
public enum ComparedLoss: Int, CaseIterable, Sendable {
  case crossEntropy, focal, smoothed, mse, bce

  /// The label smoothing the smoothed curve uses when the scenario has none.
  public static let defaultSmoothing: Float = 0.1

  /// The scenario this curve is computed with: the user's, with the loss (and ε or γ) set.
  /// Class weights are kept (MSE on probabilities has none).
  public func scenario(from base: Scenario) -> Scenario {
    var scenario = base
    scenario.labelSmoothing = 0
    switch self {
    case .crossEntropy: scenario.loss = .crossEntropy
    case .focal: scenario.loss = .focal
    case .smoothed:
      scenario.loss = .crossEntropy
      scenario.labelSmoothing =
        base.labelSmoothing > 0 ? base.labelSmoothing : ComparedLoss.defaultSmoothing
    case .mse: scenario.loss = .mseProbabilities
    case .bce: scenario.loss = .bceOneVsRest
    }
    return scenario
  }

  /// The legend's name, with the parameter that shapes the curve.
  public func name(_ base: Scenario) -> String {
    switch self {
    case .crossEntropy: "cross-entropy"
    case .focal: "focal γ \(NumberFormat.setting(base.focalGamma))"
    case .smoothed:
      "smoothed CE ε \(NumberFormat.setting(scenario(from: base).labelSmoothing))"
    case .mse: "MSE on p"
    case .bce: base.targetForm == .classIndex ? "BCE one-vs-rest" : "BCE with logits"
    }
  }
}
