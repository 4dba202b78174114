/// A grid of styled cells that widgets draw into and the terminal front end copies to the screen.
///
/// Every write is clipped to the grid, so no widget can draw outside the frame.
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Whether everything written is folded to plain ASCII (``AsciiFold``).
  public var asciiOnly = false
  /// What the mouse can touch, in the order drawn: a later region wins where they overlap.
  public private(set) var regions: [HitRegion] = []

  /// Whether cells are kept. A measuring canvas (``init(measuringWidth:height:)``) keeps only
  /// the regions, so finding what a click touches costs the layout, not the cells.
  public let isDrawing: Bool

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
    isDrawing = true
  }

  /// A canvas that records where the widgets put their hit regions and nothing else: no cell is
  /// stored (reading one gives a blank), and widgets skip what only draws (the landscape's
  /// pixels, the curves' dots).
  public init(measuringWidth width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = []
    isDrawing = false
  }

  /// The whole canvas as a rectangle.
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { isDrawing ? cells[y * width + x] : .blank }
    set {
      guard isDrawing, x >= 0, y >= 0, x < width, y < height else { return }
      cells[y * width + x] = newValue
    }
  }

  /// Writes one character if it lies inside both the canvas and `clip`.
  public mutating func put(
    _ character: Character, x: Int, y: Int, style: Style = .text, clip: Rect? = nil
  ) {
    guard isDrawing else { return }
    if let clip, x < clip.x || y < clip.y || x >= clip.maxX || y >= clip.maxY { return }
    self[x, y] = Cell(asciiOnly ? AsciiFold.foldCharacter(character) : character, style)
  }

  /// Writes text left to right from `(x, y)`, clipped; returns the column after the last character.
  @discardableResult
  public mutating func text(
    _ string: String, x: Int, y: Int, style: Style = .text, clip: Rect? = nil
  ) -> Int {
    var column = x
    for character in asciiOnly ? AsciiFold.fold(string) : string {
      put(character, x: column, y: y, style: style, clip: clip)
      column += 1
    }
    return column
  }

  /// Registers what a rectangle stands for when the mouse touches it (clipped to the canvas).
  public mutating func region(_ rect: Rect, _ target: HitTarget) {
    guard !rect.isEmpty else { return }
    regions.append(HitRegion(rect, target))
  }

  /// The region on top at a cell, if any.
  public func target(column: Int, row: Int) -> HitRegion? {
    regions.last { $0.contains(column: column, row: row) }
  }

  /// Fills a rectangle with one cell.
  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    guard isDrawing else { return }
    for y in rect.y..<rect.maxY {
      for x in rect.x..<rect.maxX { self[x, y] = cell }
    }
  }

  /// Draws a box with `┌┐└┘`, its title set into the top border as `┌─ title ────┐` and the
  /// title's hotkey letter in the hotkey colour (btop's convention, without an underline that
  /// would read as a typo). Returns the inside of the box.
  ///
  /// - Parameters:
  ///   - rect: The outer rectangle.
  ///   - title: Shown in the top border, cut to fit.
  ///   - hotkey: A character of the title to highlight, if any.
  ///   - symbols: Box characters (Unicode or ASCII).
  /// - Returns: The inside of the box (empty when the rectangle is too small for one).
  @discardableResult
  public mutating func box(
    _ rect: Rect, title: String = "", hotkey: Character? = nil, symbols: SymbolSet = .braille
  ) -> Rect {
    guard rect.width >= 2, rect.height >= 2 else {
      return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
    }
    let b = symbols.box
    for x in (rect.x + 1)..<(rect.maxX - 1) {
      put(b.horizontal, x: x, y: rect.y, style: .border)
      put(b.horizontal, x: x, y: rect.maxY - 1, style: .border)
    }
    for y in (rect.y + 1)..<(rect.maxY - 1) {
      put(b.vertical, x: rect.x, y: y, style: .border)
      put(b.vertical, x: rect.maxX - 1, y: y, style: .border)
    }
    put(b.topLeft, x: rect.x, y: rect.y, style: .border)
    put(b.topRight, x: rect.maxX - 1, y: rect.y, style: .border)
    put(b.bottomLeft, x: rect.x, y: rect.maxY - 1, style: .border)
    put(b.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: .border)
    let shown = asciiOnly ? AsciiFold.fold(title) : title
    let room = rect.width - 6
    if !shown.isEmpty, room > 0 {
      // Cut at a word where possible, with an ellipsis.
      var text = shown
      if text.count > room {
        let cut = String(text.prefix(room - 1))
        text = (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? cut) + (asciiOnly ? "." : "…")
      }
      var column = rect.x + 3
      var highlighted = false
      for character in text {
        let isHotkey = !highlighted && character == hotkey
        if isHotkey { highlighted = true }
        put(character, x: column, y: rect.y, style: isHotkey ? .hotkey : .title)
        column += 1
      }
      // The part of the title around the hotkey (`g descends`) presses it when clicked.
      if let hotkey, let key = Key(name: String(hotkey)),
        let offset = Array(text).firstIndex(of: hotkey)
      {
        let characters = Array(text)
        var start = offset, end = offset + 1
        while start > 0, characters[start - 1] != "·" { start -= 1 }
        while end < characters.count, characters[end] != "·" { end += 1 }
        while start < offset, characters[start] == " " { start += 1 }
        while end > offset + 1, characters[end - 1] == " " { end -= 1 }
        region(Rect(x: rect.x + 3 + start, y: rect.y, width: end - start, height: 1), .key(key))
      }
      put(" ", x: column, y: rect.y, style: .border)
      put(" ", x: rect.x + 2, y: rect.y, style: .border)
    }
    return rect.inset(1)
  }

  /// The canvas as lines of plain text, trailing spaces kept so every line is `width` wide.
  public var lines: [String] {
    guard isDrawing else { return Array(repeating: "", count: height) }
    return (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
  }

  /// The canvas as one string, lines joined with newlines.
  public var plainText: String { lines.joined(separator: "\n") }
}
