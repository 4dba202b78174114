import CNcurses
import CTerminalGuard
import Dashboard
import Foundation
import SafeText

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
  public var description: String
}

/// The ncurses screen: draws canvases by changed cells, reads keys, and always gives the terminal
/// back.
///
/// Drawing compares each frame with the last one and sends only the cells that changed; ncurses
/// then sends only what differs from what the terminal shows. After a resize or a theme change
/// the whole frame is sent again.
public final class Screen {
  public private(set) var width: Int32 = 0
  public private(set) var height: Int32 = 0
  public let level: ColorLevel
  private var previous: Canvas?
  private var theme: Theme = .standard
  private var pairs: [Role: Int32] = [:]
  private var screen: OpaquePointer?
  private var active = false
  private let keys: KeyDecoder.FunctionKeys

  /// Starts curses: locale, a screen on the terminal, cbreak, no echo, keypad, a 25 ms Esc delay,
  /// no cursor, and colours as the ladder allows.
  ///
  /// - Throws: ``TerminalError`` when the terminal cannot be used.
  public init(colorChoice: ColorChoice, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    setlocale(LC_ALL, "")
    guard let screen = shim_newterm() else {
      throw TerminalError(description: "cannot use terminal type \(TerminalSafe.quoted(environment["TERM"] ?? "")); set TERM to your terminal's type")
    }
    self.screen = screen
    set_term(screen)
    active = true
    terminal_guard_set_screen_active(1)
    shim_install_signal_handlers()
    cbreak()
    noecho()
    nonl()
    keypad(shim_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    var colors: Int32 = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colors = shim_colors()
    }
    level = ColorLadder.level(choice: colorChoice, environment: environment, terminfoColors: Int(colors), terminfoRGB: shim_has_rgb() != 0)
    keys = KeyDecoder.FunctionKeys(
      left: shim_key_left(), right: shim_key_right(), up: shim_key_up(), down: shim_key_down(),
      shiftLeft: shim_key_sleft(), shiftRight: shim_key_sright(), backTab: shim_key_btab(), enter: shim_key_enter(),
      resize: shim_key_resize())
    updateSize()
  }

  deinit { restore() }

  /// Leaves curses: the alternate screen is left and echo and canonical mode come back. Safe to
  /// call more than once.
  public func restore() {
    guard active else { return }
    active = false
    curs_set(1)
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    terminal_guard_set_screen_active(0)
  }

  /// Uses a theme's colours from the next frame on (which is then drawn whole).
  public func setTheme(_ theme: Theme) {
    self.theme = theme
    pairs = [:]
    guard level != .none else { return }
    let effective = level == .truecolor && shim_colors() < 0x1000000 ? ColorLevel.ansi256 : level
    for (index, role) in Role.allCases.enumerated() {
      let pair = Int32(index + 1)
      guard pair < shim_color_pairs() else { break }
      let fg = ColorLadder.terminalColor(theme.foreground(role), level: effective)
      let bg = ColorLadder.terminalColor(theme.background(role), level: effective)
      init_extended_pair(pair, fg, bg)
      pairs[role] = pair
    }
    previous = nil
  }

  /// Draws a canvas, sending only the cells that differ from the previous frame.
  public func draw(_ canvas: Canvas) {
    guard active else { return }
    let full = previous == nil || previous!.width != canvas.width || previous!.height != canvas.height
    if full { erase() }
    for y in 0..<min(canvas.height, Int(height)) {
      for x in 0..<min(canvas.width, Int(width)) {
        let cell = canvas[x, y]
        if !full, let previous, previous[x, y] == cell { continue }
        var attributes = shim_a_normal()
        if cell.style.bold { attributes |= shim_a_bold() }
        if cell.style.dim { attributes |= shim_a_dim() }
        if cell.style.reverse { attributes |= shim_a_reverse() }
        if cell.style.underline { attributes |= shim_a_underline() }
        let scalar = cell.character.unicodeScalars.first?.value ?? 32
        _ = shim_put(Int32(y), Int32(x), wchar_t(bitPattern: scalar), attributes, pairs[cell.style.role] ?? 0)
      }
    }
    previous = canvas
    refresh()
  }

  /// Waits for input.
  ///
  /// Blocks in `poll()` on the terminal and the signal pipe, so an idle dashboard uses no CPU and
  /// a signal ends the wait at once; ncurses is then asked, without blocking, for the key.
  ///
  /// - Parameter timeoutMilliseconds: How long to wait, or `nil` to block.
  public func nextEvent(timeoutMilliseconds: Int32?) -> InputEvent {
    timeout(0)
    let deadline = timeoutMilliseconds.map { DispatchTime.now().uptimeNanoseconds + UInt64($0) * 1_000_000 }
    var hangups = 0
    while true {
      let pending = shim_pending_signal()
      if pending != 0 { return .signal(pending) }
      // Keys ncurses has already read (and KEY_RESIZE after a SIGWINCH) come first.
      var key: wint_t = 0
      let status = shim_get_key(&key)
      if status == shim_key_code_yes() {
        if let event = KeyDecoder.functionKey(Int32(key), keys) {
          if event == .resize { updateSize() }
          return event
        }
        continue
      }
      if status != shim_err() {
        if let event = KeyDecoder.character(UInt32(key)) { return event }
        continue
      }
      var wait: Int32 = -1
      if let deadline {
        let now = DispatchTime.now().uptimeNanoseconds
        if now >= deadline { return .timeout }
        wait = Int32(max(1, (deadline - now) / 1_000_000))
      }
      switch shim_wait_for_input(wait) {
      case 0:
        return .timeout
      case 1:
        // Readable but ncurses found no key twice in a row more than a few times: the terminal
        // has closed (EOF). Treat it as a hangup rather than spin.
        hangups += 1
        if hangups > 100 { return .signal(SIGHUP) }
      default:
        continue
      }
    }
  }

  private func updateSize() {
    var rows: Int32 = 0, cols: Int32 = 0
    shim_size(&rows, &cols)
    height = max(0, rows)
    width = max(0, cols)
    previous = nil
  }
}
