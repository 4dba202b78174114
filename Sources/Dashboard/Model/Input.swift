import Canvas
import Benchmarks
import TerminalInput

/// Everything that can change the dashboard, as ``step(_:_:derived:)`` takes it: what the user
/// did, what the clock did, and what the front end found out.
///
/// A recording is a list of these (the asciicast events map one to one), so a replay that steps
/// through the same inputs reaches the same states.
public enum Input: Equatable, Sendable {
  /// A key, mapped to an action by the ``Keymap`` in the state's ``Mode``.
  case key(Key)
  /// A mouse report, with the size of the terminal it was made on and the glyphs the frame was
  /// drawn with: the layout they give says what it touched.
  case mouse(MouseEvent, width: Int, height: Int, symbols: SymbolSet)
  /// One tick of continuous descent (every ``Action/tickMilliseconds`` while running).
  case tick
  /// A large-vocab measurement's result. Indirect: a measurement is large and rare, and a
  /// recording holds an input per event.
  indirect case measurement(VocabularyMeasurement)
  /// A demo script's caption on the bottom line (`nil` or empty: none).
  case caption(String?)
  /// The terminal's new size. The state keeps nothing of it (a mouse report carries its own
  /// size); it is an input so that a recording logs it where every other input is logged.
  case resize(width: Int, height: Int)
  /// A one-line notice from the front end (`wrote lossscope-….svg`, `theme okabe-ito`), shown
  /// until the next key. Recorded, so a replay shows it too.
  case notice(String)

  /// The input a key or mouse report is on a terminal of `width × height` drawn with `symbols`.
  public static func pressing(
    _ key: Key, width: Int, height: Int, symbols: SymbolSet = .braille
  ) -> Input {
    if case .mouse(let event) = key {
      return .mouse(event, width: width, height: height, symbols: symbols)
    }
    return .key(key)
  }
}

/// What a step asks of the world outside the state: the front end performs these, a replay
/// skips them (or does what it can, such as naming a marker).
public enum Effect: Equatable, Sendable {
  /// Put text on the terminal's clipboard (OSC 52): the state string.
  case copyToClipboard(String)
  /// Write the frame on screen to a file (`E`).
  case writeFrame
  /// Mark this moment in the recording, with a label from the state (`m`).
  case addMarker(String)
  /// Measure one size of the large-vocab lesson and send the result back as
  /// ``Input/measurement(_:)``.
  case startMeasurement(batch: Int, classes: Int)
  /// The theme index changed (`T`): show that theme. A front end that knows the theme's name
  /// says it with ``Input/notice(_:)``.
  case changeTheme(Int)
  /// The user asked to quit.
  case quit
}

extension Input {
  /// The notice a front end shows when `T` changes the theme: `theme okabe-ito`.
  public static func themeNotice(_ name: String) -> String { "theme " + name }
}
