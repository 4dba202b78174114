import Autograd
import SafeText

/// Why a loss could not be computed, in words fit to show a user.
public enum LossError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A class index outside `0..<classes` that is not the ignore index.
  case targetOutOfBounds(target: Int, classes: Int)
  /// A class index that is not a whole number.
  case nonIntegerClassIndex(Double)
  /// A whole-number class index too large in magnitude to be any class (|index| ≥ 9e15).
  case classIndexOutOfRange(Double)
  /// Input and target shapes that do not fit together.
  case shapeMismatch(input: Shape, target: Shape, reason: String)
  /// A probability input outside `[0, 1]` for `binary_cross_entropy`.
  case inputOutOfRange(value: Float)
  /// A reduction name PyTorch does not accept for this loss.
  case unknownReduction(String)
  /// A loss name that is not one of the supported functions.
  case unknownLoss(String)
  /// A `weight` vector whose length is not the number of classes.
  case weightLength(expected: Int, got: Int)
  /// A `label_smoothing` outside `[0, 1]`.
  case labelSmoothingOutOfRange(Double)
  /// A weight or `pos_weight` that does not broadcast to the input.
  case weightShape(weight: Shape, input: Shape)
  /// Any other invalid argument.
  case invalidArgument(String)

  public var description: String {
    switch self {
    case .targetOutOfBounds(let target, let classes):
      "Target \(target) is out of bounds for \(classes) classes"
    case .nonIntegerClassIndex(let value):
      "class index \(value) is not an integer"
    case .classIndexOutOfRange(let value):
      "class index \(value) is out of range for any number of classes"
    case .shapeMismatch(let input, let target, let reason):
      "input shape \(input) and target shape \(target) do not match: \(reason)"
    case .inputOutOfRange(let value):
      "all elements of input should be between 0 and 1, found \(value)"
    case .unknownReduction(let name):
      "\(TerminalSafe.quoted(name)) is not a valid value for reduction (none, sum, mean\(name == "batchmean" ? "; batchmean is for kl_div only" : ""))"
    case .unknownLoss(let name):
      "unknown loss \(TerminalSafe.quoted(name))"
    case .weightLength(let expected, let got):
      "weight has \(got) entries, expected one per class (\(expected))"
    case .labelSmoothingOutOfRange(let value):
      "label_smoothing must be between 0.0 and 1.0, got \(value)"
    case .weightShape(let weight, let input):
      "weight of shape \(weight) does not broadcast to input of shape \(input)"
    case .invalidArgument(let message):
      message
    }
  }
}
