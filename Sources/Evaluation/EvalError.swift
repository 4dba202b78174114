/// Why an `eval` request could not be read.
public enum EvalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A field is missing, unknown or of the wrong type.
  case badField(String)

  public var description: String {
    switch self {
    case .badField(let message): message
    }
  }
}
