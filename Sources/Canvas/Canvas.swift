// The Canvas module: cells, styles and themes, the grid every frame is drawn into, the diff
// between two grids and the ANSI encoders that send one to a terminal (AnsiScreen, AnsiText),
// with the braille dots (DotGrid), big digits and the ASCII folding a plain terminal needs. It
// knows no model type: the dashboard draws into a Canvas, the terminal backends and the exports
// read one, and nothing here knows what a loss or a key is.

/// A grid of styled cells that widgets draw into and the terminal front end copies to the screen.
///
/// Every write is clipped to the grid, so no widget can draw outside the frame.
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Whether everything written is folded to plain ASCII (``AsciiFold``).
  public var asciiOnly = false
  /// Whether cells are kept. A measuring canvas (``init(measuringWidth:height:)``) keeps none, so
  /// laying a frame out (where a click lands) costs the layout, not the cells.
  public let isDrawing: Bool

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
    isDrawing = true
  }

  /// A canvas that stores nothing: no cell is kept (reading one gives a blank), and widgets skip
  /// what only draws (the landscape's pixels, the curves' dots). Drawing on it lays a frame out.
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
    // Laying out only: where the text ends is all that is needed.
    guard isDrawing else { return x + (asciiOnly ? AsciiFold.fold(string) : string).count }
    var column = x
    for character in asciiOnly ? AsciiFold.fold(string) : string {
      put(character, x: column, y: y, style: style, clip: clip)
      column += 1
    }
    return column
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
    if let text = shownTitle(title, width: rect.width) {
      var column = rect.x + 3
      var highlighted = false
      for character in text {
        let isHotkey = !highlighted && character == hotkey
        if isHotkey { highlighted = true }
        put(character, x: column, y: rect.y, style: isHotkey ? .hotkey : .title)
        column += 1
      }
      put(" ", x: column, y: rect.y, style: .border)
      put(" ", x: rect.x + 2, y: rect.y, style: .border)
    }
    return rect.inset(1)
  }

  /// Where a box's title shows the part around its hotkey (`g descends` in
  /// `landscape · g descends`): the span between the `·` separators, as ``box(_:title:hotkey:symbols:)``
  /// draws it in the top border of `rect`. `nil` where the title shows no hotkey.
  public func hotkeySpan(_ rect: Rect, title: String, hotkey: Character) -> Rect? {
    guard rect.width >= 2, rect.height >= 2, let text = shownTitle(title, width: rect.width)
    else { return nil }
    let characters = Array(text)
    guard let offset = characters.firstIndex(of: hotkey) else { return nil }
    var start = offset, end = offset + 1
    // The separator as shown: `·`, or `*` where the title is folded to ASCII.
    let separator: Character = asciiOnly ? "*" : "·"
    while start > 0, characters[start - 1] != separator { start -= 1 }
    while end < characters.count, characters[end] != separator { end += 1 }
    while start < offset, characters[start] == " " { start += 1 }
    while end > offset + 1, characters[end - 1] == " " { end -= 1 }
    return Rect(x: rect.x + 3 + start, y: rect.y, width: end - start, height: 1)
  }

  /// A box title as its top border shows it: folded where the canvas is ASCII, cut at a word
  /// with an ellipsis where it is too long; `nil` where none shows.
  private func shownTitle(_ title: String, width: Int) -> String? {
    let shown = asciiOnly ? AsciiFold.fold(title) : title
    let room = width - 6
    guard !shown.isEmpty, room > 0 else { return nil }
    guard shown.count > room else { return shown }
    let cut = String(shown.prefix(room - 1))
    return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? cut) + (asciiOnly ? "." : "…")
  }

  /// The canvas as lines of plain text, trailing spaces kept so every line is `width` wide.
  public var lines: [String] {
    guard isDrawing else { return Array(repeating: "", count: height) }
    return (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
  }

  /// The canvas as one string, lines joined with newlines.
  public var plainText: String { lines.joined(separator: "\n") }
}
