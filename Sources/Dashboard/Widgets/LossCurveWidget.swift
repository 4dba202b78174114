import Foundation

/// The selected sample's loss ℓ against `p_y`, the predicted probability of its true class,
/// from the loss library (``LossCurve``), with the sample marked on it: this loss solid and
/// bright, plain cross-entropy dotted and dim for comparison, and a legend naming both.
///
/// The y-axis stays put while the point moves (``DashboardState/curveTop``); a point above it
/// is an arrow at the top edge with its value, never a plateau.
enum LossCurveWidget {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let state = context.state
    let logScale = state.logScale
    let inner = canvas.box(
      rect, title: "loss vs p_y" + (logScale ? " (y: log)" : " (y: linear)"), hotkey: "y",
      symbols: context.symbols)
    guard inner.width >= 12, inner.height >= 4 else { return }
    let curve = state.curve
    let i = context.sampleIndex
    let rawP = context.probabilities[context.sample.target]
    let p = rawP.isFinite ? min(max(rawP, 0), 1) : 0
    let loss = context.analysis.perSample[i]

    let lowerLog = 1e-3
    let upper = Double(state.curveTop)
    let ticks =
      logScale
      ? Ticks.decades(lower: lowerLog, upper: upper)
      : Ticks.linear(upper: upper, count: max(2, min(5, inner.height / 2)))
    let labels = Ticks.labels(ticks)
    let gutter = (labels.map(\.count).max() ?? 1) + 1
    let legendRows = inner.height >= 8 ? 1 : 0
    let plot = Rect(
      x: inner.x + gutter, y: inner.y + legendRows, width: inner.width - gutter,
      height: inner.height - 1 - legendRows)
    guard plot.width >= 4, plot.height >= 2 else { return }

    var grid = DotGrid(columns: plot.width, rows: plot.height, symbols: context.symbols)
    /// The dot row of a value, or `nil` above the axis (or not a number).
    func dotY(_ value: Double) -> Int? {
      let fraction =
        logScale
        ? (log10(max(value, lowerLog)) - log10(lowerLog)) / (log10(upper) - log10(lowerLog))
        : value / upper
      guard fraction.isFinite, fraction <= 1 else { return nil }
      return cellCoordinate((1 - max(fraction, 0)) * Double(grid.dotHeight - 1))
    }
    func dotX(_ p: Double) -> Int { cellCoordinate(p * Double(grid.dotWidth - 1)) }
    func plotCurve(_ f: (Float) -> Float, style: Style, dotted: Bool) {
      var previous: (Int, Int)?
      for x in 0..<grid.dotWidth {
        let p = Float((Double(x) + 0.5) / Double(grid.dotWidth))
        guard let y = dotY(Double(f(p))) else {
          previous = nil
          continue
        }
        // Dotted: every other pair of dots, so the two curves differ in more than colour.
        if dotted {
          if (x / 2) % 2 == 0 { grid.set(x, y, style: style) }
          continue
        }
        if let previous {
          grid.line(from: previous, to: (x, y), style: style)
        } else {
          grid.set(x, y, style: style)
        }
        previous = (x, y)
      }
    }
    if curve.comparison != nil {
      plotCurve(
        { curve.comparisonValue(at: $0) ?? .nan }, style: Style(.comparison, dim: true),
        dotted: true)
    }
    plotCurve(curve.value(at:), style: Style(.accent), dotted: false)
    let occupied = grid.occupiedCells
    grid.draw(into: &canvas, x: plot.x, y: plot.y)

    // Axes and tick labels.
    for (value, label) in zip(ticks, labels) {
      guard let dot = dotY(value) else { continue }
      let row = plot.y + dot / grid.dotsPerCell.y
      canvas.text(
        String(repeating: " ", count: gutter - 1 - label.count) + label, x: inner.x, y: row,
        style: Style(.axis), clip: inner)
    }
    for y in plot.y..<plot.maxY where canvas[plot.x - 1, y].character == " " {
      canvas.put(context.symbols.verticalLine, x: plot.x - 1, y: y, style: Style(.axis))
    }
    let axisRow = plot.maxY
    canvas.put(context.symbols.axisCorner, x: plot.x - 1, y: axisRow, style: Style(.axis))
    for x in plot.x..<plot.maxX {
      canvas.put(context.symbols.horizontalLine, x: x, y: axisRow, style: Style(.axis))
    }
    let xTicks: [Double] = plot.width >= 40 ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1]
    for (value, label) in zip(xTicks, Ticks.labels(xTicks)) {
      let column =
        plot.x + min(dotX(value) / grid.dotsPerCell.x, plot.width - 1)
        - (value == 1 ? label.count - 1 : (value == 0 ? 0 : label.count / 2))
      canvas.text(label, x: column, y: axisRow, style: Style(.axis), clip: inner)
    }
    canvas.text("p_y", x: plot.maxX - 3, y: axisRow - 1, style: Style(.axis), clip: inner)

    if legendRows > 0 {
      drawLegend(
        context, curve: curve, p: p, in: Rect(x: plot.x, y: inner.y, width: plot.width, height: 1),
        on: &canvas)
    }

    // The current sample: on the curve, or an arrow at the top edge with its value.
    let markerColumn = plot.x + min(max(dotX(Double(p)), 0), grid.dotWidth - 1) / grid.dotsPerCell.x
    let label = "p_y=\(NumberFormat.fixed4(p)) \(context.ell)=\(NumberFormat.fixed4(loss))"
    guard let dot = dotY(Double(loss)) else {
      let arrow = (context.symbols == .ascii ? "^ " : "↑ ") + NumberFormat.fixed4(loss)
      let x = min(max(plot.x, markerColumn), plot.maxX - arrow.count)
      canvas.text(arrow, x: x, y: plot.y, style: Style(.marker, bold: true), clip: plot)
      let labelX = min(max(plot.x, markerColumn - label.count / 2), plot.maxX - label.count)
      canvas.text(label, x: labelX, y: plot.y + 1, style: Style(.marker, bold: true), clip: plot)
      return
    }
    let markerRow = plot.y + dot / grid.dotsPerCell.y
    canvas.put(
      context.symbols == .ascii ? "@" : "●", x: markerColumn, y: markerRow,
      style: Style(.marker, bold: true), clip: plot)
    let place = labelPlace(
      label.count, column: markerColumn, row: markerRow, plot: plot, occupied: occupied)
    canvas.text(label, x: place.x, y: place.y, style: Style(.marker, bold: true), clip: plot)
  }

  /// Where the point's label crosses the fewest curve cells: right or left of the point, one row
  /// above or below it (then two rows), ties going to the first.
  static func labelPlace(_ length: Int, column: Int, row: Int, plot: Rect, occupied: Set<Int>) -> (
    x: Int, y: Int
  ) {
    var best: (x: Int, y: Int, cost: Int)?
    for dy in [-1, 1, -2, 2] {
      for x in [column + 2, column - 1 - length] {
        let y = row + dy
        guard y >= plot.y, y < plot.maxY, x >= plot.x, x + length <= plot.maxX else { continue }
        let cost = (x..<(x + length)).filter {
          occupied.contains((y - plot.y) * plot.width + ($0 - plot.x))
        }.count
        if best == nil || cost < best!.cost { best = (x, y, cost) }
        if cost == 0 { return (x, y) }
      }
    }
    if let best { return (best.x, best.y) }
    return (max(plot.x, min(column + 2, plot.maxX - length)), max(plot.y, row - 1))
  }

  /// `━ focal γ 2   ┄ −log p_y 0.4170`: each curve's name and line style; the comparison (plain
  /// cross-entropy) has its value at the point, labelled with its name, not with ℓ.
  static func drawLegend(
    _ context: RenderContext, curve: LossCurve, p: Float, in rect: Rect, on canvas: inout Canvas
  ) {
    let scenario = context.state.scenario
    let ascii = context.symbols == .ascii
    let name = scenario.loss.curveName(scenario, target: context.sample.target)
    let comparisonName = ascii ? "-log p_y" : "−log p_y"
    let value = curve.comparisonValue(at: p).map(NumberFormat.fixed4)
    // The longest that fits: both names and the value, then without the value, then the loss
    // alone.
    let candidates: [(String, String?)] =
      value.map { [(name, comparisonName + " " + $0), (name, comparisonName)] } ?? []
    let chosen =
      (candidates + [(name, nil)]).first {
        2 + $0.0.count + ($0.1.map { 5 + $0.count } ?? 0) <= rect.width
      } ?? (name, nil)
    var x = canvas.text(
      ascii ? "- " : "━ ", x: rect.x, y: rect.y, style: Style(.accent, bold: true), clip: rect)
    x = canvas.text(chosen.0, x: x, y: rect.y, style: Style(.accent), clip: rect)
    guard let comparison = chosen.1 else { return }
    x = canvas.text(
      ascii ? "   . " : "   ┄ ", x: x, y: rect.y, style: Style(.comparison, bold: true), clip: rect)
    canvas.text(comparison, x: x, y: rect.y, style: Style(.comparison), clip: rect)
  }
}
