import SafeText

/// A strict RFC 8259 JSON parser over UTF-8 bytes, fast on long arrays of numbers.
///
/// Foundation's decoder boxes every element and takes seconds on a million-number request;
/// this reads numbers straight from the bytes after checking JSON's number grammar, with the
/// standard library's conversion, which does not depend on the process's locale (`strtod` does:
/// after `setlocale` under a comma-decimal locale it would read `0.5` as 0). Errors name the
/// column. Nesting deeper than ``maximumDepth`` is refused rather than allowed to exhaust the
/// stack.
struct JSONParser {
  /// The deepest nesting accepted.
  static let maximumDepth = 256

  private let bytes: [UInt8]
  private var index = 0

  /// The source text of each member of the top-level object, when ``recordsMembers`` is set.
  private(set) var memberText: [String: String] = [:]
  private var recordsMembers = false

  /// Parses one complete document.
  ///
  /// - Parameters:
  ///   - text: The document.
  ///   - recordingMembers: Keep the exact source text of each top-level object member.
  /// - Returns: The value, and the members' source text (empty unless asked for).
  /// - Throws: ``JSONError/malformed(_:)`` naming the column of the problem.
  static func parse(_ text: String, recordingMembers: Bool = false) throws -> (
    JSONValue, [String: String]
  ) {
    var parser = JSONParser(bytes: Array(text.utf8) + [0])
    parser.recordsMembers = recordingMembers
    parser.skipWhitespace()
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    guard parser.peek == 0, parser.index == parser.bytes.count - 1 else {
      throw parser.error("unexpected text after the JSON value")
    }
    return (value, parser.memberText)
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private var peek: UInt8 { bytes[index] }

  private func error(_ message: String) -> JSONError {
    .malformed("\(message) at column \(index + 1)")
  }

  private mutating func skipWhitespace() {
    while true {
      switch peek {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func value(depth: Int) throws -> JSONValue {
    guard depth < JSONParser.maximumDepth else {
      throw error("nesting deeper than \(JSONParser.maximumDepth)")
    }
    switch peek {
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    case 0: throw error("unexpected end of input")
    default:
      throw error(
        peek < 0x80
          ? "unexpected character \(TerminalSafe.quoted(String(Unicode.Scalar(peek))))"
          : "unexpected byte 0x\(String(peek, radix: 16))")
    }
  }

  private mutating func literal(_ word: String) throws {
    for byte in word.utf8 {
      guard peek == byte else { throw error("invalid literal") }
      index += 1
    }
  }

  private mutating func array(depth: Int) throws -> JSONValue {
    index += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if peek == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try value(depth: depth + 1))
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"): index += 1; return .array(items)
      default: throw error("expected ',' or ']'")
      }
    }
  }

  private mutating func object(depth: Int) throws -> JSONValue {
    index += 1
    var fields: [String: JSONValue] = [:]
    skipWhitespace()
    if peek == UInt8(ascii: "}") {
      index += 1
      return .object(fields)
    }
    while true {
      skipWhitespace()
      guard peek == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
      let key = try string()
      skipWhitespace()
      guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
      index += 1
      skipWhitespace()
      let start = index
      fields[key] = try value(depth: depth + 1)
      if recordsMembers && depth == 0 {
        memberText[key] = String(decoding: bytes[start..<index], as: UTF8.self)
      }
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"): index += 1; return .object(fields)
      default: throw error("expected ',' or '}'")
      }
    }
  }

  private mutating func string() throws -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flushRun(_ end: Int) throws {
      guard runStart < end else { return }
      guard let text = String(validating: bytes[runStart..<end], as: UTF8.self) else {
        throw error("invalid UTF-8 in string")
      }
      scalars.append(contentsOf: text.unicodeScalars)
    }
    while true {
      let byte = peek
      switch byte {
      case UInt8(ascii: "\""):
        try flushRun(index)
        index += 1
        return String(scalars)
      case UInt8(ascii: "\\"):
        try flushRun(index)
        index += 1
        scalars.append(try escape())
        runStart = index
      case 0 where index == bytes.count - 1:
        throw error("unterminated string")
      case 0..<0x20:
        throw error("control character in string")
      default:
        index += 1
      }
    }
  }

  private mutating func escape() throws -> Unicode.Scalar {
    let byte = peek
    index += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try hex4()
      if (0xD800..<0xDC00).contains(high) {
        guard peek == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
          throw error("unpaired surrogate")
        }
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
      }
      guard let scalar = Unicode.Scalar(high) else { throw error("unpaired surrogate") }
      return scalar
    default:
      index -= 1
      throw error("invalid escape")
    }
  }

  private mutating func hex4() throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = peek
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("invalid \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// Checks JSON's number grammar, then converts the span (locale-independent).
  private mutating func number() throws -> Double {
    let start = index
    func digits() -> Int {
      let from = index
      while (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(peek) { index += 1 }
      return index - from
    }
    if peek == UInt8(ascii: "-") { index += 1 }
    if peek == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      throw error("invalid number")
    }
    if peek == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw error("invalid number") }
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      index += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw error("invalid number") }
    }
    // The grammar is checked, so the conversion cannot fail; it rounds correctly and gives
    // ±infinity past Double's range (1e400), as strtod does.
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text) else { throw error("invalid number") }
    return value
  }
}
