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
  /// PyTorch's `nll_loss` on the rows as they are, read as log-probabilities: `−w_y·z_y`. Rows
  /// that are not normalised (`Σ e^z ≠ 1`) give another number than cross-entropy, and the
  /// numbers panel says so. Not in Tab's cycle (it does not treat logits as logits); `--loss
  /// nll_loss`, a state string or a lesson's step chooses it.
  case nllRows = "nll_loss"

  /// A short name for titles.
  public var title: String {
    switch self {
    case .crossEntropy: "cross-entropy"
    case .nllLogSoftmax: "NLL of log-softmax"
    case .bceOneVsRest: "BCE with logits (one-vs-rest)"
    case .focal: "focal"
    case .mseProbabilities: "MSE on probabilities"
    case .nllRows: "NLL of the rows as given"
    }
  }

  /// Parses a name: the dashboard's own. PyTorch's names (`mse_loss`, …) are not taken where
  /// these are not those functions: `nll_log_softmax` applies log-softmax first, the MSE compares
  /// the softmax with the one-hot target, the focal loss is the softmax one (`eval`'s
  /// `sigmoid_focal_loss` is torchvision's). `nll_loss` is PyTorch's, on the rows as given.
  public init?(name: String) {
    guard let loss = DashboardLoss(rawValue: name) else { return nil }
    self = loss
  }

  /// What `--loss` says about each name.
  public static let optionHelp =
    "cross_entropy (on logits), nll_log_softmax (NLL of log-softmax: the same numbers in two "
    + "steps), bce_with_logits (one sigmoid per class against the one-hot target), focal (the "
    + "softmax focal loss −w_y·(1 − p_y)^γ·log p_y), mse_probabilities (squared error between "
    + "softmax(z) and the one-hot target) or nll_loss (PyTorch's nll_loss on the rows as given, "
    + "read as log-probabilities: −w_y·z_y)."

  /// Tab's cycle: the losses of logits (``nllRows`` reads them as log-probabilities instead).
  static let cycle = allCases.filter { $0 != .nllRows }

  /// The next or previous loss in Tab's cycle, wrapping around; from ``nllRows``, Tab goes on
  /// to NLL of log-softmax (the same rows normalised) and ⇧Tab back to cross-entropy.
  func cycled(by step: Int) -> DashboardLoss {
    let all = DashboardLoss.cycle
    guard let index = all.firstIndex(of: self) else {
      return step > 0 ? .nllLogSoftmax : .crossEntropy
    }
    return all[(index + step + all.count) % all.count]
  }

  /// Whether the loss reads the label smoothing ε (only cross-entropy does, as PyTorch's).
  public var usesLabelSmoothing: Bool { self == .crossEntropy }

  /// Whether the loss has a focusing parameter γ.
  public var usesGamma: Bool { self == .focal }

  /// How the loss reads the probability of a class from the logits.
  public var link: ProbabilityLink {
    switch self {
    case .bceOneVsRest: .sigmoid
    case .nllRows: .logProbability
    case .crossEntropy, .nllLogSoftmax, .focal, .mseProbabilities: .softmax
    }
  }
}

/// How a row of logits becomes the probabilities the dashboard shows.
public enum ProbabilityLink: Sendable, Equatable {
  /// `softmax(z)`: the classes share one distribution.
  case softmax
  /// `σ(z)` per class: independent binary probabilities.
  case sigmoid
  /// `e^z` per class: the row is read as log-probabilities, as it is (not normalised).
  case logProbability
}
