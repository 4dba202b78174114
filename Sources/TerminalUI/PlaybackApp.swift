import Dashboard
import Foundation
import Canvas
import TerminalInput
import Replay

/// `lossscope play`: replays a recording's actions through the dashboard at the terminal's
/// current size, with pause, stepping, marker jumps and speed.
public final class PlaybackApp {
  public private(set) var playback: Playback
  private let themes: ThemeCatalog
  private let symbols: SymbolSet
  private let colorChoice: ColorChoice
  private let appearance: Appearance
  private let present: Bool
  /// The view to show every state in, instead of the recorded one (`play --view`).
  private let view: DashboardView?
  private var decoder = InputDecoder()
  /// How plots are drawn on this terminal, and its cell size in pixels.
  private let graphics: GraphicsProtocol
  private let cellSize: TerminalReport.CellSize?

  public init(
    playback: Playback, themes: ThemeCatalog, symbols: SymbolSet, colorChoice: ColorChoice,
    appearance: Appearance = .dark, present: Bool = false, view: DashboardView? = nil,
    graphics: GraphicsProtocol = .cells, cellSize: TerminalReport.CellSize? = nil
  ) {
    self.graphics = graphics
    self.cellSize = cellSize
    self.appearance = appearance
    self.present = present
    self.view = view
    self.playback = playback
    self.themes = themes
    self.symbols = symbols
    self.colorChoice = colorChoice
  }

  /// Plays on the terminal until q (or a terminating signal). The terminal is always restored.
  ///
  /// - Throws: ``TerminalError`` if the terminal cannot be used.
  public func run() throws {
    let backend = try CursesBackend(
      colorChoice: colorChoice, appearance: appearance, graphics: graphics, cellSize: cellSize)
    defer { backend.restore() }
    run(on: backend)
  }

  /// Plays on any backend until q, a terminating signal, or the end of its input. Each state is
  /// shown in its own theme (the timeline's starting one, `T` applied), as it was live.
  public func run(on backend: TerminalBackend) {
    let derived = Derived()
    var themeSwitch = ThemeSwitch()
    var last = backend.now
    // The state shown, kept while the position stays: it is recomputed from a checkpoint, and a
    // view it is shown in (`--view`) computes its curves or its landscape anew.
    var shown: (position: Int, state: DashboardState)?
    while true {
      let state: DashboardState
      if let shown, shown.position == playback.position {
        state = shown.state
      } else {
        let fresh = playback.state(derived: derived).viewed(in: view, presenting: present)
        shown = (playback.position, fresh)
        state = fresh
      }
      themeSwitch.apply(state.themeIndex, themes: themes, to: backend)
      // The plots in pixels where this terminal shows them (the recording's events are cells).
      var canvas: Canvas
      var images: [PlotImage] = []
      if let pixels = backend.pixelOptions {
        (canvas, images) = Frame.render(
          state, width: backend.width, height: backend.height, symbols: symbols,
          colorRamp: themeSwitch.colorRamp, derived: derived, pixels: pixels)
      } else {
        canvas = Frame.render(
          state, width: backend.width, height: backend.height, symbols: symbols,
          colorRamp: themeSwitch.colorRamp, derived: derived)
      }
      if canvas.height > 0 {
        let row = canvas.height - 1
        canvas.fill(
          Rect(x: 0, y: row, width: canvas.width, height: 1),
          with: Cell(" ", Style(.keyBar, reverse: true)))
        canvas.text(
          playback.progressLine(width: canvas.width), x: 0, y: row,
          style: Style(.title, bold: true, reverse: true))
        // The progress line takes the caption's line: the caption moves up one.
        if let caption = state.caption, row > 1 {
          Frame.drawCaption(
            caption, in: Rect(x: 0, y: row - 1, width: canvas.width, height: 1), on: &canvas)
        }
      }
      backend.draw(canvas, images: images)
      // While playing, wake for the next event or to move the clock on the progress line.
      var wait = playback.secondsToNextEvent.map { Int(min(100, max(1, $0 * 1000))) }
      if !decoder.pending.isEmpty {
        wait = min(wait ?? DashboardApp.escapeDelay, DashboardApp.escapeDelay)
      }
      let event = backend.nextEvent(timeoutMilliseconds: wait)
      let now = backend.now
      playback.advance(by: Double(now - last) / 1e3)
      last = now
      var keys: [Key] = []
      switch event {
      case .input(let bytes): keys = decoder.feed(bytes).compactMap(\.key)
      case .timeout: keys = decoder.flush().compactMap(\.key)
      case .signal: return
      case .resize: break
      }
      for key in keys where !playback.handle(key) { return }
    }
  }
}
