import Autograd

/// The losses LossScope computes, by PyTorch's functional names.
public enum LossFunction: String, Sendable, CaseIterable {
  case crossEntropy = "cross_entropy"
  case nllLoss = "nll_loss"
  case binaryCrossEntropy = "binary_cross_entropy"
  case binaryCrossEntropyWithLogits = "binary_cross_entropy_with_logits"
  case mseLoss = "mse_loss"
  case l1Loss = "l1_loss"
  case huberLoss = "huber_loss"
  case smoothL1Loss = "smooth_l1_loss"
  case klDiv = "kl_div"
  case sigmoidFocalLoss = "sigmoid_focal_loss"

  /// Parses a PyTorch functional name.
  ///
  /// - Throws: ``LossError/unknownLoss(_:)``.
  public init(parsing name: String) throws {
    guard let loss = LossFunction(rawValue: name) else { throw LossError.unknownLoss(name) }
    self = loss
  }

  /// The reduction PyTorch (or torchvision) applies when none is given.
  public var defaultReduction: Reduction { self == .sigmoidFocalLoss ? .none : .mean }
}

/// PyTorch's keyword options for the loss functions, with PyTorch's defaults.
public struct LossOptions: Sendable {
  /// Class weights (`cross_entropy`, `nll_loss`) or elementwise weights (the binary losses).
  public var weight: (values: [Float], shape: Shape)?
  public var ignoreIndex: Int = -100
  public var labelSmoothing: Float = 0
  /// `nil` means the loss's own default.
  public var reduction: Reduction?
  public var posWeight: (values: [Float], shape: Shape)?
  public var delta: Float = 1
  public var beta: Float = 1
  public var logTarget = false
  public var alpha: Float = 0.25
  public var gamma: Float = 2

  public init() {}
}

/// Numbers given for a target, before the loss decides how to read them.
public struct TargetValues: Sendable {
  public var values: [Double]
  public var shape: Shape

  public init(values: [Double], shape: Shape) {
    self.values = values
    self.shape = shape
  }

  /// The values as class indices.
  ///
  /// - Throws: ``LossError/nonIntegerClassIndex(_:)`` for a value with a fractional part (or
  ///   not finite), ``LossError/classIndexOutOfRange(_:)`` for a whole number past ±9e15.
  public func classIndices() throws -> [Int] {
    try values.map { value in
      guard value.isFinite, value.rounded() == value else {
        throw LossError.nonIntegerClassIndex(value)
      }
      guard Swift.abs(value) < 9e15 else { throw LossError.classIndexOutOfRange(value) }
      return Int(value)
    }
  }

  /// The values as a float tensor.
  public var tensor: Tensor { Tensor(values.map { Float($0) }, shape: shape) }
}

extension LossFunction {
  /// Computes this loss of `input` against `target` with PyTorch's semantics.
  ///
  /// For cross-entropy a target with the input's shape holds class probabilities and any other
  /// target holds class indices.
  ///
  /// - Parameters:
  ///   - input: The prediction (logits, log-probabilities or probabilities as the loss expects).
  ///   - target: The target values and their shape.
  ///   - options: PyTorch's keyword options.
  /// - Returns: The loss tensor, recorded on the graph of `input`.
  /// - Throws: ``LossError`` for anything PyTorch would reject.
  public func callAsFunction(_ input: Tensor, target: TargetValues, options: LossOptions) throws
    -> Tensor
  {
    let reduction = options.reduction ?? defaultReduction
    if reduction == .batchmean && self != .klDiv { throw LossError.unknownReduction("batchmean") }
    let weightTensor = options.weight.map { Tensor($0.values, shape: $0.shape) }
    switch self {
    case .crossEntropy:
      try validateSmoothing(options.labelSmoothing)
      let probabilities = target.shape == input.shape && input.shape.rank >= 1
      // PyTorch: "ignore_index is not supported for floating point target" (a negative one is
      // accepted, and means nothing there).
      if probabilities && options.ignoreIndex >= 0 {
        throw LossError.invalidArgument("ignore_index is not supported for floating point target")
      }
      let classTarget: CrossEntropyTarget =
        probabilities
        ? .probabilities(target.values.map { Float($0) }, shape: target.shape)
        : .classes(try target.classIndices(), shape: target.shape)
      return try Losses.crossEntropy(
        input, target: classTarget, weight: try classWeight(options),
        ignoreIndex: options.ignoreIndex,
        labelSmoothing: options.labelSmoothing, reduction: reduction)
    case .nllLoss:
      return try Losses.nllLoss(
        input, target: try target.classIndices(), targetShape: target.shape,
        weight: try classWeight(options), ignoreIndex: options.ignoreIndex, reduction: reduction)
    case .binaryCrossEntropy:
      // PyTorch checks the target too (NaN included), not only the input.
      guard target.values.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
        throw LossError.invalidArgument("all elements of target should be between 0 and 1")
      }
      return try Losses.binaryCrossEntropy(
        input, target: target.tensor, weight: weightTensor, reduction: reduction)
    case .binaryCrossEntropyWithLogits:
      return try Losses.binaryCrossEntropyWithLogits(
        input, target: target.tensor, weight: weightTensor,
        posWeight: options.posWeight.map { Tensor($0.values, shape: $0.shape) },
        reduction: reduction)
    case .mseLoss:
      return try Losses.mseLoss(
        input, target: target.tensor, weight: weightTensor, reduction: reduction)
    case .l1Loss:
      return try Losses.l1Loss(
        input, target: target.tensor, weight: weightTensor, reduction: reduction)
    case .huberLoss:
      return try Losses.huberLoss(
        input, target: target.tensor, delta: options.delta, weight: weightTensor,
        reduction: reduction)
    case .smoothL1Loss:
      return try Losses.smoothL1Loss(
        input, target: target.tensor, beta: options.beta, reduction: reduction)
    case .klDiv:
      return try Losses.klDiv(
        input, target: target.tensor, reduction: reduction, logTarget: options.logTarget)
    case .sigmoidFocalLoss:
      return try Losses.sigmoidFocalLoss(
        input, target: target.tensor, alpha: options.alpha, gamma: options.gamma,
        reduction: reduction)
    }
  }

  /// The class-weight vector; PyTorch requires it to be 1-d.
  private func classWeight(_ options: LossOptions) throws -> [Float]? {
    guard let weight = options.weight else { return nil }
    guard weight.shape.rank == 1 else {
      throw LossError.invalidArgument(
        "weight must be a 1-d tensor of class weights, got shape \(weight.shape)")
    }
    return weight.values
  }
}
