/// The bytes a terminal needs to go from one frame to the next (``CanvasDiff``): cursor moves
/// where the changed cells are not consecutive, SGR where the style changes, the characters.
///
/// What a scripted recording stores as its output (`o` events), so asciinema plays it as if a
/// terminal had been recorded. Colours are the theme's 24-bit RGB.
public enum AnsiScreen {
  /// The start of a screen: the alternate screen, the cursor hidden, cleared.
  public static let enter = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[0m\u{1B}[2J"
  /// The end: attributes reset, the cursor shown, the main screen back.
  public static let leave = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

  /// The output that turns `previous` (or a cleared screen) into `next`.
  public static func update(from previous: Canvas?, to next: Canvas, theme: Theme) -> String {
    let diff = CanvasDiff(from: previous, to: next)
    var out = diff.isFull ? "\u{1B}[0m\u{1B}[2J" : ""
    var cursor: (x: Int, y: Int)?
    var current: Style?
    for change in diff.changes {
      if cursor == nil || cursor! != (change.x, change.y) {
        out += "\u{1B}[\(change.y + 1);\(change.x + 1)H"
      }
      if change.cell.style != current {
        out += AnsiText.sequence(change.cell.style, theme: theme)
        current = change.cell.style
      }
      out.append(change.cell.character)
      cursor = (change.x + 1, change.y)
    }
    return out + (diff.changes.isEmpty ? "" : "\u{1B}[0m")
  }
}
