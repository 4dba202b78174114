import Foundation

/// How the landscape turns a loss into a shade, and where its contour lines fall.
///
/// A loss landscape spans decades (0.002 near the goal, 7 across the window), so shades follow
/// `log ℓ` between the grid's minimum and maximum, and contours are at 1, 2 and 5 × 10ᵏ; when the
/// grid spans less than a factor of 30 (label smoothing's floor), both are linear instead, with
/// contours at a round step.
struct ShadeScale {
  let steps: Int
  let logarithmic: Bool
  private let low: Float
  private let high: Float
  /// The linear contour step (when not logarithmic).
  let contourStep: Float

  init(_ landscape: Landscape, steps: Int) {
    self.steps = steps
    high = landscape.maximum
    let floor = max(landscape.minimum, landscape.maximum * 1e-4, 1e-6)
    logarithmic = landscape.maximum / floor >= 30
    low = logarithmic ? floor : landscape.minimum
    let raw = Double(max(high - low, 1e-6)) / 8
    let magnitude = pow(10, Foundation.floor(log10(raw)))
    contourStep = Float([1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude)
  }

  /// The shade of a loss, 0 (lowest) to `steps − 1`.
  func level(_ v: Float) -> Int {
    guard v.isFinite else { return steps - 1 }
    let t =
      logarithmic
      ? (log(max(v, low)) - log(low)) / (log(high) - log(low))
      : (v - low) / max(high - low, 1e-6)
    return min(steps - 1, max(0, Int(t * Float(steps))))
  }

  /// The contour band a loss is in; a contour runs where neighbouring pixels' bands differ.
  func band(_ v: Float) -> Int {
    guard v.isFinite, v > 0 || !logarithmic else { return Int.min }
    guard logarithmic else { return Int((v / contourStep).rounded(.down)) }
    let decade = Foundation.floor(log10(v))
    let mantissa = v / pow(10, decade)
    return 3 * Int(decade) + (mantissa >= 5 ? 2 : mantissa >= 2 ? 1 : 0)
  }

  /// What the contours are, for the legend.
  var contourText: String {
    logarithmic
      ? "log scale, contours 1·2·5" : "contours every \(NumberFormat.short(contourStep))"
  }
}
