import Canvas
import Pixels

/// A plot drawn in real pixels: the cells it covers (left blank in the frame, reserved for the
/// image) and its picture. A front end that can show images (kitty graphics, sixel) places the
/// picture over the cells; everything else in the frame stays text.
public struct PlotImage: Equatable, Sendable {
  public var rect: Rect
  public var picture: Picture

  public init(rect: Rect, picture: Picture) {
    self.rect = rect
    self.picture = picture
  }
}

/// What a frame needs to draw its plots in pixels: the size of a cell in pixels and the
/// theme's colours as RGB (the front end resolves them, as it does for cells).
public struct PixelOptions: Equatable, Sendable {
  /// A cell's size in pixels (kitty and xterm report it: `CSI 16 t`).
  public var cellWidth: Int
  public var cellHeight: Int
  /// Each role's colour, the background painted under everything, and the landscape's ramp.
  public var colors: [Role: RGB]
  public var background: RGB
  public var ramp: [RGB]

  public init(
    cellWidth: Int, cellHeight: Int, colors: [Role: RGB], background: RGB, ramp: [RGB]
  ) {
    self.cellWidth = max(1, cellWidth)
    self.cellHeight = max(1, cellHeight)
    self.colors = colors
    self.background = background
    self.ramp = ramp.isEmpty ? [background] : ramp
  }

  /// A role's colour (the text colour where the theme has none).
  public func color(_ role: Role) -> RGB { colors[role] ?? colors[.text] ?? RGB(229, 229, 229) }

  /// A theme's colours as RGB: `#rrggbb` as it is, a palette index as xterm draws it, the
  /// terminal's own colour as black or white on a dark or light terminal.
  public init(theme: Theme, cellWidth: Int, cellHeight: Int, light: Bool = false) {
    func rgb(_ color: Color, fallback: RGB) -> RGB {
      switch color {
      case .rgb(let r, let g, let b): return RGB(r, g, b)
      case .terminalDefault: return fallback
      case .indexed(let index): return PixelOptions.xterm(index)
      }
    }
    let paper = light ? RGB(255, 255, 255) : RGB(0, 0, 0)
    let ink = light ? RGB(0, 0, 0) : RGB(229, 229, 229)
    var colors: [Role: RGB] = [:]
    for role in Role.allCases { colors[role] = rgb(theme.foreground(role), fallback: ink) }
    self.init(
      cellWidth: cellWidth, cellHeight: cellHeight, colors: colors,
      background: rgb(theme.canvas, fallback: paper),
      ramp: theme.ramp.map { rgb($0, fallback: ink) })
  }

  /// xterm's colour for a palette index: the 16 basic colours, the 6×6×6 cube, the greys.
  static func xterm(_ index: UInt8) -> RGB {
    let basic: [(UInt8, UInt8, UInt8)] = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
      (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
      (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    switch index {
    case 0..<16:
      let c = basic[Int(index)]
      return RGB(c.0, c.1, c.2)
    case 16...231:
      let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
      let i = Int(index) - 16
      return RGB(levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    default:
      let v = UInt8(8 + (Int(index) - 232) * 10)
      return RGB(v, v, v)
    }
  }
}

/// The images a frame's plots registered, in drawing order. One per frame.
final class ImageList {
  var images: [PlotImage] = []
}
