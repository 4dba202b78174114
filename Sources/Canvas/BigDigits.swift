/// Numbers drawn large, three cells wide and five tall per digit (like a clock), so the loss
/// reads from the back of a room.
public enum BigDigits {
  /// Rows of each glyph, `#` for a filled cell.
  static let glyphs: [Character: [String]] = [
    "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
    "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", "###", "  #", "###"],
    "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
    "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", "  #", "  #", "  #"],
    "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
    ".": ["   ", "   ", "   ", "   ", " # "], "-": ["   ", "   ", "###", "   ", "   "],
    "+": ["   ", " # ", "###", " # ", "   "],
    "n": ["   ", "   ", "## ", "# #", "# #"], "a": ["   ", "## ", "  #", "###", "###"],
    "i": [" # ", "   ", " # ", " # ", " # "], "f": [" ##", " # ", "###", " # ", " # "],
  ]

  /// The height of a line of big digits.
  public static let height = 5

  /// The width of `text` drawn big (a column between glyphs), at a scale.
  public static func width(_ text: String, scale: Int = 1) -> Int {
    max(0, text.count * 4 * scale - scale)
  }

  /// Draws `text` big with its top-left cell at `(x, y)`, each glyph cell `scale × scale` cells;
  /// characters without a glyph are skipped.
  public static func draw(
    _ text: String, x: Int, y: Int, scale: Int = 1, style: Style, clip: Rect, symbols: SymbolSet,
    on canvas: inout Canvas
  ) {
    let fill: Character = symbols == .ascii ? "#" : "█"
    var column = x
    for character in text {
      for (dy, row) in (glyphs[character] ?? []).enumerated() {
        for (dx, cell) in row.enumerated() where cell == "#" {
          for sy in 0..<scale {
            for sx in 0..<scale {
              canvas.put(
                fill, x: column + dx * scale + sx, y: y + dy * scale + sy, style: style, clip: clip)
            }
          }
        }
      }
      column += 4 * scale
    }
  }
}
