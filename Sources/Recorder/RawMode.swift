import CPseudoTerminal
import Foundation

/// Our terminal in raw mode for as long as the value lives; `restore()` puts it back.
final class RawMode {
  private var original = termios()
  private var active = false

  private var saved = false

  init() {
    guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &original) == 0 else { return }
    saved = true
    enter()
  }

  /// Raw mode (again, after `restore()`: the recorder continued after Ctrl-Z).
  func enter() {
    guard saved, !active else { return }
    var raw = original
    cfmakeraw(&raw)
    active = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0
  }

  func restore() {
    guard active else { return }
    active = false
    var saved = original
    tcsetattr(STDIN_FILENO, TCSANOW, &saved)
  }

  deinit { restore() }
}
