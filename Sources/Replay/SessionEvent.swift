import Dashboard
import Foundation
import JSON
import Benchmarks
import Asciicast

/// One entry of a session's stream as the recording stores it: what the terminal sent, and
/// everything else that changed the state or that replay must know.
///
/// The codes are asciicast's own (`i`, `r`, `m`) plus four of LossScope's, which players skip
/// (asciinema 2.4 shows only `o` events):
/// - `"t"`: one tick of continuous descent (``Input/tick``), data empty;
/// - `"b"`: a large-vocab measurement's result, data a JSON object with the numbers as measured;
/// - `"c"`: a demo script's caption (``Input/caption(_:)``), data its text (empty: none);
/// - `"n"`: a notice the front end showed (``Input/notice(_:)``), data its text.
public enum SessionEvent: Equatable, Sendable {
  /// The exact bytes the terminal sent for one key (or for input that is no key).
  case input([UInt8])
  case tick
  case measurement(VocabularyMeasurement)
  /// A marker, labelled from the live state.
  case marker(String)
  /// The terminal's new size.
  case resize(width: Int, height: Int)
  /// A caption shown from now on (empty: none).
  case caption(String)
  /// A notice the front end showed (``Input/notice(_:)``): `wrote lossscope-….svg`.
  case notice(String)

  /// How the recording stores an input: a key or mouse report as the exact `bytes` the terminal
  /// sent for it, everything else as its own event.
  public init(_ input: Input, bytes: [UInt8]) {
    switch input {
    case .key, .mouse: self = .input(bytes)
    case .tick: self = .tick
    case .measurement(let measurement): self = .measurement(measurement)
    case .caption(let text): self = .caption(text ?? "")
    case .resize(let width, let height): self = .resize(width: width, height: height)
    case .notice(let text): self = .notice(text)
    }
  }

  /// The asciicast event code.
  public var code: String {
    switch self {
    case .input: "i"
    case .tick: "t"
    case .measurement: "b"
    case .marker: "m"
    case .resize: "r"
    case .caption: "c"
    case .notice: "n"
    }
  }

  /// The asciicast event data.
  public var data: String {
    switch self {
    case .input(let bytes): String(decoding: bytes, as: UTF8.self)
    case .tick: ""
    case .measurement(let m):
      JSONValue.object(
        [
          "batch": .number(Double(m.batch)), "classes": .number(Double(m.classes)),
          "fused_ms": .number(m.fusedMilliseconds), "composed_ms": .number(m.composedMilliseconds),
          "fused_bytes": .number(Double(m.fusedBytes)),
          "composed_bytes": .number(Double(m.composedBytes)),
          "optimized": .bool(m.optimizedBuild),
        ].merging(
          m.linear.map { linear in
            [
              "linear_tokens": .number(Double(linear.tokens)),
              "linear_hidden": .number(Double(linear.hidden)),
              "linear_vocab": .number(Double(linear.vocabulary)),
              "linear_ms": .number(linear.milliseconds),
              "linear_bytes": .number(Double(linear.extraBytes)),
            ]
          } ?? [:]
        ) { first, _ in first }
      ).serialized
    case .marker(let label): label
    case .resize(let width, let height): "\(width)x\(height)"
    case .caption(let text): text
    case .notice(let text): text
    }
  }

  /// Reads an event back; `nil` for codes that are not part of the stream (`o`, and any a
  /// newer or other program wrote).
  ///
  /// - Throws: ``AsciicastError`` (without a line number) for a known code with bad data.
  public init?(code: String, data: String) throws {
    switch code {
    case "i": self = .input(Array(data.utf8))
    case "t": self = .tick
    case "m": self = .marker(data)
    case "r":
      let parts = data.split(separator: "x")
      guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width >= 1,
        height >= 1
      else {
        return nil
      }
      // Clamped as the header's size is: a few bytes cannot ask for a 10^10-cell frame.
      self = .resize(
        width: min(width, AsciicastHeader.maximumWidth),
        height: min(height, AsciicastHeader.maximumHeight))
    case "b": self = .measurement(try SessionEvent.measurement(data))
    case "c": self = .caption(data)
    case "n": self = .notice(data)
    default: return nil
    }
  }

  private static func measurement(_ data: String) throws -> VocabularyMeasurement {
    guard case .object(let fields)? = try? JSONValue.parse(data) else {
      throw AsciicastError(
        line: 0, message: "a measurement (\"b\") event's data must be a JSON object")
    }
    func number(_ key: String) throws -> Double {
      guard case .number(let value)? = fields[key], value.isFinite, value >= 0, value <= 1e15 else {
        throw AsciicastError(line: 0, message: "a measurement (\"b\") event needs a number \(key)")
      }
      return value
    }
    let batch = try number("batch"), classes = try number("classes")
    guard
      let size = VocabularyMeasurement.sizes.first(where: {
        Double($0.batch) == batch && Double($0.classes) == classes
      })
    else {
      throw AsciicastError(
        line: 0, message: "a measurement (\"b\") event names a size the lesson does not measure")
    }
    var optimized = true
    if case .bool(let value)? = fields["optimized"] { optimized = value }
    // The linear step (recordings from before it have none): its sizes must be the lesson's,
    // so a file cannot make the lesson draw a step it never measures.
    var linear: LinearStepMeasurement?
    if fields["linear_ms"] != nil {
      let size = LinearStepMeasurement.lessonSize
      guard try number("linear_tokens") == Double(size.tokens),
        try number("linear_hidden") == Double(size.hidden),
        try number("linear_vocab") == classes
      else {
        throw AsciicastError(
          line: 0,
          message: "a measurement (\"b\") event names a linear step the lesson does not take")
      }
      linear = LinearStepMeasurement(
        tokens: size.tokens, hidden: size.hidden, vocabulary: Int(classes),
        milliseconds: try number("linear_ms"), extraBytes: Int(try number("linear_bytes")))
    }
    return VocabularyMeasurement(
      batch: size.batch, classes: size.classes, fusedMilliseconds: try number("fused_ms"),
      composedMilliseconds: try number("composed_ms"), fusedBytes: Int(try number("fused_bytes")),
      composedBytes: Int(try number("composed_bytes")), optimizedBuild: optimized, linear: linear)
  }
}

extension SessionLog {
  /// Records one event of the stream.
  public func record(_ event: SessionEvent) { record(code: event.code, data: event.data) }
}
