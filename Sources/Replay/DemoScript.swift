import Dashboard
import Foundation
import SafeText
import Canvas
import TerminalInput

/// A demo as a script of keys, pauses, markers and captions (vhs's idea, LossScope's own small
/// format), from which `record --script` writes the recording a live session would have made.
///
/// One command a line; `#` starts a comment; blank lines are skipped:
/// - `Key NAME [xN]`: a key by its `--keys` name (`right`, `t`, `space`, `shift-tab`,
///   `click@40,12`, …), N times;
/// - `Type "chars"`: each character as its key;
/// - `Sleep 500ms`, `Sleep 1.5s` (or `Sleep 2`, seconds): time passes, and continuous descent
///   runs meanwhile, as live;
/// - `Marker "label"`;
/// - `Caption "text"`: shown on the bottom line until the next caption (`Caption ""` clears it);
/// - before the first of those: `Set Size 120x40`, `Set Theme NAME`, `Set Lesson ID`,
///   `Set State "v1;…"`, `Set View compare`.
public struct DemoScript: Equatable, Sendable {
  public enum Command: Equatable, Sendable {
    case key(Key)
    case sleep(Double)
    case marker(String)
    case caption(String)
  }

  public var width = 120
  public var height = 40
  public var theme: String?
  public var lesson: String?
  public var state: String?
  public var view: DashboardView?
  /// What happens, in order (`Key x3` and `Type` expanded into one key each).
  public var commands: [Command] = []

  /// The longest a script may run, in seconds of its clock (a typo such as `Sleep 10000s` would
  /// otherwise record hours of ticks).
  public static let maximumDuration = 3600.0
  /// The most keys a script may press.
  public static let maximumKeys = 100_000

  public init() {}

  /// Parses a script.
  ///
  /// - Parameters:
  ///   - text: The script.
  ///   - file: Its name, for messages.
  /// - Throws: ``DemoScriptError`` naming the file and line of the first bad line.
  public init(parsing text: String, file: String) throws {
    var duration = 0.0
    var keys = 0
    // Split on the scalar, not the Character: Swift reads "\r\n" as one Character, so a
    // script saved on Windows would otherwise be one long line.
    for (index, rawLine) in text.unicodeScalars.split(
      separator: "\n", omittingEmptySubsequences: false
    ).map({ String(String.UnicodeScalarView($0)) }).enumerated() {
      let number = index + 1
      func fail(_ message: String) -> DemoScriptError {
        DemoScriptError(file: file, line: number, message: message)
      }
      let line = rawLine.trimmingCharacters(
        in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\r")))
      if line.isEmpty || line.hasPrefix("#") { continue }
      let (command, rest) = DemoScript.splitWord(line)
      switch command {
      case "Set":
        guard commands.isEmpty else {
          throw fail("Set comes before the first Key, Type, Sleep, Marker or Caption")
        }
        try applySetting(rest, fail: fail)
      case "Key":
        let (name, countText) = DemoScript.splitWord(rest)
        guard let key = Key(name: name) else {
          throw fail("unknown key \(TerminalSafe.quoted(name)) (the names of --keys)")
        }
        var count = 1
        if !countText.isEmpty {
          guard countText.hasPrefix("x"), let n = Int(countText.dropFirst()),
            (1...10_000).contains(n)
          else { throw fail("a repeat is x1 to x10000, e.g. Key right x3") }
          count = n
        }
        keys += count
        commands += Array(repeating: .key(key), count: count)
      case "Type":
        let text = try DemoScript.quoted(rest, fail: fail)
        for character in text {
          guard let key = character == " " ? Key.space : Key(name: String(character)) else {
            throw fail(
              "\(TerminalSafe.quoted(String(character))) is not a key; use Key for named keys")
          }
          commands.append(.key(key))
          keys += 1
        }
      case "Sleep":
        let seconds = try DemoScript.duration(rest, fail: fail)
        duration += seconds
        commands.append(.sleep(seconds))
      case "Marker":
        commands.append(.marker(try DemoScript.quoted(rest, fail: fail)))
      case "Caption":
        commands.append(.caption(try DemoScript.quoted(rest, fail: fail)))
      default:
        throw fail(
          "unknown command \(TerminalSafe.quoted(command)) (Key, Type, Sleep, Marker, Caption, Set)"
        )
      }
      guard duration <= DemoScript.maximumDuration else {
        throw fail("the script sleeps longer than an hour in all")
      }
      guard keys <= DemoScript.maximumKeys else { throw fail("more than 100000 keys") }
    }
  }

  private mutating func applySetting(_ text: String, fail: (String) -> DemoScriptError) throws {
    let (name, value) = DemoScript.splitWord(text)
    switch name {
    case "Size":
      let parts = value.lowercased().split(separator: "x")
      guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
        (1...1000).contains(w), (1...500).contains(h)
      else { throw fail("Set Size takes COLSxROWS, e.g. 120x40 (at most 1000x500)") }
      (width, height) = (w, h)
    case "Theme":
      guard !value.isEmpty else { throw fail("Set Theme takes a theme's name") }
      theme = value.hasPrefix("\"") ? try DemoScript.quoted(value, fail: fail) : value
    case "Lesson":
      guard LessonCatalog.lesson(value) != nil else {
        throw fail("unknown lesson \(TerminalSafe.quoted(value)) (see `lossscope lessons`)")
      }
      lesson = value
    case "State":
      let text = try DemoScript.quoted(value, fail: fail)
      do { _ = try StateString.decode(text) } catch let error as ScenarioError {
        throw fail("Set State: \(error.description)")
      }
      state = text
    case "View":
      guard let known = DashboardView(rawValue: value) else {
        throw fail("Set View takes dashboard, compare or landscape")
      }
      view = known
    default:
      throw fail("unknown setting \(TerminalSafe.quoted(name)) (Size, Theme, Lesson, State, View)")
    }
  }

  /// The first word and the rest, trimmed.
  static func splitWord(_ text: String) -> (String, String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
      return (trimmed, "")
    }
    return (
      String(trimmed[..<space]), trimmed[space...].trimmingCharacters(in: .whitespaces)
    )
  }

  /// A double-quoted string, with `\"` and `\\` inside it.
  static func quoted(_ text: String, fail: (String) -> DemoScriptError) throws -> String {
    guard text.count >= 2, text.first == "\"", text.last == "\"" else {
      throw fail("expected a double-quoted string, e.g. \"text\"")
    }
    var out = ""
    var escaping = false
    for character in text.dropFirst().dropLast() {
      if escaping {
        guard character == "\"" || character == "\\" else {
          throw fail("only \\\" and \\\\ escape")
        }
        out.append(character)
        escaping = false
      } else if character == "\\" {
        escaping = true
      } else if character == "\"" {
        throw fail("a quote inside a string is written \\\"")
      } else {
        out.append(character)
      }
    }
    guard !escaping else { throw fail("the string ends in a lone backslash") }
    return out
  }

  /// `500ms`, `1.5s` or `2` (seconds).
  static func duration(_ text: String, fail: (String) -> DemoScriptError) throws -> Double {
    var number = text
    var scale = 1.0
    if text.hasSuffix("ms") {
      number = String(text.dropLast(2))
      scale = 0.001
    } else if text.hasSuffix("s") {
      number = String(text.dropLast())
    }
    // Decimal digits only: Double("0x10") is 16, and "inf" or "1e400" are not durations.
    let decimal = number.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    guard decimal, let value = Double(number), value.isFinite, value >= 0 else {
      throw fail("Sleep takes a duration such as 500ms or 1.5s")
    }
    return value * scale
  }
}

/// A bad line of a demo script: `demo.tape:7: unknown key "rigth"`.
public struct DemoScriptError: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `FILE:LINE: message`, or `FILE: message` for the script as a whole (line 0).
  public var description: String {
    line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
  }
}
