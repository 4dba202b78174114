import Canvas
import Pixels
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
    let curve = context.curve
    let i = context.sampleIndex
    let rawP = context.probabilities[context.sample.target]
    let p = rawP.isFinite ? min(max(rawP, 0), 1) : 0
    let loss = context.analysis.perSample[i]

    let legendRows = inner.height >= 8 ? 1 : 0
    guard
      let axes = ProbabilityPlot(
        in: inner, upper: Double(context.curveTop), logScale: logScale, topRows: legendRows,
        symbols: context.symbols)
    else { return }
    let plot = axes.plot
    context.region(plot, .probabilityAxis)
    guard canvas.isDrawing else { return }
    if let pixels = context.pixels {
      drawPixels(
        context, pixels: pixels, axes: axes, curve: curve, p: p, rawP: rawP, loss: loss,
        legendRows: legendRows, inner: inner, on: &canvas)
      return
    }
    // Presenter mode draws for the back of the room: lines four dots (two block cells) deep,
    // bold axes, and a big point.
    let presenting = context.state.presenting
    let thickness = presenting && context.symbols == .block ? 4 : 1
    var grid = axes.grid
    if curve.comparison != nil {
      // Dotted: every other pair of dots, so the two curves differ in more than colour.
      axes.trace(
        { curve.comparisonValue(at: $0) ?? .nan }, style: Style(.comparison, dim: true),
        pattern: (2, 2), mark: ".", thickness: thickness / 2, on: &grid)
    }
    axes.trace(
      curve.value(at:), style: Style(.accent, bold: presenting), thickness: thickness, on: &grid)
    let occupied = grid.occupiedCells
    grid.draw(into: &canvas, x: plot.x, y: plot.y)
    axes.drawAxes(symbols: context.symbols, bold: presenting, on: &canvas)

    if legendRows > 0 {
      drawLegend(
        context, curve: curve, in: Rect(x: plot.x, y: inner.y, width: plot.width, height: 1),
        on: &canvas)
    }

    // Under a quiz the point, its label and the other samples wait for the reveal.
    guard !context.hidden.contains(.point) else { return }
    if context.state.allSamplesShown { drawOtherSamples(context, axes: axes, on: &canvas) }

    // The current sample: on the curve, or an arrow at the top edge with its value.
    let markerColumn = axes.column(p)
    let label = "p_y=\(NumberFormat.fixed4(p)) \(context.ell)=\(NumberFormat.fixed4(loss))"
    guard !(rawP > 1) else {
      // A row read as log-probabilities (nll_loss) can have e^{z_y} > 1: a point off the axis,
      // at the right edge with its numbers, and why.
      let arrow = context.symbols == .ascii ? " ->" : " →"
      let offAxis = "p_y=\(NumberFormat.fixed4(rawP)) \(context.ell)=\(NumberFormat.fixed4(loss))"
      for (row, text) in [offAxis + arrow, "e^z_y > 1: not a log-probability"].enumerated() {
        canvas.text(
          text, x: max(plot.x, plot.maxX - text.count), y: plot.y + 1 + row,
          style: Style(row == 0 ? .marker : .warning, bold: true), clip: plot)
      }
      return
    }
    guard let markerRow = axes.row(loss) else {
      let arrow = (context.symbols == .ascii ? "^ " : "↑ ") + NumberFormat.fixed4(loss)
      let x = min(max(plot.x, markerColumn), plot.maxX - arrow.count)
      canvas.text(arrow, x: x, y: plot.y, style: Style(.marker, bold: true), clip: plot)
      let labelX = min(max(plot.x, markerColumn - label.count / 2), plot.maxX - label.count)
      canvas.text(label, x: labelX, y: plot.y + 1, style: Style(.marker, bold: true), clip: plot)
      return
    }
    if presenting, context.symbols != .ascii {
      // A disc five cells across and three high, and the label clear of it.
      let disc = ["▗███▖", "█████", "▝███▘"]
      for (dy, line) in disc.enumerated() {
        canvas.text(
          line, x: markerColumn - 2, y: markerRow - 1 + dy, style: Style(.marker, bold: true),
          clip: plot)
      }
      let x =
        markerColumn + 4 + label.count <= plot.maxX
        ? markerColumn + 4
        : markerColumn - 4
          - label.count
      let y = markerRow - 2 >= plot.y ? markerRow - 2 : markerRow + 2
      canvas.text(label, x: x, y: y, style: Style(.marker, bold: true, reverse: true), clip: plot)
      return
    }
    canvas.put(
      context.symbols == .ascii ? "@" : "●", x: markerColumn, y: markerRow,
      style: Style(.marker, bold: true), clip: plot)
    let place = labelPlace(
      label.count, column: markerColumn, row: markerRow, plot: plot, occupied: occupied)
    canvas.text(label, x: place.x, y: place.y, style: Style(.marker, bold: true), clip: plot)
  }

  /// Key A: every other sample at its own `(p_y, ℓ)`, its number in a ring (`②`; 1-based, as
  /// the title's "sample 2/4"; `◦` from 21 on), in ASCII its digit (`+` from 10 on). Plain cross-entropy's curve is the
  /// same for every sample, so there they lie on it; a loss whose curve depends on the other
  /// logits (focal, smoothing, MSE, BCE) puts them where their own curves pass. A point above
  /// the axis sits at the top edge.
  static func drawOtherSamples(
    _ context: RenderContext, axes: ProbabilityPlot, on canvas: inout Canvas
  ) {
    let analysis = context.analysis
    let samples = context.state.scenario.samples
    let plot = axes.plot
    for j in samples.indices where j != context.sampleIndex {
      let p = analysis.targetSoftmax[j], loss = analysis.perSample[j]
      guard p.isFinite, loss.isFinite, p <= 1 else { continue }
      let row = axes.row(loss) ?? plot.y
      let label =
        context.symbols == .ascii ? (j < 9 ? "\(j + 1)" : "+") : j < 20 ? ringed(j + 1) : "◦"
      canvas.text(
        label, x: min(axes.column(p), plot.maxX - label.count), y: row,
        style: Style(.series3, bold: true), clip: plot)
    }
  }

  /// `①` … `⑳`.
  static func ringed(_ n: Int) -> String {
    String(UnicodeScalar(0x2460 + n - 1).map(Character.init) ?? "#")
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
    _ context: RenderContext, curve: LossCurve, in rect: Rect, on canvas: inout Canvas
  ) {
    let scenario = context.state.scenario
    let ascii = context.symbols == .ascii
    let name = scenario.loss.curveName(scenario, target: context.sample.target)
    let comparisonName = ascii ? "-log p_y" : "−log p_y"
    // The comparison at the sample is the analysis's plain cross-entropy, one number rounded
    // once (read off the drawn curve it would differ in the fourth decimal).
    let value =
      curve.comparison == nil
      ? nil
      : context.masked(
        NumberFormat.fixed4(context.analysis.plainCrossEntropy[context.state.selectedSample]),
        .loss)
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

  /// The curve in real pixels (``PlotImage``): this loss solid, plain cross-entropy dashed, the
  /// point a disc with an outline, the other samples (key A) small discs; the axes, the legend
  /// and the point's numbers stay text (the numbers on the legend's row).
  static func drawPixels(
    _ context: RenderContext, pixels: PixelOptions, axes: ProbabilityPlot, curve: LossCurve,
    p: Float, rawP: Float, loss: Float, legendRows: Int, inner: Rect, on canvas: inout Canvas
  ) {
    let plot = axes.plot
    let presenting = context.state.presenting
    let width = plot.width * pixels.cellWidth, height = plot.height * pixels.cellHeight
    let line = presenting ? 3.5 : 2.0
    var shapes: [Picture.Shape] = []
    if curve.comparison != nil {
      for points in axes.pixelLines(
        { curve.comparisonValue(at: $0) ?? .nan }, width: width, height: height)
      {
        shapes.append(
          .polyline(
            points, width: line * 0.75, color: pixels.color(.comparison),
            dash: .init(on: 6, off: 5)))
      }
    }
    for points in axes.pixelLines(curve.value(at:), width: width, height: height) {
      shapes.append(.polyline(points, width: line, color: pixels.color(.accent), dash: nil))
    }
    let hidden = context.hidden.contains(.point)
    if !hidden, context.state.allSamplesShown {
      let analysis = context.analysis
      for j in context.state.scenario.samples.indices where j != context.sampleIndex {
        let pj = analysis.targetSoftmax[j], lj = analysis.perSample[j]
        guard pj.isFinite, lj.isFinite, pj <= 1,
          let at = axes.pixel(pj, lj, width: width, height: height)
        else { continue }
        shapes.append(
          .disc(
            center: at, radius: line * 1.5, fill: pixels.color(.series3),
            outline: pixels.background, outlineWidth: 1))
      }
    }
    if !hidden, !(rawP > 1) {
      let at =
        axes.pixel(p, loss, width: width, height: height)
        ?? Picture.Point(axes.axis.fraction(Double(p)) * Double(width), line * 3)
      shapes.append(
        .disc(
          center: at, radius: presenting ? 9 : 5.5, fill: pixels.color(.marker),
          outline: pixels.color(.title), outlineWidth: presenting ? 2 : 1.5))
    }
    context.image(
      plot, Picture(width: width, height: height, background: pixels.background, shapes: shapes))
    axes.drawAxes(symbols: context.symbols, bold: presenting, namesAxis: false, on: &canvas)
    if legendRows > 0 {
      let legend = Rect(x: plot.x, y: inner.y, width: plot.width, height: 1)
      drawLegend(context, curve: curve, in: legend, on: &canvas)
      guard !hidden else { return }
      let label =
        "p_y=\(NumberFormat.fixed4(rawP)) \(context.ell)=\(NumberFormat.fixed4(loss))"
        + (rawP > 1 ? " e^z_y > 1: not a log-probability" : "")
      let used = (0..<legend.width).last { canvas[legend.x + $0, legend.y].character != " " } ?? 0
      if used + 3 + label.count <= legend.width {
        canvas.text(
          label, x: legend.maxX - label.count, y: legend.y,
          style: Style(rawP > 1 ? .warning : .marker, bold: true), clip: legend)
      }
    }
  }
}
