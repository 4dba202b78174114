// The TerminalUI module: the impure shell. The TerminalBackend seam with ncurses behind it
// (CursesBackend) and an in-memory one for tests; the run loops (DashboardApp, PlaybackApp) that
// turn the terminal's bytes, the clock and finished measurements into inputs for the step
// function and perform the effects it returns; themes (TOML files), the colour ladder and the
// measurement runner.

import Dashboard
import Canvas

/// What the run loop waits for.
public enum TerminalEvent: Equatable, Sendable {
  /// Bytes the terminal sent (the loop decodes them into keys with the one ``InputDecoder``).
  case input([UInt8])
  /// The terminal's size changed; the backend's `width` and `height` are already the new size.
  case resize
  /// The timeout passed with no input.
  case timeout
  /// A terminating signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) arrived.
  case signal(Int32)
}

/// The seam under the run loops of the dashboard and of `play`: a screen of cells that can be
/// drawn, a source of input, and a clock.
///
/// ``CursesBackend`` is the real terminal; ``InMemoryBackend`` plays a script and keeps the
/// frames, so a loop's behaviour (keys, ticks, resize, signals, quitting) is tested in
/// milliseconds, with no terminal and no sleeping.
public protocol TerminalBackend: AnyObject {
  var width: Int { get }
  var height: Int { get }
  /// Milliseconds on a monotonic clock (virtual in tests).
  var now: UInt64 { get }
  /// Whether colours are drawn (not under NO_COLOR, `--color never` or a terminal without them).
  var showsColor: Bool { get }
  /// Uses a theme's colours from the next frame on (which is then drawn whole).
  func setTheme(_ theme: Theme)
  /// Shows a frame, sending only what changed since the last one.
  func draw(_ canvas: Canvas)
  /// Waits for input, a resize, a signal, or the timeout.
  ///
  /// - Parameter timeoutMilliseconds: How long to wait at most, or `nil` to wait for input.
  /// - Returns: What happened first.
  func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent
  /// Asks the terminal to put text on the clipboard (OSC 52), where it allows it.
  func copyToClipboard(_ text: String)
  /// Where the backend draws plots as images (kitty graphics, sixel): the cell size and the
  /// current theme's colours for ``Frame/render(_:width:height:symbols:colorRamp:derived:titleReserve:pixels:)``;
  /// `nil` for cells.
  var pixelOptions: PixelOptions? { get }
  /// Shows a frame and its plots' images over their reserved cells.
  func draw(_ canvas: Canvas, images: [PlotImage])
}

extension TerminalBackend {
  /// Cells only, unless the backend says otherwise.
  public var pixelOptions: PixelOptions? { nil }
  /// Cells only: the images are not shown (their cells are blank).
  public func draw(_ canvas: Canvas, images: [PlotImage]) { draw(canvas) }
}
