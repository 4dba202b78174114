/// What a cell means, which a theme turns into colours.
///
/// Widgets never pick colours: they say what a cell is, and the theme (or, under `NO_COLOR`,
/// the attributes alone) decides how it looks.
public enum Role: String, CaseIterable, Sendable {
  case text, dim, border, title, hotkey, accent, comparison, marker, target, selected
  case positive, negative, warning, barFill, barEmpty, axis, keyBar, overlay
  /// Five colours told apart from each other and from the background: the compare view's curves.
  case series1, series2, series3, series4, series5
}

/// A cell's role plus the attributes that carry meaning without colour.
public struct Style: Hashable, Sendable {
  public var role: Role
  public var bold = false
  public var reverse = false
  public var dim = false
  public var underline = false
  /// A step of the theme's colour ramp (``Theme/ramp``) for the foreground or the background,
  /// instead of the role's colour: the landscape's heatmap.
  public var rampForeground: UInt8?
  public var rampBackground: UInt8?

  public init(
    _ role: Role, bold: Bool = false, reverse: Bool = false, dim: Bool = false,
    underline: Bool = false
  ) {
    self.role = role
    self.bold = bold
    self.reverse = reverse
    self.dim = dim
    self.underline = underline
  }

  /// A heatmap cell: the upper half in one step of the ramp (the `▀` glyph's foreground) and the
  /// lower half in another (its background).
  public static func ramp(top: Int, bottom: Int) -> Style {
    var style = Style(.text)
    style.rampForeground = UInt8(clamping: top)
    style.rampBackground = UInt8(clamping: bottom)
    return style
  }

  public static let text = Style(.text)
  public static let dim = Style(.dim, dim: true)
  public static let border = Style(.border)
  public static let title = Style(.title, bold: true)
  public static let hotkey = Style(.hotkey, bold: true)
}

/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
  public var character: Character
  public var style: Style

  public init(_ character: Character, _ style: Style = .text) {
    self.character = character
    self.style = style
  }

  public static let blank = Cell(" ")
}

/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The rectangle shrunk by `margin` cells on every side.
  public func inset(_ margin: Int) -> Rect {
    Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
  }

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width <= 0 || height <= 0 }

  /// Splits off `width` columns on the left; returns (left, rest).
  public func splitColumns(_ left: Int) -> (Rect, Rect) {
    let w = min(max(0, left), width)
    return (
      Rect(x: x, y: y, width: w, height: height),
      Rect(x: x + w, y: y, width: width - w, height: height)
    )
  }

  /// Splits off `height` rows at the top; returns (top, rest).
  public func splitRows(_ top: Int) -> (Rect, Rect) {
    let h = min(max(0, top), height)
    return (
      Rect(x: x, y: y, width: width, height: h),
      Rect(x: x, y: y + h, width: width, height: height - h)
    )
  }
}
