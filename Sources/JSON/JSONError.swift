/// Why a JSON text or value could not be used.
public enum JSONError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text is not valid JSON.
  case malformed(String)
  /// A value is missing, of the wrong type or not rectangular.
  case badValue(String)
  /// A value passes a documented size limit (see ``ElementLimit``).
  case tooLarge(String)

  public var description: String {
    switch self {
    case .malformed(let reason): "malformed JSON: \(reason)"
    case .badValue(let message), .tooLarge(let message): message
    }
  }
}
