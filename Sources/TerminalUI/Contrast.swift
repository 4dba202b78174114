import Canvas
import Foundation

/// WCAG 2's contrast ratio, as a browser's contrast checker computes it, and the bar each role
/// must clear: 4.5:1 for text, 3:1 for plot marks, bars and borders (WCAG's "non-text
/// contrast" and "large text").
public enum Contrast {
  /// A colour as the terminal shows it.
  public typealias RGB = (UInt8, UInt8, UInt8)

  /// The relative luminance of an sRGB colour (``WCAG/luminance(_:)``).
  public static func luminance(_ c: RGB) -> Double { WCAG.luminance(c) }

  /// `(L_light + 0.05) / (L_dark + 0.05)`: from 1 (the same) to 21 (black on white).
  public static func ratio(_ a: RGB, _ b: RGB) -> Double { WCAG.ratio(a, b) }

  /// The roles that are marks rather than words: curves, bars, box lines. They need 3:1.
  public static let graphicRoles: Set<Role> = [
    .border, .barFill, .barEmpty, .series1, .series2, .series3, .series4, .series5,
  ]

  /// The least ratio a role must have against the background it is drawn on.
  public static func minimum(for role: Role) -> Double {
    graphicRoles.contains(role) ? 3 : 4.5
  }

  /// What the terminal's own colours look like where a theme keeps them (`"default"`): a black
  /// background with light grey text, or a white one with black text.
  public static func defaultForeground(_ appearance: Appearance) -> RGB {
    appearance == .dark ? (229, 229, 229) : (0, 0, 0)
  }
}
