import Foundation
import JSON

/// Reads asciicast v2: strict about the header, tolerant of event codes it does not know.
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
  }

  /// Parses a recording's text.
  ///
  /// - Throws: ``AsciicastError`` naming the line at fault.
  public static func parse(_ text: String) throws -> Recording {
    let endsWithNewline = text.hasSuffix("\n")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = lines.first, !first.isEmpty else {
      throw AsciicastError(line: 1, message: "empty file: not an asciicast v2 recording")
    }
    let header = try parseHeader(first)
    var events: [AsciicastEvent] = []
    var warnings: [String] = []
    for (index, line) in lines.enumerated().dropFirst() {
      let number = index + 1
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let isLast = index == lines.count - 1 || (index == lines.count - 2 && lines.last == "")
      do {
        if let event = try parseEvent(line, number: number) { events.append(event) }
      } catch let error as AsciicastError {
        if isLast && !endsWithNewline {
          warnings.append("line \(number): truncated last line skipped")
          continue
        }
        throw error
      }
    }
    return Recording(header: header, events: events, warnings: warnings)
  }

  /// Reads a file.
  public static func load(_ path: String) throws -> Recording {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw AsciicastError(line: 0, message: "cannot read \(path)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw AsciicastError(line: 0, message: "not UTF-8 text: not an asciicast v2 recording")
    }
    return try parse(text)
  }

  static func parseHeader(_ line: String) throws -> AsciicastHeader {
    guard case .object(let fields) = try? JSONValue.parse(line) else {
      throw AsciicastError(line: 1, message: "the header is not a JSON object: not an asciicast v2 recording")
    }
    guard fields["version"] == .number(2) else {
      throw AsciicastError(line: 1, message: "version is not 2: not an asciicast v2 recording")
    }
    guard case .number(let width)? = fields["width"], case .number(let height)? = fields["height"],
      width >= 1, height >= 1, width <= 10_000, height <= 10_000, width == width.rounded(), height == height.rounded()
    else {
      throw AsciicastError(line: 1, message: "the header needs integer width and height")
    }
    var term = ""
    if case .object(let env)? = fields["env"], case .string(let value)? = env["TERM"] { term = value }
    var version = "", scenario = "", theme = "default"
    var lesson: String?
    if case .object(let block)? = fields["lossscope"] {
      if case .string(let value)? = block["version"] { version = value }
      if case .string(let value)? = block["scenario"] { scenario = value }
      if case .string(let value)? = block["theme"] { theme = value }
      if case .string(let value)? = block["lesson"] { lesson = value }
    }
    var timestamp = 0
    if case .number(let value)? = fields["timestamp"], value.isFinite, abs(value) < 1e15 { timestamp = Int(value) }
    var title = ""
    if case .string(let value)? = fields["title"] { title = value }
    return AsciicastHeader(
      width: Int(width), height: Int(height), timestamp: timestamp, title: title, term: term, programVersion: version,
      scenario: scenario, theme: theme, lesson: lesson)
  }

  static func parseEvent(_ line: String, number: Int) throws -> AsciicastEvent? {
    guard case .array(let items) = (try? JSONValue.parse(line)) ?? .null else {
      throw AsciicastError(line: number, message: "an event must be a JSON array [time, code, data]")
    }
    guard items.count == 3, case .number(let time) = items[0], time.isFinite, time >= 0, time <= 1e9,
      case .string(let code) = items[1], case .string(let data) = items[2]
    else {
      throw AsciicastError(line: number, message: "an event must be [time, code, data] with a time from 0 to 1e9 seconds")
    }
    return AsciicastEvent(time: time, code: code, data: data)
  }
}
