// The Asciicast module: the asciicast v2 and v3 file formats, the header (with LossScope's own
// block), events, the reader (with its limits and line numbers) and the writer (flushed per line,
// never replacing what it did not create). It imports no dashboard module: it knows codes and
// strings, not what an input does.

import Foundation
import JSON

/// The header line of an asciicast v2 file, with LossScope's own block.
///
/// `{"version": 2, "width", "height", "timestamp", "title", "env": {"TERM"}, "lossscope":
/// {"version", "scenario", "theme"}}`. Players ignore the `lossscope` key; `lossscope play`
/// uses it to replay the inputs through the same scenario on any machine.
public struct AsciicastHeader: Equatable, Sendable {
  public var width: Int
  public var height: Int
  public var timestamp: Int
  public var title: String
  public var term: String
  public var programVersion: String
  /// The scenario as a state string (see ``StateString``).
  public var scenario: String
  public var theme: String
  /// The lesson the recording starts in, if any.
  public var lesson: String?
  /// Whether the recording starts in presenter mode (`record --present`).
  public var present = false
  /// The view the recording starts in (`record --view`) by its name, `dashboard` unless another
  /// (the replay checks it names a view).
  public var view = "dashboard"
  /// The graphics the session was drawn with (`braille`, `block`, `ascii`): a mouse report is
  /// hit-tested in the layout those glyphs give.
  public var symbols = "braille"

  /// The widest frame a header may ask for (wider is clamped), as for `--size`.
  public static let maximumWidth = 1000
  /// The tallest frame a header may ask for (taller is clamped), as for `--size`.
  public static let maximumHeight = 500

  public init(
    width: Int, height: Int, timestamp: Int, title: String, term: String, programVersion: String,
    scenario: String,
    theme: String, lesson: String? = nil, present: Bool = false, view: String = "dashboard",
    symbols: String = "braille"
  ) {
    self.symbols = symbols
    self.present = present
    self.view = view
    self.width = width
    self.height = height
    self.timestamp = timestamp
    self.title = title
    self.term = term
    self.programVersion = programVersion
    self.scenario = scenario
    self.theme = theme
    self.lesson = lesson
  }

  /// The header as one line of JSON, in v2 or v3 form.
  public func line(_ format: AsciicastFormat = .v2) -> String {
    let own = JSONValue.object(
      ["version": .string(programVersion), "scenario": .string(scenario), "theme": .string(theme)]
        .merging(lesson.map { ["lesson": JSONValue.string($0)] } ?? [:]) { a, _ in a }
        .merging(present ? ["present": JSONValue.bool(true)] : [:]) { a, _ in a }
        .merging(view != "dashboard" ? ["view": JSONValue.string(view)] : [:]) { a, _ in a }
        .merging(symbols != "braille" ? ["symbols": JSONValue.string(symbols)] : [:]) { a, _ in a }
    )
    switch format {
    case .v2:
      return JSONValue.object([
        "version": .number(2), "width": .number(Double(width)), "height": .number(Double(height)),
        "timestamp": .number(Double(timestamp)), "title": .string(title),
        "env": .object(["TERM": .string(term)]),
        "lossscope": own,
      ]).serialized
    case .v3:
      return JSONValue.object([
        "version": .number(3),
        "term": .object([
          "cols": .number(Double(width)), "rows": .number(Double(height)), "type": .string(term),
        ]),
        "timestamp": .number(Double(timestamp)), "title": .string(title), "lossscope": own,
      ]).serialized
    }
  }

  /// The header as one line of v2 JSON.
  public var line: String { line(.v2) }
}

/// The asciicast versions LossScope writes: v2 (absolute times) and v3 (intervals, a `term` block).
public enum AsciicastFormat: String, CaseIterable, Sendable {
  case v2
  case v3
}

/// One event line: `[time, code, data]`.
public struct AsciicastEvent: Equatable, Sendable {
  /// Seconds since the start.
  public var time: Double
  /// `o` output, `i` input, `r` resize, `m` marker; other codes are kept and skipped by players.
  public var code: String
  public var data: String

  public init(time: Double, code: String, data: String) {
    self.time = time
    self.code = code
    self.data = data
  }

  /// The codes of a LossScope session's stream, besides the output: asciicast's input (`i`),
  /// marker (`m`) and resize (`r`), and LossScope's own tick (`t`), measurement (`b`), caption
  /// (`c`) and notice (`n`), which players skip.
  public static let sessionCodes: Set<String> = ["i", "m", "r", "t", "b", "c", "n"]

  /// The event as one line of JSON.
  public var line: String {
    "[" + String(format: "%.6f", time) + ", " + JSONValue.string(code).serialized + ", "
      + JSONValue.string(data).serialized + "]"
  }
}

/// A problem reading a recording, naming the line.
public struct AsciicastError: Error, Equatable, Sendable, CustomStringConvertible {
  public var line: Int
  public var message: String
  /// The file could not be opened or read at all: not bad data, but no data (exit 1).
  public var cannotOpen = false

  public init(line: Int, message: String, cannotOpen: Bool = false) {
    self.line = line
    self.message = message
    self.cannotOpen = cannotOpen
  }

  public var description: String { "line \(line): \(message)" }
}

/// Where a session's stream goes while it is recorded: the recording file itself, or the pipe to
/// the recorder when the dashboard runs under `lossscope record`.
public protocol SessionLog: AnyObject {
  /// Records one event, stamped now. A log that fails stops recording; the session goes on.
  func record(code: String, data: String)
}
