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
  /// - Throws: ``JSONError/malformed(_:)`` naming the column of the problem.
  public static func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text).0
  }

  /// Parses one JSON document and keeps the exact source text of each member of its top-level
  /// object, so that a field such as a request's `id` can be echoed byte for byte
  /// (`9007199254740993` and `1e400` stay as written).
  ///
  /// - Returns: The value, and each top-level member's text by key (empty when the document is
  ///   not an object).
  /// - Throws: ``JSONError/malformed(_:)`` naming the column of the problem.
  public static func parseKeepingMemberText(_ text: String) throws -> (
    value: JSONValue, memberText: [String: String]
  ) {
    try JSONParser.parse(text, recordingMembers: true)
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
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

extension JSONValue {
  /// An object's text with its fields in the order given (a command's output keeps the order
  /// its contract lists them in), written like ``serialized``.
  public static func orderedObject(_ fields: KeyValuePairs<String, JSONValue>) -> String {
    var texts: [(key: String, value: String)] = []
    for field in fields { texts.append((field.key, field.value.serialized)) }
    return object(texts)
  }

}

extension JSONValue {
  /// An object's text from fields whose values are already JSON text written by this module
  /// (``NestedArray``'s float32 arrays, which ``JSONValue`` would widen to double digits).
  public static func orderedObject(texts fields: KeyValuePairs<String, String>) -> String {
    object(fields.map { (key: $0.key, value: $0.value) })
  }

  /// `{"key": text, …}` from keys and JSON texts, in order.
  private static func object(_ fields: [(key: String, value: String)]) -> String {
    var out = "{"
    for (i, field) in fields.enumerated() {
      if i > 0 { out += ", " }
      writeString(field.key, to: &out)
      out += ": " + field.value
    }
    return out + "}"
  }

}
