import Canvas
import Foundation

/// How the dashboard prints numbers.
enum NumberFormat {
  /// Four decimals, as the seed articles print; scientific beyond ±99999; `inf`, `-inf`, `nan`.
  static func fixed4(_ x: Float) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if abs(x) >= 99_999.5 { return String(format: "%.3e", Double(x)) }
    let text = String(format: "%.4f", Double(x))
    // A value that rounds to zero has no sign: −0.0000 reads as a negative number.
    return text == "-0.0000" ? "0.0000" : text
  }

  /// A signed four-decimal value for gradients: `+0.2424`, `-0.3410`.
  static func signed4(_ x: Float) -> String {
    let text = fixed4(x)
    return x >= 0 && !text.hasPrefix("-") && x.isFinite ? "+" + text : text
  }

  /// Up to four decimals, trailing zeros dropped: `1`, `0.9333`, `0.05`.
  static func short4(_ x: Float) -> String {
    if !x.isFinite { return fixed4(x) }
    var text = fixed4(x)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// A short value for coordinates and ticks: up to two decimals, trailing zeros dropped.
  static func short(_ x: Float) -> String {
    if !x.isFinite { return fixed4(x) }
    var text = String(format: "%.2f", Double(x))
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// A setting (a learning rate, a weight, ε, γ) with the digits it needs and no more: up to
  /// six significant digits, trailing zeros dropped (`1`, `0.05`, `0.0625` after halving the
  /// rate four times, `1.2` for a weight nudged to 1.2000001).
  static func setting(_ x: Float) -> String {
    if !x.isFinite { return fixed4(x) }
    if x == 0 { return "0" }
    if abs(x) >= 1e-4 && abs(x) < 1e6 {
      // %g keeps significant digits; fixed notation here, so no exponent shows.
      let decimals = max(0, 5 - Int(floor(log10(abs(Double(x))))))
      var text = String(format: "%.\(decimals)f", Double(x))
      if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
      }
      return text == "-0" ? "0" : text
    }
    return String(format: "%.3g", Double(x))
  }
}

/// Axis tick positions and labels.
enum Ticks {
  /// Evenly spaced "nice" ticks (1, 2 or 5 × 10ᵏ) covering `[0, upper]`, at most `count` of them.
  static func linear(upper: Double, count: Int) -> [Double] {
    guard upper > 0, upper.isFinite, count >= 2 else { return [0] }
    let raw = upper / Double(count - 1)
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    return stride(from: 0, through: upper + step * 1e-9, by: step).map { $0 }
  }

  /// Powers of ten between `lower` and `upper`.
  static func decades(lower: Double, upper: Double) -> [Double] {
    guard lower > 0, upper > lower, upper.isFinite else { return [] }
    return (clampedInt(floor(log10(lower)))...clampedInt(ceil(log10(upper)))).map {
      pow(10, Double($0))
    }
    .filter { $0 >= lower * 0.999 && $0 <= upper * 1.001 }
  }

  /// Labels with the fewest digits that keep every label exact, and so distinct (plotext's
  /// rule): 0, 0.25, 0.5, 0.75, 1, never "0.2" for 0.25.
  static func labels(_ values: [Double]) -> [String] {
    values.map { value in
      for decimals in 0...6 {
        let label = format(value, decimals: decimals)
        if abs(value) >= 1e5 || abs((Double(label) ?? .nan) - value) <= 1e-9 * max(1, abs(value)) {
          return label
        }
      }
      return format(value, decimals: 6)
    }
  }

  private static func format(_ x: Double, decimals: Int) -> String {
    if abs(x) >= 1e5 { return String(format: "%.0e", x) }
    return String(format: "%.\(decimals)f", x)
  }
}
