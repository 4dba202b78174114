import ArgumentParser
import Dashboard
import Foundation
import TerminalUI
import Canvas
import Recorder

extension LossScope {
  /// `lossscope` with no subcommand: the live dashboard.
  struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dashboard",
      abstract: "The live dashboard (the default): move logits, targets and weights with the keys.",
      discussion: "Press ? in the dashboard for every key binding.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var display: DisplayOptions

    /// Set by `record`: the pipe to report the session's stream on.
    @Option(name: .customLong("session-fd"), help: .hidden)
    var sessionFD: Int32?

    func validate() throws {
      if let sessionFD, sessionFD < 3 || fcntl(sessionFD, F_GETFD) < 0 {
        throw ValidationError(
          "--session-fd must be an open descriptor above 2 (it is set by `lossscope record`)")
      }
    }

    func run() throws {
      try requireTerminal(
        "the dashboard needs a terminal (stdin and stdout); for a frame as text use `lossscope snapshot`"
      )
      try reportingFailures {
        let catalog = display.catalog()
        // Bad options are reported before the terminal is asked anything.
        if let theme = display.theme { _ = try display.loadTheme(theme, from: catalog) }
        _ = try scenario.dashboardState(view: display.view, presenting: display.present)
        let report = display.askTerminal()
        let appearance = display.appearance(report)
        let starting = display.startingTheme(on: appearance)
        if let starting { _ = try display.loadTheme(starting, from: catalog) }
        let state = try scenario.dashboardState(
          view: display.view, presenting: display.present, theme: catalog.index(of: starting))
        let app = DashboardApp(
          state: state, themes: catalog,
          symbols: display.resolvedSymbols(), colorChoice: display.color,
          appearance: appearance, synchronizedOutput: report?.synchronizedOutput ?? false,
          graphics: display.graphics.resolve(
            report, environment: ProcessInfo.processInfo.environment),
          cellSize: report?.cellSize,
          log: sessionFD.map { PipeSessionLog(descriptor: $0) }, mouse: !display.noMouse)
        do {
          try app.run()
        } catch let error as TerminalError {
          throw BadData(description: error.description)
        }
        // q and Ctrl-C are the user quitting; SIGTERM and SIGHUP end it from outside.
        if app.endingSignal != 0 && app.endingSignal != SIGINT && app.endingSignal != SIGQUIT {
          throw ExitCode(ExitStatus.failure)
        }
      }
    }
  }
}

/// How the dashboard looks: theme, colour and graphics.
struct DisplayOptions: ParsableArguments {
  @Option(help: "Colour theme by name (see `lossscope themes`).")
  var theme: String?

  @Option(name: .customLong("themes-dir"), help: "Look for themes in this folder first.")
  var themesDir: String?

  @Option(help: "never, auto or always.")
  var color: ColorChoice = .auto

  @Flag(
    help:
      "Presenter mode for a projector: the curve and big numbers, high-contrast unless --theme says otherwise (z toggles it)."
  )
  var present = false

  /// The theme to start with where the terminal is not asked: --theme, high-contrast when
  /// presenting, light for `--background light`.
  var startingTheme: String? { startingTheme(on: background.appearance ?? .dark) }

  /// The theme to start with on a terminal of this background: --theme, high-contrast when
  /// presenting, the light theme on a light terminal, else the default.
  func startingTheme(on appearance: Appearance) -> String? {
    theme ?? (present ? "high-contrast" : appearance == .light ? "light" : nil)
  }

  @Option(
    help:
      "Your terminal's background: auto (ask the terminal, OSC 11), dark or light. It chooses the starting theme (light on a light terminal) unless --theme does, and is what themes that keep the terminal's background (monochrome) are drawn against."
  )
  var background: BackgroundChoice = .auto

  /// Asks the terminal about itself (background, synchronized output), once, before curses
  /// starts: `nil` off a terminal, or with `TERM=dumb`.
  func askTerminal() -> TerminalReport? {
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    guard term != "dumb", !term.isEmpty else { return nil }
    return TerminalReport.ask()
  }

  /// `--background`, or what the terminal said for `auto` (dark when it said nothing).
  func appearance(_ report: TerminalReport?) -> Appearance {
    background.appearance ?? report?.appearance ?? .dark
  }

  @Option(help: "Graphics: braille, block or ascii (default: braille where the locale is UTF-8).")
  var symbols: SymbolSet?

  @Option(
    help:
      "Plots in real pixels: auto (what the terminal says it has: the kitty graphics protocol, then sixel; cells inside tmux or screen), kitty, sixel, or cells (text only)."
  )
  var graphics: GraphicsChoice = .auto

  @Option(help: "The view to start in: dashboard, compare or landscape (v cycles them).")
  var view: DashboardView?

  @Flag(
    name: .customLong("no-mouse"),
    help:
      "Leave the mouse to the terminal, so its own text selection works (with the mouse on, Shift-drag selects text in most terminals)."
  )
  var noMouse = false

  func catalog() -> ThemeCatalog { ThemeCatalog(themesDirectory: themesDir) }

  func loadTheme(_ name: String, from catalog: ThemeCatalog) throws -> Theme {
    do { return try catalog.theme(named: name) } catch let problem as ThemeProblem {
      throw BadData(description: problem.description)
    }
  }

  /// Braille unless the locale cannot show it.
  func resolvedSymbols() -> SymbolSet {
    symbols ?? DisplayOptions.localeSymbols()
  }

  /// Braille where the locale says UTF-8 (`LC_ALL`, `LC_CTYPE`, `LANG`, the first one set), else
  /// plain ASCII.
  static func localeSymbols() -> SymbolSet {
    let environment = ProcessInfo.processInfo.environment
    // The first that is set and not empty, as setlocale reads them.
    let locale =
      ["LC_ALL", "LC_CTYPE", "LANG"].compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    return locale.uppercased().replacingOccurrences(of: "-", with: "").contains("UTF8")
      ? .braille : .ascii
  }
}

extension ColorChoice: ExpressibleByArgument {}
extension DashboardView: ExpressibleByArgument {}
extension BackgroundChoice: ExpressibleByArgument {}
extension GraphicsChoice: ExpressibleByArgument {}

/// `--background`: ask the terminal, or say.
enum BackgroundChoice: String, CaseIterable, Sendable {
  case auto, dark, light

  /// The background said, or `nil` for `auto`.
  var appearance: Appearance? {
    switch self {
    case .auto: nil
    case .dark: .dark
    case .light: .light
    }
  }
}
