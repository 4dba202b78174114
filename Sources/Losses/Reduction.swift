import Autograd

/// How per-element losses are combined, as PyTorch's `reduction` argument.
public enum Reduction: String, Sendable, CaseIterable {
  /// Keep one loss per element.
  case none
  /// Add them up.
  case sum
  /// Average them; losses with class weights divide by the total weight instead of the count.
  case mean
  /// `kl_div` only: the sum divided by the batch size (the size of dim 0).
  case batchmean

  /// Parses PyTorch's spelling.
  ///
  /// - Throws: ``LossError/unknownReduction(_:)`` for anything else.
  public init(parsing name: String) throws {
    guard let reduction = Reduction(rawValue: name) else { throw LossError.unknownReduction(name) }
    self = reduction
  }

  /// Reduces elementwise losses by `none`, `sum` or `mean` over all elements.
  func apply(_ losses: Tensor) -> Tensor {
    switch self {
    case .none: losses
    case .sum: losses.sum()
    case .mean, .batchmean: losses.mean()
    }
  }

  /// Rejects `batchmean` for a loss other than `kl_div`.
  func requireStandard() throws {
    if self == .batchmean { throw LossError.unknownReduction(rawValue) }
  }
}
