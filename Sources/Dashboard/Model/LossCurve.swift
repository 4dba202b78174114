import Foundation

/// A sample's loss as a function of `p`, the predicted probability of its true class.
///
/// The other classes are assumed to share `1 − p` equally, which is exact for plain
/// cross-entropy (it depends on `p` alone) and gives the textbook curves for the others. Weights
/// are left out: the curve is one unweighted sample.
public struct LossCurve: Sendable {
  public let loss: DashboardLoss
  public let classes: Int
  public let labelSmoothing: Float
  public let gamma: Float

  public init(_ scenario: Scenario) {
    loss = scenario.loss
    classes = scenario.classes
    labelSmoothing = scenario.labelSmoothing
    gamma = scenario.focalGamma
  }

  /// `ℓ(p)` for `p` in (0, 1].
  public func value(at p: Double) -> Double {
    let c = Double(classes)
    switch loss {
    case .crossEntropy:
      let eps = Double(labelSmoothing)
      let rest = (1 - p) / (c - 1)
      let others = eps > 0 && rest > 0 ? -(eps / c) * (c - 1) * log(rest) : 0
      return -(1 - eps + eps / c) * log(p) + others
    case .nllLogSoftmax, .bceOneVsRest:
      return -log(p)
    case .focal:
      return -pow(1 - p, Double(gamma)) * log(p)
    case .mseProbabilities:
      let rest = (1 - p) / (c - 1)
      return ((1 - p) * (1 - p) + (c - 1) * rest * rest) / c
    }
  }

  /// The formula, written out for the numbers panel.
  public var formula: String {
    switch loss {
    case .crossEntropy:
      labelSmoothing > 0 ? "L = (1−ε)·(−w_y log p_y) + (ε/C)·Σ_c(−w_c log p_c)" : "L = −w_y · log softmax(z)_y"
    case .nllLogSoftmax: "L = −w_y · x_y,  x = log_softmax(z)"
    case .bceOneVsRest: "L = Σ_c w_c·[(1−y_c)z_c + log(1+e^−|z_c|) + max(−z_c,0)]"
    case .focal: "L = −w_y · (1 − p_y)^γ · log p_y"
    case .mseProbabilities: "L = Σ_c (softmax(z)_c − y_c)²"
    }
  }

  /// The plain cross-entropy curve `−log p`, drawn dimmer for comparison.
  public static func crossEntropy(at p: Double) -> Double { -log(p) }
}
