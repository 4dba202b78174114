import Foundation

/// The loss against `p`, the predicted probability of the true class, with the current sample
/// marked: the active loss bright, plain cross-entropy dim for comparison.
enum LossCurveWidget {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let scenario = context.state.scenario
    let logScale = context.state.logScale
    let inner = canvas.box(rect, title: "loss vs p" + (logScale ? " (y: log)" : " (y: linear)"), hotkey: "y", symbols: context.symbols)
    guard inner.width >= 12, inner.height >= 4 else { return }
    let curve = LossCurve(scenario)
    let target = context.sample.target
    let rawP = Double(context.probabilities[target])
    let p = rawP.isFinite ? min(max(rawP, 0), 1) : 0
    let markerValue = curve.value(at: max(p, 1e-300))

    // The y range: enough to show the curve's shape and the current point.
    let lowerLog = 1e-3
    var upper = markerValue.isFinite ? max(3, min(markerValue * 1.2, 1e6)) : 3
    if logScale { upper = max(upper, 10) }
    let ticks = logScale ? Ticks.decades(lower: lowerLog, upper: upper) : Ticks.linear(upper: upper, count: max(2, min(5, inner.height / 2)))
    if !logScale, let last = ticks.last { upper = max(upper, last) }
    let labels = Ticks.labels(ticks)
    let gutter = (labels.map(\.count).max() ?? 1) + 1
    let plot = Rect(x: inner.x + gutter, y: inner.y, width: inner.width - gutter, height: inner.height - 1)
    guard plot.width >= 4, plot.height >= 2 else { return }

    var grid = DotGrid(columns: plot.width, rows: plot.height, symbols: context.symbols)
    func dotY(_ value: Double) -> Int {
      let fraction: Double
      if logScale {
        fraction = (log10(max(value, lowerLog)) - log10(lowerLog)) / (log10(upper) - log10(lowerLog))
      } else {
        fraction = value / upper
      }
      let clamped = min(max(fraction.isFinite ? fraction : 1, 0), 1)
      return cellCoordinate((1 - clamped) * Double(grid.dotHeight - 1))
    }
    func dotX(_ p: Double) -> Int { cellCoordinate(p * Double(grid.dotWidth - 1)) }
    func plotCurve(_ f: (Double) -> Double, style: Style) {
      var previous: (Int, Int)?
      for x in 0..<grid.dotWidth {
        let p = (Double(x) + 0.5) / Double(grid.dotWidth)
        let point = (x, dotY(f(p)))
        if let previous { grid.line(from: previous, to: point, style: style) } else { grid.set(point.0, point.1, style: style) }
        previous = point
      }
    }
    if scenario.loss != .crossEntropy || scenario.labelSmoothing > 0 {
      plotCurve(LossCurve.crossEntropy(at:), style: Style(.comparison, dim: true))
    }
    plotCurve(curve.value(at:), style: Style(.accent))
    grid.draw(into: &canvas, x: plot.x, y: plot.y)

    // Axes and tick labels.
    for (value, label) in zip(ticks, labels) {
      let row = plot.y + dotY(value) / grid.dotsPerCell.y
      canvas.text(String(repeating: " ", count: gutter - 1 - label.count) + label, x: inner.x, y: row, style: Style(.axis), clip: inner)
    }
    for y in plot.y..<plot.maxY where canvas[plot.x - 1, y].character == " " {
      canvas.put(context.symbols.verticalLine, x: plot.x - 1, y: y, style: Style(.axis))
    }
    let axisRow = plot.maxY
    canvas.put(context.symbols.axisCorner, x: plot.x - 1, y: axisRow, style: Style(.axis))
    for x in plot.x..<plot.maxX { canvas.put(context.symbols.horizontalLine, x: x, y: axisRow, style: Style(.axis)) }
    let xTicks: [Double] = plot.width >= 40 ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1]
    for (value, label) in zip(xTicks, Ticks.labels(xTicks)) {
      let column = plot.x + min(dotX(value) / grid.dotsPerCell.x, plot.width - 1) - (value == 1 ? label.count - 1 : (value == 0 ? 0 : label.count / 2))
      canvas.text(label, x: column, y: axisRow, style: Style(.axis), clip: inner)
    }
    canvas.text("p", x: plot.maxX - 1, y: axisRow - 1, style: Style(.axis), clip: inner)

    // The current sample.
    let markerColumn = plot.x + min(max(dotX(p), 0), grid.dotWidth - 1) / grid.dotsPerCell.x
    let markerRow = plot.y + dotY(markerValue) / grid.dotsPerCell.y
    canvas.put(context.symbols == .ascii ? "@" : "●", x: markerColumn, y: markerRow, style: Style(.marker, bold: true), clip: plot)
    let label = "p=\(NumberFormat.fixed4(Float(p))) ℓ=\(NumberFormat.fixed4(Float(markerValue)))"
    let labelX = markerColumn + 2 + label.count <= plot.maxX ? markerColumn + 2 : max(plot.x, markerColumn - 1 - label.count)
    let labelY = markerRow == plot.y ? markerRow + 1 : markerRow - 1
    canvas.text(label, x: labelX, y: max(plot.y, labelY), style: Style(.marker, bold: true), clip: plot)
  }
}
