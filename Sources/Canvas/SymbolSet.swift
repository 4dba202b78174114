/// The glyphs graphics are drawn with: braille, block elements, or plain ASCII for terminals
/// without Unicode (btop's `graph_symbol`).
public enum SymbolSet: String, CaseIterable, Sendable {
  case braille, block, ascii

  /// Box-drawing characters.
  public struct Box: Sendable {
    let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
  }

  public var box: Box {
    switch self {
    case .ascii:
      Box(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+")
    default:
      Box(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘")
    }
  }

  /// Eighths of a cell for horizontal bars, from empty to full.
  public var barEighths: [Character] {
    switch self {
    case .ascii: [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
    default: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    }
  }

  /// Eight heights for sparklines, lowest first.
  public var sparks: [Character] {
    switch self {
    case .ascii: ["_", "_", ".", ".", "-", "-", "^", "^"]
    default: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    }
  }

  /// The marker for a target class.
  public var targetGlyph: Character { self == .ascii ? "*" : "◆" }
  /// The marker for the selected row.
  public var selectionGlyph: Character { self == .ascii ? ">" : "▶" }
  /// Arrows for negative and positive gradient bars.
  public var arrows: (left: Character, right: Character) {
    self == .ascii ? ("<", ">") : ("◀", "▶")
  }
  /// The axis and reference-line glyphs.
  public var verticalLine: Character { self == .ascii ? "|" : "│" }
  public var horizontalLine: Character { self == .ascii ? "-" : "─" }
  public var axisCorner: Character { self == .ascii ? "+" : "└" }
}
