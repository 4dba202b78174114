import CNcurses
import CSignalPipe
import CTerminalGuard
import Dashboard
import Foundation
import SafeText
import Canvas
import Recorder
import Pixels

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
  public var description: String
}

/// The real terminal through ncurses: draws canvases by changed cells, reads the terminal's
/// bytes, and always gives the terminal back.
///
/// ncurses does the output (terminfo, colours, its own screen diff); input is read from the
/// terminal directly and decoded by the loop with the one ``InputDecoder`` that recording and
/// replay use, so there is no second decoder to disagree with it.
public final class CursesBackend: TerminalBackend {
  public private(set) var width = 0
  public private(set) var height = 0
  public let level: ColorLevel
  private var previous: Canvas?
  private var pairs: [Role: Int32] = [:]
  /// Pairs made on demand for the colour ramp (the heatmap), by foreground and background
  /// colour number, and the next free pair number.
  private var rampPairs: [Int64: Int32] = [:]
  private var nextPair: Int32 = 0
  private var theme = Theme.standard
  /// The level colours are resolved at (direct colour only where terminfo has it).
  private var effectiveLevel = ColorLevel.none
  /// Roles drawn without bold, where the terminal's bold-as-bright would lose their contrast
  /// (``ColorPair/boldAllowed``).
  private var boldless: Set<Role> = []
  private let appearance: Appearance
  private var screen: OpaquePointer?
  private var active = false
  /// The signal pipe's read end (CSignalPipe), or -1.
  private var signalDescriptor: Int32 = -1
  /// The plots' images after each frame's cells, and the cell size they are drawn at.
  private var imageWriter: ImageWriter
  private let cellSize: TerminalReport.CellSize
  /// Whether frames are wrapped in DEC mode 2026 (begin and end synchronized update).
  private let synchronizedOutput: Bool
  static let beginSynchronized = "\u{1B}[?2026h"
  static let endSynchronized = "\u{1B}[?2026l"
  /// Whether mouse reports were asked for (and must be turned off again).
  private var mouseReporting = false

  /// xterm's mouse modes: clicks (1000), motion while a button is held (1002), and reports in
  /// the SGR form (1006), which has no coordinate limit and tells a release from a press.
  static let mouseOn = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h"
  static let mouseOff = "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l"

  /// Starts curses: locale, a screen on the terminal, cbreak, no echo, keypad (application
  /// cursor keys), no cursor, and colours as the ladder allows.
  ///
  /// - Throws: ``TerminalError`` when the terminal cannot be used.
  /// - Parameters:
  ///   - colorChoice: `--color`.
  ///   - appearance: The terminal's own background, for themes that keep it (`--background`).
  ///   - mouse: Whether to ask for mouse reports, where terminfo says the terminal has a mouse
  ///     (`kmous`).
  ///   - synchronizedOutput: Whether the terminal has DEC mode 2026 (``TerminalReport``): each
  ///     frame's output is then wrapped in it, so the terminal shows it whole.
  ///   - graphics: How plots are drawn: kitty images, sixel images, or cells.
  ///   - cellSize: A cell's size in pixels, as the terminal reported it.
  ///   - environment: Where `TERM`, `COLORTERM` and `NO_COLOR` are read.
  public init(
    colorChoice: ColorChoice, appearance: Appearance = .dark, mouse: Bool = false,
    synchronizedOutput: Bool = false, graphics: GraphicsProtocol = .cells,
    cellSize: TerminalReport.CellSize? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    self.appearance = appearance
    self.synchronizedOutput = synchronizedOutput
    imageWriter = ImageWriter(graphics)
    // kitty scales an image to its cells, so an unknown cell size only costs sharpness.
    self.cellSize = cellSize ?? TerminalReport.CellSize(width: 10, height: 20)
    setlocale(LC_ALL, "")
    guard let screen = shim_newterm() else {
      throw TerminalError(
        description:
          "cannot use terminal type \(TerminalSafe.quoted(environment["TERM"] ?? "")); set TERM to your terminal's type"
      )
    }
    self.screen = screen
    set_term(screen)
    active = true
    terminal_guard_set_screen_active(1)
    // SIGTERM, SIGHUP, SIGINT and SIGQUIT end the loop with the terminal restored (Ctrl-\\ too,
    // rather than a core dump over the screen); SIGWINCH is a resize. Curses' own SIGWINCH
    // handler is replaced: it only acts inside getch, which is never called.
    // SIGTSTP (Ctrl-Z) suspends: everything turned on is turned off first (``suspend()``).
    let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGWINCH, SIGTSTP]
    signalDescriptor = signal_pipe_install(signals, Int32(signals.count))
    cbreak()
    noecho()
    nonl()
    keypad(shim_stdscr(), true)
    // Curses never reads input here, so it must not look for typeahead either.
    typeahead(-1)
    curs_set(0)
    var colors: Int32 = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colors = shim_colors()
    }
    level = ColorLadder.level(
      choice: colorChoice, environment: environment, terminfoColors: Int(colors),
      terminfoRGB: shim_has_rgb() != 0)
    readSize()
    if mouse && shim_has_mouse() != 0 {
      // Input is read raw and decoded by the one InputDecoder, so the modes are set here
      // rather than through ncurses' mousemask (whose reports only getch would decode).
      refresh()
      mouseReporting = writeAll(STDOUT_FILENO, CursesBackend.mouseOn.utf8)
    }
  }

  deinit { restore() }

  /// Leaves curses: the alternate screen is left and echo and canonical mode come back. Safe to
  /// call more than once.
  public func restore() {
    guard active else { return }
    active = false
    // Every image goes with the dashboard.
    let images = imageWriter.clear()
    if !images.isEmpty { _ = writeAll(STDOUT_FILENO, images.utf8) }
    if mouseReporting { _ = writeAll(STDOUT_FILENO, CursesBackend.mouseOff.utf8) }
    curs_set(1)
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    terminal_guard_set_screen_active(0)
    signal_pipe_uninstall()
  }

  public var now: UInt64 { DispatchTime.now().uptimeNanoseconds / 1_000_000 }

  public var showsColor: Bool { level != .none }

  /// OSC 52 with the text in base64 (so nothing in it can act as a control sequence), after
  /// what curses has drawn.
  public func copyToClipboard(_ text: String) {
    guard active else { return }
    refresh()
    let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    // curses has flushed its output on refresh; this goes straight after it.
    _ = writeAll(STDOUT_FILENO, sequence.utf8)
  }

  public func setTheme(_ theme: Theme) {
    pairs = [:]
    rampPairs = [:]
    boldless = []
    previous = nil
    self.theme = theme
    guard level != .none else { return }
    let effective = level == .truecolor && shim_colors() < 0x1000000 ? ColorLevel.ansi256 : level
    effectiveLevel = effective
    nextPair = Int32(Role.allCases.count + 1)
    for (index, role) in Role.allCases.enumerated() {
      let number = Int32(index + 1)
      guard number < shim_color_pairs() else { break }
      let pair = ColorPair(theme: theme, role: role, level: effective, appearance: appearance)
      init_extended_pair(number, pair.foreground, pair.background)
      pairs[role] = number
      if !pair.boldAllowed { boldless.insert(role) }
    }
    // Cleared cells take the theme's background too.
    if let text = pairs[.text] { shim_set_background(text) }
  }

  public func draw(_ canvas: Canvas) { draw(canvas, images: []) }

  public var pixelOptions: PixelOptions? {
    guard imageWriter.graphics != .cells else { return nil }
    var options = PixelOptions(
      theme: theme, cellWidth: cellSize.width, cellHeight: cellSize.height,
      light: appearance == .light)
    // The background the cells show at this level (256 colours: the nearest entry), so a plot's
    // picture is not a box of another shade.
    if effectiveLevel != .none {
      let pair = ColorPair(theme: theme, role: .text, level: effectiveLevel, appearance: appearance)
      if let shown = ColorPair.rgb(pair.background, level: effectiveLevel) {
        options.background = RGB(shown.0, shown.1, shown.2)
      }
    }
    return options
  }

  public func draw(_ canvas: Canvas, images: [PlotImage]) {
    guard active else { return }
    // The rows a sixel image covered and no longer does are written again, whatever curses
    // believes is on them, so its pixels go.
    let stale = imageWriter.stale(images)
    for rect in stale where rect.height > 0 {
      wredrawln(shim_stdscr(), Int32(rect.y), Int32(rect.height))
    }
    // curses has flushed everything before (each frame ends in refresh), so the begin goes
    // before this frame's output and the end after it.
    if synchronizedOutput { _ = writeAll(STDOUT_FILENO, CursesBackend.beginSynchronized.utf8) }
    defer {
      if synchronizedOutput { _ = writeAll(STDOUT_FILENO, CursesBackend.endSynchronized.utf8) }
    }
    let diff = CanvasDiff(from: previous, to: canvas)
    if diff.isFull { erase() }
    for change in diff.changes where change.x < width && change.y < height {
      let style = change.cell.style
      var attributes = shim_a_normal()
      // Faint is the role's own colour (which clears its contrast bar), never the terminal's
      // dim attribute, which halves it.
      if style.bold, !boldless.contains(style.role) { attributes |= shim_a_bold() }
      if style.reverse { attributes |= shim_a_reverse() }
      if style.underline { attributes |= shim_a_underline() }
      let scalar = change.cell.character.unicodeScalars.first?.value ?? 32
      _ = shim_put(
        Int32(change.y), Int32(change.x), wchar_t(bitPattern: scalar), attributes, pair(for: style))
    }
    previous = canvas
    refresh()
    // The images after the cells they cover (curses has flushed them).
    let changed = diff.changes
    // Rows written again for a stale image took what was on them: every image is sent again.
    let output = imageWriter.frame(images, fullRedraw: diff.isFull || !stale.isEmpty) { rect in
      changed.contains { $0.x >= rect.x && $0.x < rect.maxX && $0.y >= rect.y && $0.y < rect.maxY }
    }
    if !output.isEmpty { _ = writeAll(STDOUT_FILENO, output.utf8) }
  }

  /// The colour pair of a style: its role's, or for a ramp colour (the heatmap) one made on
  /// demand. A glyph drawn over the heatmap that would vanish into its cell (the same colour
  /// number, as at 8 colours) is drawn in black or white, whichever stands out.
  private func pair(for style: Style) -> Int32 {
    guard style.rampForeground != nil || style.rampBackground != nil, effectiveLevel != .none
    else { return pairs[style.role] ?? 0 }
    var fg =
      rampColor(style.rampForeground)
      ?? ColorLadder.terminalColor(theme.foreground(of: style), level: effectiveLevel)
    let bg =
      rampColor(style.rampBackground)
      ?? ColorLadder.terminalColor(theme.background(of: style), level: effectiveLevel)
    if style.rampForeground == nil, fg == bg,
      let backdrop = ColorPair.rgb(bg, level: effectiveLevel)
    {
      fg = ColorPair.standingOut(on: backdrop, level: effectiveLevel)
    }
    let key = Int64(fg) << 32 | Int64(UInt32(bitPattern: bg))
    if let made = rampPairs[key] { return made }
    // Out of pairs (a terminal with few): the role's colours, never a wrong ramp step.
    guard nextPair < shim_color_pairs() else { return pairs[style.role] ?? 0 }
    init_extended_pair(nextPair, fg, bg)
    rampPairs[key] = nextPair
    nextPair += 1
    return nextPair - 1
  }

  /// A ramp step's colour number. At 8 and 16 colours a theme's ramp collapses (viridis's two
  /// darkest steps both become black, the background), so there the ramp is the basic colours
  /// that are neither black nor white, dark to light: magenta, blue, cyan, green, yellow.
  private func rampColor(_ step: UInt8?) -> Int32? {
    guard let step else { return nil }
    guard effectiveLevel <= .ansi16 else {
      return ColorLadder.terminalColor(
        theme.ramp[min(Int(step), theme.ramp.count - 1)], level: effectiveLevel)
    }
    let basic: [Int32] = [5, 5, 4, 4, 6, 6, 2, 3, 3]
    return basic[min(Int(step), basic.count - 1)]
  }

  /// Waits in `poll()` on the terminal and the signal pipe, so an idle dashboard uses no CPU and
  /// a signal or a resize ends the wait at once.
  public func nextEvent(timeoutMilliseconds: Int?) -> TerminalEvent {
    let deadline = timeoutMilliseconds.map { now + UInt64(max(0, $0)) }
    while true {
      var arrived = [Int32](repeating: 0, count: 16)
      let count = Int(signal_pipe_drain(&arrived, 16))
      // A terminating signal wins over a resize that came with it.
      if let ending = arrived.prefix(count).first(where: { $0 != SIGWINCH && $0 != SIGTSTP }) {
        return .signal(ending)
      }
      if arrived.prefix(count).contains(SIGTSTP) { suspend() }
      if count > 0 {
        _ = shim_update_size()
        readSize()
        return .resize
      }
      var wait: Int32 = -1
      if let deadline {
        let current = now
        if current >= deadline { return .timeout }
        wait = Int32(min(deadline - current, 1 << 30))
      }
      switch shim_wait_for_input(signalDescriptor, wait) {
      case 0:
        return .timeout
      case 1:
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(STDIN_FILENO, &buffer, buffer.count)
        if n > 0 { return .input(Array(buffer[0..<n])) }
        // End of input: the terminal has gone.
        if n == 0 || (errno != EINTR && errno != EAGAIN) { return .signal(SIGHUP) }
      default:
        continue
      }
    }
  }

  /// Ctrl-Z: the terminal is given back as it was (mouse reports off, the cursor shown, the
  /// normal screen and modes), the process stops, and when the shell continues it (`fg`) the
  /// modes are turned on again and the next frame is drawn whole.
  ///
  /// The process stops with SIGSTOP, not SIGTSTP: under `lossscope record` the dashboard leads
  /// a session of its own, an orphaned process group, where the kernel discards SIGTSTP.
  private func suspend() {
    guard active else { return }
    let images = imageWriter.clear()
    if !images.isEmpty { _ = writeAll(STDOUT_FILENO, images.utf8) }
    if mouseReporting { _ = writeAll(STDOUT_FILENO, CursesBackend.mouseOff.utf8) }
    curs_set(1)
    endwin()
    terminal_guard_set_screen_active(0)
    raise(SIGSTOP)
    // Continued.
    terminal_guard_set_screen_active(1)
    refresh()
    curs_set(0)
    if mouseReporting { _ = writeAll(STDOUT_FILENO, CursesBackend.mouseOn.utf8) }
    previous = nil
  }

  private func readSize() {
    var rows: Int32 = 0, cols: Int32 = 0
    shim_size(&rows, &cols)
    height = Int(max(0, rows))
    width = Int(max(0, cols))
    previous = nil
    // Placed for the old size: all go, and the next frame sends them again.
    let images = imageWriter.clear()
    if active, !images.isEmpty { _ = writeAll(STDOUT_FILENO, images.utf8) }
  }
}
