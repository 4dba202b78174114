import Canvas
import Foundation

/// How the landscape turns a loss into a shade, and where its contour lines fall.
///
/// A loss landscape spans decades above its floor (0.002 near the goal, 7 across the window;
/// with label smoothing, 0.64 at the minimum and 8 at the corners), and what a class needs to
/// see is the shape near the floor. So shades follow the logarithm of the excess over the grid's
/// minimum, `log(1 + (ℓ − min)/s)` with `s` a thousandth of the range, and contours are where
/// that excess crosses 1, 2 or 5 × 10ᵏ.
struct ShadeScale {
  let steps: Int
  private let minimum: Float
  private let scale: Float
  private let top: Float

  init(_ landscape: Landscape, steps: Int) {
    self.steps = steps
    minimum = landscape.minimum
    let span = max(landscape.maximum - landscape.minimum, 1e-6)
    scale = span / 1000
    top = log1p(span / scale)
  }

  /// The shade of a loss, 0 (lowest) to `steps − 1`.
  func level(_ v: Float) -> Int {
    guard v.isFinite else { return steps - 1 }
    let t = log1p(max(0, v - minimum) / scale) / top
    return min(steps - 1, max(0, clampedInt(t * Float(steps))))
  }

  /// The contour band a loss is in; a contour runs where neighbouring pixels' bands differ.
  func band(_ v: Float) -> Int {
    guard v.isFinite else { return Int.max }
    let excess = v - minimum
    guard excess > scale else { return Int.min }
    let decade = floor(log10(excess))
    let mantissa = excess / pow(10, decade)
    return 3 * clampedInt(decade) + (mantissa >= 5 ? 2 : mantissa >= 2 ? 1 : 0)
  }

  /// What the shades and contours are, for the legend.
  static let legend = "log shades of ℓ − min; contours 1·2·5"
}
