/// A plotting surface with more dots than cells: 2×4 per cell in braille, 1×2 in blocks, 1×1
/// in ASCII.
///
/// Braille cells are `0x2800 | bits`, the left column's dots worth 0x01, 0x02, 0x04, 0x40 from
/// the top and the right column's 0x08, 0x10, 0x20, 0x80.
public struct DotGrid: Sendable {
  public let columns: Int
  public let rows: Int
  public let symbols: SymbolSet
  /// Dots per cell horizontally and vertically.
  public let dotsPerCell: (x: Int, y: Int)
  private var bits: [UInt8]
  private var styles: [Style?]
  /// The character each cell shows in ASCII, where a dot is a whole cell.
  private var marks: [Character]

  public init(columns: Int, rows: Int, symbols: SymbolSet) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    self.symbols = symbols
    switch symbols {
    case .braille: dotsPerCell = (2, 4)
    case .block: dotsPerCell = (1, 2)
    case .ascii: dotsPerCell = (1, 1)
    }
    // Allocated by the first dot: a plot laid out only to find where a click lands never
    // draws one.
    bits = []
    styles = []
    marks = []
  }

  /// Width and height in dots.
  public var dotWidth: Int { columns * dotsPerCell.x }
  public var dotHeight: Int { rows * dotsPerCell.y }

  /// Sets the dot at `(x, y)` (origin top left), ignoring dots outside the grid. A later style
  /// wins over an earlier one in the same cell, and so does its `mark`, the character the cell
  /// shows in ASCII (so curves differ there by more than colour).
  public mutating func set(_ x: Int, _ y: Int, style: Style, mark: Character = "*") {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    if bits.isEmpty {
      bits = Array(repeating: 0, count: columns * rows)
      styles = Array(repeating: nil, count: columns * rows)
      marks = Array(repeating: "*", count: columns * rows)
    }
    let cell = (y / dotsPerCell.y) * columns + x / dotsPerCell.x
    let dx = x % dotsPerCell.x, dy = y % dotsPerCell.y
    switch symbols {
    case .braille:
      let table: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
      bits[cell] |= table[dx][dy]
    case .block:
      bits[cell] |= dy == 0 ? 1 : 2
    case .ascii:
      bits[cell] = 1
    }
    styles[cell] = style
    marks[cell] = mark
  }

  /// Draws a straight line of dots between two points.
  public mutating func line(
    from a: (Int, Int), to b: (Int, Int), style: Style, mark: Character = "*"
  ) {
    let steps = max(abs(b.0 - a.0), abs(b.1 - a.1), 1)
    for i in 0...steps {
      let t = Double(i) / Double(steps)
      set(
        cellCoordinate(Double(a.0) + t * Double(b.0 - a.0)),
        cellCoordinate(Double(a.1) + t * Double(b.1 - a.1)), style: style, mark: mark)
    }
  }

  /// The cells with any dot set, as `row × columns + column`.
  public var occupiedCells: Set<Int> { Set(bits.indices.filter { bits[$0] != 0 }) }

  /// Copies the dots into a canvas with their top-left cell at `(x, y)`.
  public func draw(into canvas: inout Canvas, x: Int, y: Int, clip: Rect? = nil) {
    guard !bits.isEmpty else { return }
    for row in 0..<rows {
      for column in 0..<columns {
        let index = row * columns + column
        guard bits[index] != 0, let style = styles[index] else { continue }
        let character: Character
        switch symbols {
        case .braille: character = Character(Unicode.Scalar(0x2800 + UInt32(bits[index]))!)
        case .block: character = bits[index] == 3 ? "█" : (bits[index] == 1 ? "▀" : "▄")
        case .ascii: character = marks[index]
        }
        canvas.put(character, x: x + column, y: y + row, style: style, clip: clip)
      }
    }
  }
}
