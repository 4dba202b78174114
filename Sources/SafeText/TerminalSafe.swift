/// Text from a file or an argument made safe to show on a terminal.
///
/// A recording, a theme or an argument can hold escape sequences: OSC 52 writes the clipboard,
/// OSC 0 the window title, `ESC[2J` clears the screen, `ESC[8m` hides what follows. Anything
/// LossScope echoes from outside passes through here first, so that such bytes are shown, not
/// obeyed:
/// - ESC becomes `\e`; tab, newline and carriage return become `\t`, `\n`, `\r`;
/// - every other C0 control, DEL and every C1 control (U+0080–U+009F, which some terminals
///   obey like ESC-sequences) becomes `\u{…}`;
/// - so do the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the
///   line and paragraph separators, which can make text read differently from what it is.
///
/// The result never contains ESC or a control character, and escaping it again changes nothing.
public enum TerminalSafe {
  /// The longest value shown before it is cut with an ellipsis.
  public static let defaultLimit = 80

  /// `text` with every control character replaced by a visible escape.
  public static func escaped(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if let replacement = visibleEscape(scalar) {
        out.append(contentsOf: replacement.unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// `text` escaped, and cut to at most `limit` characters with `…` when longer.
  public static func cut(_ text: String, limit: Int = defaultLimit) -> String {
    let safe = escaped(text)
    guard safe.count > limit else { return safe }
    return String(safe.prefix(Swift.max(0, limit - 1))) + "…"
  }

  /// `text` escaped, cut, and put in double quotes, for naming a value in a message.
  public static func quoted(_ text: String, limit: Int = defaultLimit) -> String {
    "\"" + cut(text, limit: limit) + "\""
  }

  private static func visibleEscape(_ scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0x1B: return "\\e"
    case 0x09: return "\\t"
    case 0x0A: return "\\n"
    case 0x0D: return "\\r"
    case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
      return "\\u{" + String(scalar.value, radix: 16) + "}"
    default: return nil
    }
  }
}
