import Dashboard
import Canvas

/// A theme's colours as SVG and CSS write them (`#rrggbb`), for the cells of a canvas.
///
/// Exports are pictures, not terminals: every colour is the theme's own RGB (the terminal's
/// colour ladder does not apply). A theme that keeps the terminal's colours (monochrome) is drawn
/// black on white, as on paper.
struct SVGPalette {
  let theme: Theme
  /// The colour painted under everything (a cell of this background is not drawn).
  let canvas: String
  /// The theme's own canvas colour: the background of a cell with none of its own.
  let ownCanvas: String

  /// The palette of a theme.
  ///
  /// - Parameters:
  ///   - theme: The colours.
  ///   - canvas: What is painted under the picture, when it is another theme's (a film whose
  ///     frames change theme is painted in its first one's; the others draw their own canvas).
  init(theme: Theme, under canvas: String? = nil) {
    self.theme = theme
    ownCanvas = SVGPalette.hex(theme.canvas) ?? "#ffffff"
    self.canvas = canvas ?? ownCanvas
  }

  /// A cell's foreground and background, reversal applied.
  func colours(_ style: Style) -> (foreground: String, background: String) {
    let fg =
      hex(theme.foreground(of: style)) ?? (theme.canvas == .terminalDefault ? "#000000" : "#d8dee9")
    let bg = hex(theme.background(of: style)) ?? ownCanvas
    return style.reverse ? (bg, fg) : (fg, bg)
  }

  /// `#rrggbb` for a colour, or `nil` for the terminal's own.
  func hex(_ color: Color) -> String? { SVGPalette.hex(color) }

  static func hex(_ color: Color) -> String? {
    switch color {
    case .terminalDefault: return nil
    case .rgb(let r, let g, let b):
      return "#" + SVGPalette.twoDigits(r) + SVGPalette.twoDigits(g) + SVGPalette.twoDigits(b)
    case .indexed(let index):
      let (r, g, b) = SVGPalette.xtermRGB(index)
      return "#" + SVGPalette.twoDigits(r) + SVGPalette.twoDigits(g) + SVGPalette.twoDigits(b)
    }
  }

  static func twoDigits(_ byte: UInt8) -> String { byteDigits[Int(byte)] }

  /// `00` … `ff`, made once: an export asks for a colour per cell of every frame.
  private static let byteDigits: [String] = (0..<256).map {
    let digits = Array("0123456789abcdef")
    return String([digits[$0 >> 4], digits[$0 & 15]])
  }

  /// xterm's colour for a palette index: the 16 basic colours, the 6×6×6 cube, the greys.
  static func xtermRGB(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
    let basic: [(UInt8, UInt8, UInt8)] = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
      (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
      (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    if index < 16 { return basic[Int(index)] }
    if index >= 232 {
      let level = UInt8(8 + 10 * Int(index - 232))
      return (level, level, level)
    }
    let cube = Int(index) - 16
    let steps: [UInt8] = [0, 95, 135, 175, 215, 255]
    return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
  }
}
