import Canvas
import Foundation
import Pixels
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
  public var background: RGB?
  /// Whether the terminal reported mode 2026 as known (set or reset).
  public var synchronizedOutput = false
  /// Whether the DA1 reply came: the terminal answered within the timeout.
  public var answered = false
  /// Whether the terminal answered the kitty graphics query (`ESC _ G i=31;OK`).
  public var kittyGraphics = false
  /// Whether DA1 lists sixel graphics (attribute 4).
  public var sixel = false
  /// A cell's size in pixels, from `CSI 16 t` (`ESC [ 6 ; height ; width t`).
  public var cellSize: CellSize?

  /// A cell's width and height in pixels.
  public struct CellSize: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
      self.width = width
      self.height = height
    }
  }

  public init(
    background: RGB? = nil, synchronizedOutput: Bool = false,
    answered: Bool = false
  ) {
    self.background = background
    self.synchronizedOutput = synchronizedOutput
    self.answered = answered
  }

  /// Dark or light, by which of black and white text would stand out more on the background.
  public var appearance: Appearance? {
    background.map { color in
      let shown = (color.r, color.g, color.b)
      return WCAG.ratio(shown, (0, 0, 0)) > WCAG.ratio(shown, (255, 255, 255)) ? .light : .dark
    }
  }

  /// The questions: background colour, mode 2026, kitty graphics, the cell size in pixels, and
  /// last the device attributes (every terminal answers those, so their reply ends the wait).
  public static let query =
    "\u{1B}]11;?\u{1B}\\" + "\u{1B}[?2026$p" + "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"
    + "\u{1B}[16t" + "\u{1B}[c"

  /// The questions for a terminal without APC: background, mode 2026, DA1.
  public static let plainQuery = "\u{1B}]11;?\u{1B}\\" + "\u{1B}[?2026$p" + "\u{1B}[c"

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
        if values.count == 3 { report.background = RGB(values[0], values[1], values[2]) }
      }
    }
    // DECRPM: ESC [ ? 2026 ; Ps $ y, Ps 1 or 2 (set or reset) when the mode is known.
    report.synchronizedOutput =
      text.contains("\u{1B}[?2026;1$y") || text.contains("\u{1B}[?2026;2$y")
    let attributes = da1(bytes)
    report.answered = attributes != nil
    report.sixel = attributes?.attributes.contains(4) ?? false
    report.kittyGraphics = text.contains("\u{1B}_Gi=31;OK")
    // CSI 16 t's reply: ESC [ 6 ; height ; width t.
    if let range = text.range(of: "\u{1B}[6;"),
      let end = text[range.upperBound...].firstIndex(of: "t")
    {
      let sizes = text[range.upperBound..<end].split(separator: ";").compactMap { Int($0) }
      if sizes.count == 2, (4...512).contains(sizes[0]), (2...256).contains(sizes[1]) {
        report.cellSize = CellSize(width: sizes[1], height: sizes[0])
      }
    }
    return report
  }

  /// Where a DA1 reply (`ESC [ ? … c`) ends in `bytes`, if one is there.
  static func da1End(_ bytes: [UInt8]) -> Int? { da1(bytes)?.end }

  /// The DA1 reply's attributes and where it ends: `ESC [ ? 62 ; 4 ; 22 c` → [62, 4, 22].
  static func da1(_ bytes: [UInt8]) -> (attributes: [Int], end: Int)? {
    var index = 0
    while index + 2 < bytes.count {
      if bytes[index] == 0x1B, bytes[index + 1] == 0x5B, bytes[index + 2] == 0x3F {
        var end = index + 3
        while end < bytes.count, (0x30...0x3B).contains(bytes[end]) { end += 1 }
        if end < bytes.count, bytes[end] == 0x63 {
          let attributes = String(decoding: bytes[(index + 3)..<end], as: UTF8.self)
            .split(separator: ";").compactMap { Int($0) }
          return (attributes, end + 1)
        }
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
    // The Linux console knows neither APC nor window reports: it is asked only what it answers.
    let plain = ProcessInfo.processInfo.environment["TERM"] == "linux"
    guard writeAll(output, (plain ? plainQuery : query).utf8) else { return nil }
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
    // No CSI 16 t reply: the window's pixel size over its cells, where the terminal gives it.
    var size = winsize()
    if report.cellSize == nil, ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0,
      size.ws_row > 0, size.ws_xpixel > 0, size.ws_ypixel > 0
    {
      report.cellSize = CellSize(
        width: Int(size.ws_xpixel) / Int(size.ws_col),
        height: Int(size.ws_ypixel) / Int(size.ws_row))
    }
    if !report.answered {
      // A late reply must not arrive as keys: drop what is pending.
      tcflush(input, TCIFLUSH)
      report.answered = false
    }
    return report
  }
}
