import Dashboard
import Foundation
import Canvas
import TerminalInput

/// A terminal in memory: it plays a script of events to the loop and keeps what was drawn.
///
/// Its clock is virtual: a ``Scripted/wait`` lets the loop's timeout pass at once, so ticks,
/// the Esc delay and notices are tested without sleeping. When the script runs out it reports a
/// hangup, so a loop under test always ends.
public final class InMemoryBackend: TerminalBackend {
  /// One scripted happening.
  public enum Scripted: Equatable, Sendable {
    /// Bytes from the terminal.
    case input([UInt8])
    /// The loop's timeout passes with no input (the clock jumps to it).
    case wait
    /// The terminal becomes this size.
    case resize(width: Int, height: Int)
    case signal(Int32)

    /// A key, as the bytes a terminal sends for it.
    public static func key(_ key: Key) -> Scripted { .input(InputDecoder.bytes(for: key)) }
  }

  public private(set) var width: Int
  public private(set) var height: Int
  public private(set) var now: UInt64 = 0
  /// Whether the loop should draw for colour (a coloured heatmap); plain text by default.
  public var showsColor = false
  /// The last frame drawn, and how many frames were drawn.
  public private(set) var screen: Canvas?
  public private(set) var framesDrawn = 0
  /// The cells sent for each frame (the whole frame after a resize or a theme change).
  public private(set) var cellsSent: [Int] = []
  /// The theme last set.
  public private(set) var theme: Theme?
  /// The timeout the loop asked for at each wait, in order (`nil`: wait for input).
  public private(set) var timeoutsAsked: [Int?] = []
  private var script: [Scripted]
  private var previous: Canvas?

  public init(width: Int, height: Int, script: [Scripted]) {
    self.width = width
    self.height = height
    self.script = script
  }

  /// Adds to the end of the script.
  public func enqueue(_ events: [Scripted]) { script += events }

  /// What was sent to the clipboard, in order.
  public private(set) var clipboard: [String] = []

  public func copyToClipboard(_ text: String) { clipboard.append(text) }

  public func setTheme(_ theme: Theme) {
    self.theme = theme
    previous = nil
  }

  public func draw(_ canvas: Canvas) {
    let diff = CanvasDiff(from: previous, to: canvas)
    cellsSent.append(diff.changes.count)
    previous = canvas
    screen = canvas
    framesDrawn += 1
  }

  public func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent {
    timeoutsAsked.append(timeoutMilliseconds)
    guard !script.isEmpty else { return .signal(SIGHUP) }
    switch script.removeFirst() {
    case .input(let bytes):
      return .input(bytes)
    case .wait:
      now += UInt64(max(0, timeoutMilliseconds ?? 0))
      return .timeout
    case .resize(let width, let height):
      self.width = width
      self.height = height
      previous = nil
      return .resize
    case .signal(let number):
      return .signal(number)
    }
  }
}
