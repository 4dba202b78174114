import Canvas
/// The loss history as heights: the lowest value at the bottom, the highest at the top (all
/// equal: the middle), in steps of a spark character; drawn by the history panel over several
/// rows and by the training lesson's status on one.
enum Sparkline {
  /// Each value's height, from 0 to `rows × steps − 1`.
  static func levels(_ values: [Float], rows: Int, steps: Int) -> [Int] {
    guard let low = values.min(), let high = values.max() else { return [] }
    return values.map { value in
      let fraction = high > low ? (value - low) / (high - low) : 0.5
      return min(rows * steps - 1, max(0, cellCoordinate(fraction * Float(rows * steps - 1))))
    }
  }

  /// One row of spark characters for the last `width` finite values.
  static func line(_ values: [Float], width: Int, symbols: SymbolSet) -> String {
    let sparks = symbols.sparks
    let shown = Array(values.suffix(width).filter(\.isFinite))
    return String(levels(shown, rows: 1, steps: sparks.count).map { sparks[$0] })
  }
}
