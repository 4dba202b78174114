import Foundation
import JSON
import SafeText

#if canImport(Glibc)
  import Glibc
#endif

/// Reads asciicast v2 and v3: strict about the header, tolerant of event codes it does not know.
///
/// A v3 file's interval timestamps become times since the start, and its `term` block gives the
/// size and terminal type, so the rest of LossScope sees one kind of recording.
///
/// A last line that is cut short (a recording killed mid-write) is skipped with a warning and
/// everything before it kept. Any other malformed line is an error naming it.
public enum AsciicastReader {
  /// A parsed recording.
  public struct Recording: Sendable {
    public var header: AsciicastHeader
    public var events: [AsciicastEvent]
    /// Messages about skipped lines (a truncated last line).
    public var warnings: [String]
    /// The file's line number of each event, for messages about one.
    public var lineNumbers: [Int]
    /// The asciicast version the file was written in (2 or 3).
    public var version: Int

    public init(
      header: AsciicastHeader, events: [AsciicastEvent], warnings: [String],
      lineNumbers: [Int] = [], version: Int = 2
    ) {
      self.header = header
      self.events = events
      self.warnings = warnings
      self.lineNumbers = lineNumbers
      self.version = version
    }
  }

  /// Parses a recording's text.
  ///
  /// - Throws: ``AsciicastError`` naming the line at fault.
  public static func parse(_ text: String) throws -> Recording {
    var lines = LineSplitter()
    var reader = Accumulator(keepOutput: true)
    try lines.append(Array(text.utf8)) { try reader.take($0, complete: true) }
    try lines.finish { try reader.take($0, complete: false) }
    return try reader.recording()
  }

  /// The longest line read; a longer one is an error naming it.
  public static let maximumLineBytes = 16 << 20
  /// The longest header line read.
  public static let maximumHeaderBytes = 1 << 20

  /// Reads a file, a line at a time: memory grows with the events kept, not with the file.
  ///
  /// - Parameters:
  ///   - path: The recording.
  ///   - keepOutput: Keep the data of `o` events. Replay does not need it (it re-renders from the
  ///     inputs), and it is nearly all of a recording's size; without it, `o` events keep only
  ///     their time.
  /// - Throws: ``AsciicastError`` naming the line at fault, or with ``AsciicastError/cannotOpen``
  ///   set when the file cannot be opened or read.
  /// - Returns: The header, the events and the warnings about skipped lines.
  public static func load(_ path: String, keepOutput: Bool = false) throws -> Recording {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw AsciicastError(
        line: 0, message: "cannot open \(path): \(String(cString: strerror(errno)))",
        cannotOpen: true)
    }
    defer { close(descriptor) }
    var lines = LineSplitter()
    var reader = Accumulator(keepOutput: keepOutput)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 {
        throw AsciicastError(
          line: 0, message: "cannot read \(path): \(String(cString: strerror(errno)))",
          cannotOpen: true)
      }
      if n == 0 { break }
      try lines.append(buffer[0..<n]) { try reader.take($0, complete: true) }
    }
    try lines.finish { try reader.take($0, complete: false) }
    return try reader.recording()
  }

  /// Cuts bytes into lines (without `\n`, and without a `\r` before it), numbering them.
  struct LineSplitter {
    private var pending: [UInt8] = []
    private var number = 0

    /// Feeds bytes; `body` gets each complete line and its number.
    mutating func append<Bytes: Collection<UInt8>>(
      _ bytes: Bytes, _ body: ((bytes: [UInt8], number: Int)) throws -> Void
    ) throws {
      var rest = bytes[...]
      while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
        pending.append(contentsOf: rest[..<newline])
        rest = rest[rest.index(after: newline)...]
        try check()
        number += 1
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        try body((pending, number))
        pending.removeAll(keepingCapacity: true)
      }
      pending.append(contentsOf: rest)
      try check()
    }

    /// `body` gets the last line if it had no newline.
    mutating func finish(_ body: ((bytes: [UInt8], number: Int)) throws -> Void) throws {
      guard !pending.isEmpty else { return }
      number += 1
      try body((pending, number))
    }

    private func check() throws {
      guard pending.count <= AsciicastReader.maximumLineBytes else {
        throw AsciicastError(
          line: number + 1, message: "longer than 16 MiB: not an asciicast recording")
      }
    }
  }

  /// Turns lines into a recording: the header, then events.
  struct Accumulator {
    let keepOutput: Bool
    private var header: AsciicastHeader?
    private var version = 2
    private var events: [AsciicastEvent] = []
    private var lineNumbers: [Int] = []
    private var warnings: [String] = []
    /// v3: the time of the last event, which the next one's interval counts from.
    private var clock = 0.0

    init(keepOutput: Bool) { self.keepOutput = keepOutput }

    /// Takes one line; an incomplete last line (no newline) that does not parse is skipped
    /// with a warning, as asciinema does, wherever it was cut (inside a UTF-8 sequence too).
    mutating func take(_ line: (bytes: [UInt8], number: Int), complete: Bool) throws {
      do {
        guard let text = String(validating: line.bytes, as: UTF8.self) else {
          throw AsciicastError(
            line: line.number, message: "not UTF-8 text: not an asciicast recording")
        }
        guard header != nil else {
          if text.isEmpty {
            throw AsciicastError(
              line: 1, message: "empty file: not an asciicast v2 or v3 recording")
          }
          (self.header, version) = try parseHeader(text)
          return
        }
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) { return }
        // v3 allows comment lines.
        if version == 3, text.hasPrefix("#") { return }
        if var event = try parseEvent(text, number: line.number) {
          if version == 3 {
            clock = min(1e9, clock + event.time)
            event.time = clock
          }
          if event.code == "o" && !keepOutput { event.data = "" }
          events.append(event)
          lineNumbers.append(line.number)
        }
      } catch is AsciicastError where !complete && line.number > 1 {
        warnings.append("line \(line.number): truncated last line skipped")
      }
    }

    func recording() throws -> Recording {
      guard let header else {
        throw AsciicastError(line: 1, message: "empty file: not an asciicast v2 or v3 recording")
      }
      return Recording(
        header: header, events: events, warnings: warnings, lineNumbers: lineNumbers,
        version: version)
    }
  }

  /// Reads a header line: v2 (`width`, `height`, `env.TERM`) or v3 (`term.cols`, `term.rows`,
  /// `term.type`).
  static func parseHeader(_ line: String) throws -> (AsciicastHeader, version: Int) {
    // Checked before parsing: a header holds a size, a title and a scenario of at most
    // ``StateString/maximumLength``, never megabytes.
    guard line.utf8.count <= AsciicastReader.maximumHeaderBytes else {
      throw AsciicastError(line: 1, message: "the header is longer than 1 MiB")
    }
    guard case .object(let fields) = try? JSONValue.parse(line) else {
      throw AsciicastError(
        line: 1, message: "the header is not a JSON object: not an asciicast v2 or v3 recording")
    }
    let fileVersion: Int
    let size: (JSONValue?, JSONValue?)
    var term = ""
    switch fields["version"] {
    case .number(2):
      fileVersion = 2
      size = (fields["width"], fields["height"])
      if case .object(let env)? = fields["env"], case .string(let value)? = env["TERM"] {
        term = value
      }
    case .number(3):
      fileVersion = 3
      guard case .object(let block)? = fields["term"] else {
        throw AsciicastError(line: 1, message: "a v3 header needs a term block with cols and rows")
      }
      size = (block["cols"], block["rows"])
      if case .string(let value)? = block["type"] { term = value }
    default:
      throw AsciicastError(
        line: 1, message: "version is not 2 or 3: not an asciicast v2 or v3 recording")
    }
    guard case .number(let width)? = size.0, case .number(let height)? = size.1,
      width >= 1, height >= 1, width <= 10_000, height <= 10_000, width == width.rounded(),
      height == height.rounded()
    else {
      throw AsciicastError(line: 1, message: "the header needs integer width and height")
    }
    // Clamped like --size: a 200-byte file cannot ask for a 10000×10000 frame.
    let columns = min(Int(width), AsciicastHeader.maximumWidth),
      rows = min(Int(height), AsciicastHeader.maximumHeight)
    var version = "", scenario = "", theme = "default"
    var lesson: String?
    var present = false
    var view = "dashboard", symbols = "braille"
    if case .object(let block)? = fields["lossscope"] {
      if case .string(let value)? = block["view"] { view = value }
      if case .string(let value)? = block["symbols"] { symbols = value }
      if case .bool(let value)? = block["present"] { present = value }
      if case .string(let value)? = block["version"] { version = value }
      if case .string(let value)? = block["scenario"] { scenario = value }
      if case .string(let value)? = block["theme"] { theme = value }
      if case .string(let value)? = block["lesson"] { lesson = value }
    }
    var timestamp = 0
    if case .number(let value)? = fields["timestamp"], value.isFinite, abs(value) < 1e15 {
      timestamp = Int(value)
    }
    var title = ""
    if case .string(let value)? = fields["title"] { title = value }
    let header = AsciicastHeader(
      width: columns, height: rows, timestamp: timestamp, title: title, term: term,
      programVersion: version,
      scenario: scenario, theme: theme, lesson: lesson, present: present, view: view,
      symbols: symbols)
    return (header, fileVersion)
  }

  static func parseEvent(_ line: String, number: Int) throws -> AsciicastEvent? {
    guard case .array(let items) = (try? JSONValue.parse(line)) ?? .null else {
      throw AsciicastError(
        line: number, message: "an event must be a JSON array [time, code, data]")
    }
    guard items.count == 3, case .number(let time) = items[0], time.isFinite, time >= 0,
      time <= 1e9,
      case .string(let code) = items[1], case .string(let data) = items[2]
    else {
      throw AsciicastError(
        line: number,
        message: "an event must be [time, code, data] with a time from 0 to 1e9 seconds")
    }
    return AsciicastEvent(time: time, code: code, data: data)
  }
}
