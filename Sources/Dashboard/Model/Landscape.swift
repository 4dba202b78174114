import Autograd

/// The selected sample's loss ℓ over a grid of two of its logits, the target's across and a
/// second class's up, every other logit fixed: the landscape view's heatmap.
///
/// All grid points go through the loss library in one batch (`reduction: none`, summed over
/// classes for the elementwise losses), with the scenario's loss, class weights, label
/// smoothing and γ, so the heatmap is the same function the dashboard's ℓ is a value of.
public struct Landscape: Sendable {
  public let window: LandscapeWindow
  public let columns: Int
  public let pixelRows: Int
  public let secondClass: Int
  /// ℓ at each pixel, row by row from the top.
  public let values: [Float]
  /// The smallest and largest finite values.
  public let minimum: Float
  public let maximum: Float
  /// The pixel of the smallest value (the first, scanning rows from the top).
  public let minimumPixel: (column: Int, row: Int)?

  /// The largest grid evaluated at once; bigger plots are computed in row bands.
  static let batchLimit = 1 << 16

  /// Evaluates the landscape.
  ///
  /// - Parameters:
  ///   - scenario: The scenario; its selected sample is varied.
  ///   - index: The sample's index.
  ///   - second: The class whose logit goes up the window (not the target).
  ///   - window: Where the window is.
  ///   - columns: Pixels across.
  ///   - pixelRows: Pixels up (two a cell with half blocks).
  public init(
    _ scenario: Scenario, sample index: Int, second: Int, window: LandscapeWindow, columns: Int,
    pixelRows: Int
  ) {
    self.window = window
    self.columns = max(1, columns)
    self.pixelRows = max(1, pixelRows)
    secondClass = second
    let sample = scenario.samples[index]
    let c = scenario.classes, y = sample.target
    let cols = self.columns, rows = self.pixelRows
    let xs = (0..<cols).map { window.x(column: $0, columns: cols, pixelRows: rows) }
    var values: [Float] = []
    values.reserveCapacity(cols * rows)
    let bandRows = max(1, Landscape.batchLimit / max(1, cols * c))
    var row = 0
    while row < rows {
      let band = min(bandRows, rows - row)
      var flat: [Float] = []
      flat.reserveCapacity(band * cols * c)
      for j in row..<(row + band) {
        let second = window.y(row: j, pixelRows: rows)
        for x in xs {
          var logits = sample.logits
          logits[y] = x
          if secondClass != y { logits[secondClass] = second }
          flat += logits
        }
      }
      values += Landscape.evaluate(scenario, rows: flat, classes: c, sample: sample)
      row += band
    }
    self.values = values
    var best: (Int, Float)?
    var top: Float = -.infinity
    for (i, v) in values.enumerated() where v.isFinite {
      if best == nil || v < best!.1 { best = (i, v) }
      top = max(top, v)
    }
    minimum = best?.1 ?? .nan
    maximum = top.isFinite ? top : .nan
    minimumPixel = best.map { (column: $0.0 % cols, row: $0.0 / cols) }
  }

  /// ℓ of each row of logits, through the library.
  static func evaluate(
    _ scenario: Scenario, rows flat: [Float], classes c: Int, sample: Scenario.Sample
  ) -> [Float] {
    let m = flat.count / c
    return withNoGrad {
      let input = Tensor(flat, shape: [m, c])
      let (targets, labels) = Analysis.repeated(scenario, sample, m)
      guard
        let loss = try? Analysis.lossFunction(
          scenario, input, targets, labels: labels, reduction: .none)
      else { return [Float](repeating: .nan, count: m) }
      let width = loss.count / m
      return (0..<m).map { loss.data[($0 * width)..<(($0 + 1) * width)].reduce(0, +) }
    }
  }

  /// ℓ at pixel `(column, row)`.
  public func value(column: Int, row: Int) -> Float { values[row * columns + column] }

  /// The pixel a point of the plane falls in, or `nil` outside the window.
  public func pixel(of point: SIMD2<Float>) -> (column: Int, row: Int)? {
    let h = window.halfWidth(columns: columns, pixelRows: pixelRows)
    let fx = (point.x - (window.centre.x - h)) / (2 * h)
    let fy = ((window.centre.y + window.halfHeight) - point.y) / (2 * window.halfHeight)
    guard fx.isFinite, fy.isFinite, fx >= 0, fx < 1, fy >= 0, fy < 1 else { return nil }
    return (Int(fx * Float(columns)), Int(fy * Float(pixelRows)))
  }
}
