/// Why an `eval` request could not be read.
public enum EvalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The line is not valid JSON.
  case malformedJSON(String)
  /// A field is missing, unknown or of the wrong type.
  case badField(String)

  public var description: String {
    switch self {
    case .malformedJSON(let reason): "malformed JSON: \(reason)"
    case .badField(let message): message
    }
  }
}
