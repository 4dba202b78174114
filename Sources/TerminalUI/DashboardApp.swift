import CNcurses
import Dashboard
import Foundation

/// The interactive dashboard: keys become actions, actions update the state, the state is drawn.
///
/// The loop blocks on input while nothing moves, so an idle dashboard uses no CPU; only while
/// continuous descent runs does it wake every frame. However it ends (q, Ctrl-C, SIGTERM,
/// SIGHUP, a thrown error), the terminal is restored before `run` returns.
public final class DashboardApp {
  /// The signal that ended the last run, or 0 if the user quit.
  public private(set) var endingSignal: Int32 = 0

  private var state: DashboardState
  private let themes: ThemeCatalog
  private let symbols: SymbolSet
  private let colorChoice: ColorChoice
  private let initialTheme: String?

  /// The milliseconds between descent steps while running.
  public static let frameInterval: Int32 = 60

  public init(state: DashboardState, themes: ThemeCatalog, initialTheme: String?, symbols: SymbolSet, colorChoice: ColorChoice) {
    self.state = state
    self.themes = themes
    self.initialTheme = initialTheme
    self.symbols = symbols
    self.colorChoice = colorChoice
    if let initialTheme, let index = themes.names.firstIndex(of: initialTheme) { self.state.themeIndex = index }
  }

  /// Runs until the user quits or a terminating signal arrives.
  ///
  /// - Returns: The final state.
  /// - Throws: ``TerminalError`` if the terminal cannot be used (it is left as it was).
  @discardableResult
  public func run() throws -> DashboardState {
    let screen = try Screen(colorChoice: colorChoice)
    defer { screen.restore() }

    var themeIndex = -1
    while !state.quitRequested {
      if themeIndex != state.themeIndex {
        themeIndex = state.themeIndex
        let names = themes.names
        let name = names[((themeIndex % names.count) + names.count) % names.count]
        screen.setTheme((try? themes.theme(named: name)) ?? .standard)
      }
      screen.draw(Frame.render(state, width: Int(screen.width), height: Int(screen.height), symbols: symbols))

      // Work a lesson asked for (one measurement per frame, so its progress bar is drawn).
      let busy = state.pendingMeasurement != nil
      let timeout: Int32? = busy ? 1 : (state.running ? DashboardApp.frameInterval : nil)
      let event = screen.nextEvent(timeoutMilliseconds: timeout)
      if busy, event == .timeout, let action = PendingWork.performPendingWork(state) {
        perform(action)
        continue
      }
      switch event {
      case .key(let key):
        if let action = Keymap.action(for: key, in: state) { perform(action) }
      case .resize:
        break
      case .timeout:
        if state.running { perform(.descend) }
      case .signal(let number):
        endingSignal = number
        return state
      }
    }
    return state
  }

  private func perform(_ action: Action) {
    state = update(state, action)
  }
}
