import Foundation

/// A parsed JSON value, kept whole so a request's `id` can be echoed exactly.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Parses one JSON document.
  ///
  /// - Throws: ``EvalError/malformedJSON(_:)`` naming the column of the problem.
  public static func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
  }

  /// Compact JSON text for this value; non-finite numbers become the strings `"nan"`, `"inf"`
  /// and `"-inf"`.
  public var serialized: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let x): out += JSONValue.format(x)
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += ", " }
        item.write(to: &out)
      }
      out += "]"
    case .object(let fields):
      out += "{"
      for (i, key) in fields.keys.sorted().enumerated() {
        if i > 0 { out += ", " }
        JSONValue.writeString(key, to: &out)
        out += ": "
        fields[key]!.write(to: &out)
      }
      out += "}"
    }
  }

  /// A number as JSON: integers without a fraction, others in shortest round-trip form.
  static func format(_ x: Double) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
    if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
