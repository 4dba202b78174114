/// Which of PyTorch's keyword options each loss takes: one table, used by `eval` to refuse an
/// option the loss does not have (PyTorch raises `TypeError: … got an unexpected keyword
/// argument`) and by its error messages.
extension LossFunction {
  /// The keyword options this loss's PyTorch function accepts (`reduction` for all of them).
  public var keywords: [String] {
    switch self {
    case .crossEntropy: ["weight", "ignore_index", "reduction", "label_smoothing"]
    case .nllLoss: ["weight", "ignore_index", "reduction"]
    case .binaryCrossEntropy: ["weight", "reduction"]
    case .binaryCrossEntropyWithLogits: ["weight", "reduction", "pos_weight"]
    case .mseLoss, .l1Loss: ["reduction", "weight"]
    case .huberLoss: ["reduction", "delta", "weight"]
    case .smoothL1Loss: ["reduction", "beta"]
    case .klDiv: ["reduction", "log_target"]
    case .sigmoidFocalLoss: ["alpha", "gamma", "reduction"]
    }
  }

  /// Refuses an option the loss does not take, naming it and the loss.
  ///
  /// - Parameter given: The option names in a request.
  /// - Throws: ``LossError/invalidArgument(_:)``: `mse_loss() got an unexpected keyword argument
  ///   'pos_weight' (it takes reduction, weight)`.
  public func checkKeywords(_ given: some Sequence<String>) throws {
    let accepted = Set(keywords)
    if let unexpected = given.sorted().first(where: { !accepted.contains($0) }) {
      throw LossError.invalidArgument(
        "\(rawValue)() got an unexpected keyword argument '\(unexpected)' (it takes \(keywords.joined(separator: ", ")))"
      )
    }
  }
}
