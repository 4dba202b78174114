import Canvas
import Foundation
import SafeText

/// What the terminal says about itself at start, in one round trip: its background colour
/// (OSC 11), whether it has synchronized output (DEC mode 2026, asked with DECRQM), and Primary
/// Device Attributes (DA1), which every terminal answers and so ends the wait.
///
/// Asked before curses starts, with the terminal in raw mode and echo off, and read until the
/// DA1 reply or a short timeout: nothing of a reply reaches the dashboard's input as keys (what
/// came in without a DA1 reply is flushed).
public struct TerminalReport: Equatable, Sendable {
  /// The background's colour, 8 bits a channel, when the terminal said.
  public var background: (UInt8, UInt8, UInt8)?
  /// Whether the terminal reported mode 2026 as known (set or reset).
  public var synchronizedOutput = false
  /// Whether the DA1 reply came: the terminal answered within the timeout.
  public var answered = false

  public init(
    background: (UInt8, UInt8, UInt8)? = nil, synchronizedOutput: Bool = false,
    answered: Bool = false
  ) {
    self.background = background
    self.synchronizedOutput = synchronizedOutput
    self.answered = answered
  }

  public static func == (a: TerminalReport, b: TerminalReport) -> Bool {
    a.synchronizedOutput == b.synchronizedOutput && a.answered == b.answered
      && a.background.map { [$0.0, $0.1, $0.2] } == b.background.map { [$0.0, $0.1, $0.2] }
  }

  /// Dark or light, by which of black and white text would stand out more on the background.
  public var appearance: Appearance? {
    background.map { WCAG.ratio($0, (0, 0, 0)) > WCAG.ratio($0, (255, 255, 255)) ? .light : .dark }
  }

  /// The three questions: background colour, mode 2026, device attributes.
  public static let query = "\u{1B}]11;?\u{1B}\\" + "\u{1B}[?2026$p" + "\u{1B}[c"

  /// Reads the replies in `bytes` (in any order, with anything else around them).
  public static func parse(_ bytes: [UInt8]) -> TerminalReport {
    var report = TerminalReport()
    let text = String(decoding: bytes, as: UTF8.self)
    // OSC 11: ESC ] 11 ; rgb:R/G/B, ended by BEL or ST; each channel 1–4 hex digits.
    if let start = text.range(of: "\u{1B}]11;rgb:") {
      let rest = text[start.upperBound...]
      let end = rest.firstIndex { $0 == "\u{07}" || $0 == "\u{1B}" } ?? rest.endIndex
      let channels = rest[..<end].split(separator: "/")
      if channels.count == 3 {
        let values = channels.compactMap { channel -> UInt8? in
          guard (1...4).contains(channel.count), let v = UInt32(channel, radix: 16) else {
            return nil
          }
          let maximum = Double((1 << (4 * channel.count)) - 1)
          return UInt8((Double(v) / maximum * 255).rounded())
        }
        if values.count == 3 { report.background = (values[0], values[1], values[2]) }
      }
    }
    // DECRPM: ESC [ ? 2026 ; Ps $ y, Ps 1 or 2 (set or reset) when the mode is known.
    report.synchronizedOutput =
      text.contains("\u{1B}[?2026;1$y") || text.contains("\u{1B}[?2026;2$y")
    report.answered = da1End(bytes) != nil
    return report
  }

  /// Where a DA1 reply (`ESC [ ? … c`) ends in `bytes`, if one is there.
  static func da1End(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index + 2 < bytes.count {
      if bytes[index] == 0x1B, bytes[index + 1] == 0x5B, bytes[index + 2] == 0x3F {
        var end = index + 3
        while end < bytes.count, (0x30...0x3B).contains(bytes[end]) { end += 1 }
        if end < bytes.count, bytes[end] == 0x63 { return end + 1 }
      }
      index += 1
    }
    return nil
  }

  /// Asks the terminal on `input`/`output` (both terminals), waiting at most `timeout`
  /// milliseconds for the DA1 reply (standard input and output by default). `nil` when they are
  /// not terminals.
  public static func ask(
    input: Int32 = 0, output: Int32 = 1, timeoutMilliseconds: Int = 300
  ) -> TerminalReport? {
    guard isatty(input) == 1, isatty(output) == 1 else { return nil }
    var original = termios()
    guard tcgetattr(input, &original) == 0 else { return nil }
    var raw = original
    cfmakeraw(&raw)
    guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
    defer {
      var saved = original
      tcsetattr(input, TCSANOW, &saved)
    }
    guard writeAll(output, query.utf8) else { return nil }
    var received: [UInt8] = []
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutMilliseconds) * 1_000_000
    var buffer = [UInt8](repeating: 0, count: 512)
    while da1End(received) == nil, received.count < 4096 {
      let now = DispatchTime.now().uptimeNanoseconds
      guard now < deadline else { break }
      var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
      let wait = Int32(min(1000, (deadline - now) / 1_000_000 + 1))
      let ready = poll(&descriptor, 1, wait)
      if ready < 0, errno == EINTR { continue }
      guard ready > 0 else { continue }
      let count = read(input, &buffer, buffer.count)
      if count <= 0 { break }
      received += buffer[0..<count]
    }
    var report = parse(received)
    if !report.answered {
      // A late reply must not arrive as keys: drop what is pending.
      tcflush(input, TCIFLUSH)
      report.answered = false
    }
    return report
  }
}
