/// A canvas as text with ANSI escape codes: 24-bit colours from a theme plus the attributes.
public enum AnsiText {
  /// Renders every line, resetting attributes at each line's end.
  public static func render(_ canvas: Canvas, theme: Theme) -> String {
    var out = ""
    for y in 0..<canvas.height {
      var current: Style?
      for x in 0..<canvas.width {
        let cell = canvas[x, y]
        if cell.style != current {
          out += sequence(cell.style, theme: theme)
          current = cell.style
        }
        out.append(cell.character)
      }
      out += "\u{1B}[0m"
      if y < canvas.height - 1 { out += "\n" }
    }
    return out
  }

  /// The escape sequence that selects a style.
  static func sequence(_ style: Style, theme: Theme) -> String {
    var codes = ["0"]
    if style.bold { codes.append("1") }
    if style.underline { codes.append("4") }
    if style.reverse { codes.append("7") }
    if let fg = code(theme.foreground(of: style), base: 38) { codes.append(fg) }
    if let bg = code(theme.background(of: style), base: 48) { codes.append(bg) }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  private static func code(_ color: Color, base: Int) -> String? {
    switch color {
    case .terminalDefault: nil
    case .indexed(let index): "\(base);5;\(index)"
    case .rgb(let r, let g, let b): "\(base);2;\(r);\(g);\(b)"
    }
  }
}
