import Foundation

/// How a plot spreads `p_y` across: evenly from 0 to 1, or by its logarithm from 10⁻⁴ to 1.
///
/// The compare view's question is what each loss does to a wrong answer, `p_y → 0`, where
/// MSE's gradient vanishes and cross-entropy's does not: on the linear axis that is the first
/// few columns; on the log axis each decade down to 10⁻⁴ gets as much room as 0.1 … 1 does.
/// A log axis of `p_y` was chosen over one of the target logit because it keeps the quantity
/// every other plot and the legend speak of, and because the logit depends on the other logits.
public enum ProbabilityAxis: String, Sendable, Equatable, CaseIterable {
  case linear
  case logarithmic

  /// The smallest `p_y` the log axis shows.
  public static let lowest: Double = 1e-4

  /// Where `p` lies across the axis, 0 at its left end and 1 at its right.
  public func fraction(_ p: Double) -> Double {
    switch self {
    case .linear: return p
    case .logarithmic:
      let low = log10(ProbabilityAxis.lowest)
      return (log10(max(p, ProbabilityAxis.lowest)) - low) / -low
    }
  }

  /// The `p` at a fraction of the way across.
  public func probability(_ fraction: Double) -> Double {
    switch self {
    case .linear: return fraction
    case .logarithmic:
      let low = log10(ProbabilityAxis.lowest)
      return pow(10, low + fraction * -low)
    }
  }

  /// `m` values of `p_y` spread evenly along the axis: the midpoints of `m` equal steps.
  public func grid(_ m: Int) -> [Float] {
    (0..<m).map { Float(probability((Double($0) + 0.5) / Double(m))) }
  }

  /// A series over ``grid(_:)`` at `p`, interpolated linearly along the axis between its
  /// points (clamped to the first and last).
  public func interpolate(_ values: [Float], at p: Float) -> Float {
    guard !values.isEmpty else { return .nan }
    let position = Float(fraction(Double(p))) * Float(values.count) - 0.5
    guard position > 0 else { return values[0] }
    let low = Int(position)
    guard low + 1 < values.count else { return values[values.count - 1] }
    let t = position - Float(low)
    return values[low] * (1 - t) + values[low + 1] * t
  }

  /// The ticks along the bottom: quarters, or the decades.
  public func ticks(wide: Bool) -> [Double] {
    switch self {
    case .linear: return wide ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1]
    case .logarithmic: return wide ? [1e-4, 1e-3, 1e-2, 0.1, 1] : [1e-4, 1e-2, 1]
    }
  }
}
