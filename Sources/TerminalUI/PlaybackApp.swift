import Dashboard
import Foundation
import Session

/// `lossscope play`: replays a recording's inputs through the dashboard at the terminal's
/// current size, with pause, stepping, marker jumps and speed.
public final class PlaybackApp {
  private var playback: Playback
  private let themes: ThemeCatalog
  private let symbols: SymbolSet
  private let colorChoice: ColorChoice

  public init(playback: Playback, themes: ThemeCatalog, symbols: SymbolSet, colorChoice: ColorChoice) {
    self.playback = playback
    self.themes = themes
    self.symbols = symbols
    self.colorChoice = colorChoice
  }

  /// Plays until q (or a terminating signal). The terminal is always restored.
  ///
  /// - Throws: ``TerminalError`` if the terminal cannot be used.
  public func run(initialTheme: String) throws {
    let screen = try Screen(colorChoice: colorChoice)
    defer { screen.restore() }
    let names = themes.names
    let base = names.firstIndex(of: initialTheme) ?? 0
    var themeIndex = -1
    var last = DispatchTime.now().uptimeNanoseconds
    while true {
      let state = playback.state
      let wanted = base + state.themeIndex
      if wanted != themeIndex {
        themeIndex = wanted
        screen.setTheme((try? themes.theme(named: names[wanted % names.count])) ?? .standard)
      }
      var canvas = Frame.render(state, width: Int(screen.width), height: Int(screen.height), symbols: symbols)
      if canvas.height > 0 {
        let row = canvas.height - 1
        canvas.fill(Rect(x: 0, y: row, width: canvas.width, height: 1), with: Cell(" ", Style(.keyBar, reverse: true)))
        canvas.text(playback.progressLine(width: canvas.width), x: 0, y: row, style: Style(.title, bold: true, reverse: true))
      }
      screen.draw(canvas)
      // While playing, wake for the next event or to move the clock on the progress line.
      let wait = playback.secondsToNextEvent.map { Int32(min(100, max(1, $0 * 1000))) }
      let event = screen.nextEvent(timeoutMilliseconds: wait)
      let now = DispatchTime.now().uptimeNanoseconds
      playback.advance(by: Double(now - last) / 1e9)
      last = now
      switch event {
      case .key(let key):
        if !playback.handle(key) { return }
      case .signal:
        return
      case .resize, .timeout:
        break
      }
    }
  }
}
