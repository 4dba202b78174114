/// The loss functions the dashboard can show, in the order Tab cycles through them.
public enum DashboardLoss: String, CaseIterable, Sendable {
  /// Cross-entropy on logits: `−w_y·log softmax(z)_y` (with label smoothing if set).
  case crossEntropy = "cross_entropy"
  /// NLL of `log_softmax(z)`: the same numbers as cross-entropy, computed in two steps.
  case nllLogSoftmax = "nll_log_softmax"
  /// Binary cross-entropy with logits, one-vs-rest against the one-hot target.
  case bceOneVsRest = "bce_with_logits"
  /// Softmax focal loss `−w_y·(1 − p_y)^γ·log p_y`.
  case focal
  /// Mean squared error between `softmax(z)` and the one-hot target.
  case mseProbabilities = "mse_probabilities"

  /// A short name for titles.
  public var title: String {
    switch self {
    case .crossEntropy: "cross-entropy"
    case .nllLogSoftmax: "NLL of log-softmax"
    case .bceOneVsRest: "BCE with logits (one-vs-rest)"
    case .focal: "focal"
    case .mseProbabilities: "MSE on probabilities"
    }
  }

  /// Parses a name: the dashboard's own only. PyTorch's names (`nll_loss`, `mse_loss`, …) are
  /// not taken, because these are not those functions: the dashboard's NLL applies log-softmax
  /// first, its MSE compares the softmax with the one-hot target, its focal loss is the softmax
  /// one (`eval`'s `sigmoid_focal_loss` is torchvision's).
  public init?(name: String) {
    guard let loss = DashboardLoss(rawValue: name) else { return nil }
    self = loss
  }

  /// What `--loss` says about each name.
  public static let optionHelp =
    "cross_entropy (on logits), nll_log_softmax (NLL of log-softmax: the same numbers in two "
    + "steps), bce_with_logits (one sigmoid per class against the one-hot target), focal (the "
    + "softmax focal loss −w_y·(1 − p_y)^γ·log p_y) or mse_probabilities (squared error between "
    + "softmax(z) and the one-hot target)."

  /// The next or previous loss, wrapping around.
  func cycled(by step: Int) -> DashboardLoss {
    let all = DashboardLoss.allCases
    let index = all.firstIndex(of: self)!
    return all[(index + step + all.count) % all.count]
  }
}
