import Foundation

/// WCAG 2's relative luminance and contrast ratio, as a browser's contrast checker computes them.
public enum WCAG {
  /// The relative luminance of an sRGB colour, from linearised channels.
  public static func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
    func linear(_ v: UInt8) -> Double {
      let s = Double(v) / 255
      return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
  }

  /// `(L_light + 0.05) / (L_dark + 0.05)`: from 1 (the same colour) to 21 (black on white).
  public static func ratio(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
    let (la, lb) = (luminance(a), luminance(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }

  /// Black or white, whichever contrasts more with a colour (at least 4.58:1 on any colour).
  public static func standingOut(on c: (UInt8, UInt8, UInt8)) -> (UInt8, UInt8, UInt8) {
    ratio((255, 255, 255), c) >= ratio((0, 0, 0), c) ? (255, 255, 255) : (0, 0, 0)
  }
}
