/// A colour: the terminal's own, an ANSI palette index, or 24-bit RGB.
public enum Color: Hashable, Sendable {
  case terminalDefault
  case indexed(UInt8)
  case rgb(UInt8, UInt8, UInt8)
}

/// Colours for every ``Role``, and the background the theme paints under everything.
///
/// A theme owns its background (btop's `main_bg`): every cell is painted with it, so a theme
/// looks the same on a black and on a white terminal. `canvas` ``Color/terminalDefault`` keeps
/// the terminal's own background instead (the monochrome theme, and user themes that say so).
public struct Theme: Sendable, Equatable {
  public var name: String
  public var foreground: [Role: Color]
  public var background: [Role: Color]
  /// The background of every cell whose role has none of its own.
  public var canvas: Color
  /// A perceptually even colour ramp, low to high (viridis by default), for the landscape.
  public var ramp: [Color]

  public init(
    name: String, foreground: [Role: Color], background: [Role: Color] = [:],
    canvas: Color = .terminalDefault, ramp: [Color] = Theme.viridis
  ) {
    self.name = name
    self.foreground = foreground
    self.background = background
    self.canvas = canvas
    self.ramp = ramp.isEmpty ? Theme.viridis : ramp
  }

  /// Viridis (matplotlib's default map) at nine even steps: perceptually even, readable in grey,
  /// and distinct for the common colour-vision deficiencies.
  public static let viridis: [Color] = [
    .rgb(0x44, 0x01, 0x54), .rgb(0x47, 0x2D, 0x7B), .rgb(0x3B, 0x52, 0x8B), .rgb(0x2C, 0x72, 0x8E),
    .rgb(0x21, 0x91, 0x8C), .rgb(0x28, 0xAE, 0x80), .rgb(0x5E, 0xC9, 0x62), .rgb(0xAD, 0xDC, 0x30),
    .rgb(0xFD, 0xE7, 0x25),
  ]

  /// Whether the ramp has colours to draw a heatmap with (the monochrome theme's has none: the
  /// landscape then uses a density ramp of characters).
  public var hasRamp: Bool {
    Set(ramp.filter { $0 != .terminalDefault }).count >= 2
  }

  /// A style's foreground: its ramp step, or its role's colour; a mark drawn over a ramp step
  /// (the landscape's path, point, arrow and minimum) is black or white, whichever stands out
  /// more from that step (at least 4.58:1 on any colour), so it reads on every step.
  public func foreground(of style: Style) -> Color {
    if let step = style.rampForeground { return ramp[min(Int(step), ramp.count - 1)] }
    guard let step = style.rampBackground,
      case .rgb(let r, let g, let b) = ramp[min(Int(step), ramp.count - 1)]
    else { return foreground(style.role) }
    let ink = WCAG.standingOut(on: (r, g, b))
    return .rgb(ink.0, ink.1, ink.2)
  }

  /// A style's background: its ramp step, or its role's.
  public func background(of style: Style) -> Color {
    style.rampBackground.map { ramp[min(Int($0), ramp.count - 1)] } ?? background(style.role)
  }

  public func foreground(_ role: Role) -> Color {
    foreground[role] ?? Theme.standard.foreground[role] ?? .terminalDefault
  }
  public func background(_ role: Role) -> Color {
    background[role] ?? canvas
  }

  /// The built-in dark theme; every theme file falls back to it for keys it leaves out.
  public static let standard = Theme(
    name: "default",
    foreground: [
      .text: .rgb(0xD8, 0xDE, 0xE9), .dim: .rgb(0x99, 0x9E, 0xA7),
      .border: .rgb(0x79, 0x80, 0x8F), .title: .rgb(0xEC, 0xEF, 0xF4),
      .hotkey: .rgb(0xF5, 0xA9, 0x7F), .accent: .rgb(0x88, 0xC0, 0xD0),
      .comparison: .rgb(0x86, 0xA0, 0xC1), .marker: .rgb(0xEB, 0xCB, 0x8B),
      .target: .rgb(0xA3, 0xBE, 0x8C), .selected: .rgb(0xEC, 0xEF, 0xF4),
      .positive: .rgb(0xD2, 0x8C, 0x76), .negative: .rgb(0x81, 0xA1, 0xC1),
      .warning: .rgb(0xD0, 0x8C, 0x92), .barFill: .rgb(0x88, 0xC0, 0xD0),
      .barEmpty: .rgb(0x7C, 0x80, 0x8B), .axis: .rgb(0x99, 0x9E, 0xA7),
      .keyBar: .rgb(0xD8, 0xDE, 0xE9), .overlay: .rgb(0xE5, 0xE9, 0xF0),
      .series1: .rgb(0x56, 0xB4, 0xE9), .series2: .rgb(0xE6, 0x9F, 0x00),
      .series3: .rgb(0x00, 0x9E, 0x73), .series4: .rgb(0xD5, 0x5E, 0x00),
      .series5: .rgb(0xCC, 0x79, 0xA7),
    ],
    background: [.overlay: .rgb(0x3B, 0x42, 0x52)],
    canvas: .rgb(0x2E, 0x34, 0x40))
}
