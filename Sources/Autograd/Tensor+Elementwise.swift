import Foundation

extension Tensor {
  /// `eˣ`, with derivative `eˣ`.
  public func exp() -> Tensor { map(Foundation.exp) { _, y in y } }

  /// Natural logarithm, with derivative `1/x`.
  public func log() -> Tensor { map(Foundation.log) { x, _ in 1 / x } }

  /// `ln(1 + x)`, accurate near 0, with derivative `1/(1 + x)`.
  public func log1p() -> Tensor { map(Foundation.log1p) { x, _ in 1 / (1 + x) } }

  /// The logistic function `1/(1 + e⁻ˣ)`, computed without overflow for either sign.
  public func sigmoid() -> Tensor { map(Tensor.sigmoid) { _, y in y * (1 - y) } }

  /// Hyperbolic tangent, with derivative `1 − tanh²x`.
  public func tanh() -> Tensor { map(Foundation.tanh) { _, y in 1 - y * y } }

  /// `max(x, 0)`; the derivative at 0 is taken as 0, as in PyTorch.
  public func relu() -> Tensor { map({ Swift.max($0, 0) }) { x, _ in x > 0 ? 1 : 0 } }

  /// `|x|`; the derivative is `sign(x)`, 0 at 0.
  public func abs() -> Tensor {
    map(Swift.abs) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }
  }

  /// Limits every element to `[min, max]`.
  ///
  /// The gradient passes where `min ≀ x ≀ max` (bounds included) and is 0 elsewhere, as in
  /// PyTorch's `clamp`.
  ///
  /// - Parameters:
  ///   - lower: The lower bound (`min:`), or `nil` for none.
  ///   - upper: The upper bound (`max:`), or `nil` for none.
  /// - Returns: The clamped tensor.
  public func clamp(min lower: Float? = nil, max upper: Float? = nil) -> Tensor {
    let lo = lower ?? -.infinity, hi = upper ?? .infinity
    return map({ Swift.min(Swift.max($0, lo), hi) }) { x, _ in x >= lo && x <= hi ? 1 : 0 }
  }

  /// The logistic function on one value, stable for large `|x|`.
  @inline(__always)
  package static func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
  }
}
