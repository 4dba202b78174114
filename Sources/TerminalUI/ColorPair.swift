import Dashboard
import Canvas

/// Whether the terminal's own background is dark or light: what a theme that keeps it
/// (`background = "default"`) is drawn against, from `--background`.
public enum Appearance: String, Sendable, CaseIterable {
  case dark, light

  /// Black or white.
  var rgb: (UInt8, UInt8, UInt8) { self == .dark ? (0, 0, 0) : (255, 255, 255) }
}

/// A role's colours at a colour level, as ncurses colour numbers, never drawing text in its own
/// background colour.
///
/// Mapping down the ladder can merge colours: at 16 colours Nord's dark grey (`bar_empty`) and
/// its background are both black, at 8 colours every grey is black or white. When the
/// foreground would equal the background, it becomes the colour of the level that stands out
/// most from that background (white or black, with `dim` for a colour that was meant to be
/// faint), so nothing ever disappears.
public struct ColorPair: Equatable, Sendable {
  public var foreground: Int32
  public var background: Int32
  /// Attributes the level needs to keep the meaning (dim for faint roles drawn in white).
  public var dim: Bool

  /// Resolves a theme's role at a level.
  ///
  /// - Parameters:
  ///   - theme: The theme.
  ///   - role: The role.
  ///   - level: The terminal's colour level (not `.none`).
  ///   - appearance: The terminal's own background, for a theme that keeps it.
  public init(theme: Theme, role: Role, level: ColorLevel, appearance: Appearance = .dark) {
    let fgColor = theme.foreground(role), bgColor = theme.background(role)
    var fg = ColorLadder.terminalColor(fgColor, level: level)
    let bg = ColorLadder.terminalColor(bgColor, level: level)
    // The five series must stay five colours: nearest-colour mapping turns pastels all white at 8
    // and 16 colours, so there they are the basic cyan, yellow, green, red and magenta.
    if level <= .ansi16, fgColor != .terminalDefault,
      let series = ColorPair.seriesRoles.firstIndex(of: role)
    {
      fg = [6, 3, 2, 1, 5][series]
    }
    dim = false
    // What the background looks like, and what the foreground will look like.
    let backdrop = ColorPair.rgb(bg, level: level) ?? appearance.rgb
    let ink = ColorPair.rgb(fg, level: level) ?? (appearance == .dark ? (229, 229, 229) : (0, 0, 0))
    // At 8 and 16 colours a basic colour can also be too close in brightness to read (yellow on
    // white, blue on black).
    let unreadable =
      level <= .ansi16 && abs(ColorPair.luminance(ink) - ColorPair.luminance(backdrop)) < 60
    // Any difference will do otherwise: a theme's deliberately faint colours (empty bar cells)
    // stay as faint as it made them.
    if ColorPair.contrast(ink, backdrop) == 0 || unreadable {
      fg = ColorPair.standingOut(on: backdrop, level: level)
      // A colour meant to be faint stays faint, by attribute.
      if let intended = ColorPair.rgb(
        ColorLadder.terminalColor(fgColor, level: .truecolor), level: .truecolor)
      {
        dim = ColorPair.contrast(intended, backdrop) < 160
      }
    }
    foreground = fg
    background = bg
  }

  /// The colour number that stands out most from a backdrop at a level: bright white on a dark
  /// one, black on a light one (at 8 colours white is 7).
  static func standingOut(on backdrop: (UInt8, UInt8, UInt8), level: ColorLevel) -> Int32 {
    let dark = luminance(backdrop) < 128
    if level == .truecolor { return dark ? 0xFFFFFF : 0 }
    return dark ? (level == .ansi8 ? 7 : 15) : 0
  }

  static let seriesRoles: [Role] = [.series1, .series2, .series3, .series4, .series5]

  /// A colour number's RGB at a level, or `nil` for the terminal's default.
  static func rgb(_ number: Int32, level: ColorLevel) -> (UInt8, UInt8, UInt8)? {
    guard number >= 0 else { return nil }
    // Direct-colour numbers are 0xRRGGBB.
    if level == .truecolor {
      return (UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF))
    }
    return ColorLadder.rgb(of: UInt8(number))
  }

  /// A rough distance between colours (the largest channel difference).
  static func contrast(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
    max(abs(Int(a.0) - Int(b.0)), abs(Int(a.1) - Int(b.1)), abs(Int(a.2) - Int(b.2)))
  }

  static func luminance(_ c: (UInt8, UInt8, UInt8)) -> Int {
    (299 * Int(c.0) + 587 * Int(c.1) + 114 * Int(c.2)) / 1000
  }
}
