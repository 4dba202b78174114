import Dashboard
import Canvas

/// Whether the terminal's own background is dark or light: what a theme that keeps it
/// (`background = "default"`) is drawn against, from `--background`.
public enum Appearance: String, Sendable, CaseIterable {
  case dark, light

  /// Black or white.
  public var rgb: (UInt8, UInt8, UInt8) { self == .dark ? (0, 0, 0) : (255, 255, 255) }
}

/// A role's colours at a colour level, as ncurses colour numbers, always readable: the
/// foreground clears the role's contrast bar (``Contrast/minimum(for:)``, WCAG's 4.5:1 for text,
/// 3:1 for marks) against the background it is drawn on.
///
/// Mapping down the ladder can lose contrast: at 16 colours Nord's dark grey and its background
/// are both black, at 8 colours every grey is black or white, and a basic colour can be too
/// dark (blue or red on black). Where the nearest colour of the level falls short, the
/// foreground becomes the level's colour nearest the intended one that clears the bar (at
/// truecolor, the intended colour lightened or darkened until it does). Faint is a lighter
/// colour that still passes, never the terminal's dim attribute.
///
/// At 8 and 16 colours xterm draws bold text in the bright variant of colours 0–7; on a light
/// background that variant (grey for black) can fall below the bar, so there ``boldAllowed`` is
/// false and the backend leaves bold out.
public struct ColorPair: Equatable, Sendable {
  public var foreground: Int32
  public var background: Int32
  /// Whether bold may be drawn: false where the terminal's bold-as-bright would show the
  /// foreground below the bar.
  public var boldAllowed: Bool

  /// Resolves a theme's role at a level.
  ///
  /// - Parameters:
  ///   - theme: The theme.
  ///   - role: The role.
  ///   - level: The terminal's colour level (not `.none`).
  ///   - appearance: The terminal's own background, for a theme that keeps it.
  public init(theme: Theme, role: Role, level: ColorLevel, appearance: Appearance = .dark) {
    let fgColor = theme.foreground(role), bgColor = theme.background(role)
    let bg = ColorLadder.terminalColor(bgColor, level: level)
    let backdrop = ColorPair.rgb(bg, level: level) ?? appearance.rgb
    let required = Contrast.minimum(for: role)
    background = bg
    guard fgColor != .terminalDefault else {
      // The terminal's own foreground on its own (or the theme's) background.
      foreground = -1
      boldAllowed = true
      return
    }
    var preferred = ColorLadder.terminalColor(fgColor, level: level)
    // The five series must stay five colours: nearest-colour mapping turns pastels all white at
    // 8 and 16 colours, so there they start from the basic cyan, yellow, green, red, magenta.
    if level <= .ansi16, let series = ColorPair.seriesRoles.firstIndex(of: role) {
      preferred = [6, 3, 2, 1, 5][series]
    }
    let intended =
      ColorPair.rgb(ColorLadder.terminalColor(fgColor, level: .truecolor), level: .truecolor)
      ?? Contrast.defaultForeground(appearance)
    let fg = ColorPair.readable(
      preferred, intended: intended, on: backdrop, level: level, minimum: required)
    foreground = fg
    boldAllowed = ColorPair.boldKeepsContrast(fg, on: backdrop, level: level, minimum: required)
  }

  /// The RGB a foreground shows as: its colour number's, or the terminal's own text colour.
  public static func shown(_ number: Int32, level: ColorLevel, appearance: Appearance)
    -> Contrast.RGB
  {
    rgb(number, level: level) ?? Contrast.defaultForeground(appearance)
  }

  /// `preferred` where it clears `minimum` on `backdrop`, else the level's colour nearest
  /// `intended` that does (black or white where nothing nearer does).
  static func readable(
    _ preferred: Int32, intended: Contrast.RGB, on backdrop: Contrast.RGB, level: ColorLevel,
    minimum: Double
  ) -> Int32 {
    // A grey stays a grey: nearest-colour mapping can turn a mid grey cyan at 8 colours.
    if let seen = rgb(preferred, level: level), Contrast.ratio(seen, backdrop) >= minimum,
      !isGrey(intended) || isGrey(seen)
    {
      return preferred
    }
    if level == .truecolor {
      // The intended colour moved towards white (on a dark backdrop) or black, in 2% steps.
      let dark = Contrast.luminance(backdrop) < 0.18
      for step in 1...50 {
        let t = Double(step) / 50
        func moved(_ v: UInt8) -> UInt8 {
          UInt8((dark ? Double(v) + (255 - Double(v)) * t : Double(v) * (1 - t)).rounded())
        }
        let candidate = (moved(intended.0), moved(intended.1), moved(intended.2))
        if Contrast.ratio(candidate, backdrop) >= minimum {
          return Int32(candidate.0) << 16 | Int32(candidate.1) << 8 | Int32(candidate.2)
        }
      }
      return standingOut(on: backdrop, level: level)
    }
    // The palette's fixed part: the 16 basic colours vary between terminals, so at 256 only
    // the cube and the greys are searched.
    let candidates: ClosedRange<Int32> =
      switch level {
      case .ansi8: 0...7
      case .ansi16: 0...15
      default: 16...255
      }
    var passing = candidates.filter { number in
      guard let seen = rgb(number, level: level) else { return false }
      return Contrast.ratio(seen, backdrop) >= minimum
    }
    // A grey stays a grey (a border must not turn cyan), where a grey passes.
    let greys = passing.filter { isGrey(rgb($0, level: level)!) }
    if isGrey(intended), !greys.isEmpty { passing = greys }
    return passing.min { a, b in
      distance(rgb(a, level: level)!, intended) < distance(rgb(b, level: level)!, intended)
    } ?? standingOut(on: backdrop, level: level)
  }

  /// Whether a colour is (nearly) without hue.
  static func isGrey(_ c: Contrast.RGB) -> Bool {
    Int(max(c.0, c.1, c.2)) - Int(min(c.0, c.1, c.2)) <= 32
  }

  /// Whether bold leaves a foreground above the bar: at 8 and 16 colours xterm shows colours
  /// 0–7 in bold as 8–15.
  static func boldKeepsContrast(
    _ number: Int32, on backdrop: Contrast.RGB, level: ColorLevel, minimum: Double
  ) -> Bool {
    guard level <= .ansi16, (0...7).contains(number), let bright = rgb(number + 8, level: level)
    else { return true }
    return Contrast.ratio(bright, backdrop) >= minimum
  }

  /// A perceptual distance between colours ("redmean": red and blue weighted by how red the
  /// pair is).
  static func distance(_ a: Contrast.RGB, _ b: Contrast.RGB) -> Double {
    let mean = (Double(a.0) + Double(b.0)) / 2
    let dr = Double(a.0) - Double(b.0), dg = Double(a.1) - Double(b.1)
    let db = Double(a.2) - Double(b.2)
    return (2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db
  }

  /// The colour number that stands out most from a backdrop at a level: white on a dark one,
  /// black on a light one (at 8 colours white is 7).
  static func standingOut(on backdrop: (UInt8, UInt8, UInt8), level: ColorLevel) -> Int32 {
    let white: Int32 = level == .truecolor ? 0xFFFFFF : (level == .ansi8 ? 7 : 15)
    let whiteRGB = rgb(white, level: level) ?? (255, 255, 255)
    return Contrast.ratio(whiteRGB, backdrop) >= Contrast.ratio((0, 0, 0), backdrop) ? white : 0
  }

  static let seriesRoles: [Role] = [.series1, .series2, .series3, .series4, .series5]

  /// A colour number's RGB at a level, or `nil` for the terminal's default.
  public static func rgb(_ number: Int32, level: ColorLevel) -> (UInt8, UInt8, UInt8)? {
    guard number >= 0 else { return nil }
    // Direct-colour numbers are 0xRRGGBB.
    if level == .truecolor {
      return (UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF))
    }
    return ColorLadder.rgb(of: UInt8(truncatingIfNeeded: number))
  }
}
