import Canvas
import Pixels
/// The compare view: the loss family against `p_y` on one axis, their gradients on the target
/// logit below, and a legend with each one's value at the sample (``CompareCurves``).
///
/// Each curve has its own colour, line pattern and ASCII mark, so they differ in more than
/// colour; the highlighted one (Tab) is drawn last and bold.
enum CompareView {
  /// How each curve is drawn: role, dot pattern (`nil`: solid), ASCII mark, the glyph set on
  /// the line every few cells (so shape tells the curves apart where colour does not), its
  /// short label, and the legend's sample.
  static func look(_ loss: ComparedLoss) -> (
    role: Role, pattern: (on: Int, off: Int)?, mark: Character, glyph: Character, label: String,
    sample: String
  ) {
    switch loss {
    case .crossEntropy: (.series1, nil, "*", "■", "CE", "■━")
    case .focal: (.series2, (4, 2), "+", "▲", "focal", "▲╍")
    case .smoothed: (.series3, (2, 2), "o", "◆", "smooth", "◆┅")
    case .mse: (.series4, (1, 2), "x", "×", "MSE", "×┈")
    case .bce: (.series5, (6, 3), "#", "▼", "BCE", "▼─")
    }
  }

  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let state = context.state
    guard state.scenario.classes >= 2 else {
      // One logit per sample: no softmax, so nothing for the softmax losses to compare.
      let inner = context.box(on: &canvas, rect, title: "compare")
      canvas.text(
        "the compare view needs two classes: a binary sample of one logit has no softmax",
        x: inner.x + 1, y: inner.y, style: .text, clip: inner)
      return
    }
    let curves = context.compareCurves
    let legendBeside = rect.width >= 100
    let legendRect: Rect
    let plots: Rect
    if legendBeside {
      (plots, legendRect) = rect.splitColumns(rect.width - max(44, min(60, rect.width * 3 / 10)))
    } else {
      let legendHeight = ComparedLoss.allCases.count + 3
      (plots, legendRect) = rect.splitRows(rect.height - legendHeight)
    }
    drawPlots(
      context, curves: curves, sideBySide: !legendBeside && plots.height < 12, in: plots,
      on: &canvas)
    drawLegend(context, curves: curves, in: legendRect, on: &canvas)
  }

  /// The two plots, ℓ above |∂ℓ/∂z_y| (or side by side, short of rows: a lesson's panel below
  /// at 80×24).
  static func drawPlots(
    _ context: RenderContext, curves: CompareCurves, sideBySide: Bool, in plots: Rect,
    on canvas: inout Canvas
  ) {
    let state = context.state
    let (top, bottom) =
      sideBySide ? plots.splitColumns(plots.width / 2) : plots.splitRows(plots.height * 11 / 20)
    let ell = context.ell
    // The y-axis shows every curve from p_y = 0.05 up (from 10⁻³ when the axis is logarithmic:
    // the wrong answers are what it is for).
    let from: Float = curves.axis == .logarithmic ? 1e-3 : 0.05
    let lossTop = LossCurve.niceTop(
      curves.curves.map { peak($0.values, from: curves.probabilities, above: from) }.max() ?? 1,
      logScale: state.logScale)
    let xName = curves.axis == .logarithmic ? "log p_y" : "p_y"
    drawPlot(
      context, curves: curves, series: \.values, current: \.current, upper: lossTop,
      logScale: state.logScale,
      title: "\(ell) vs \(xName)" + (state.logScale ? " (y: log)" : " (y: linear)") + " · X axis",
      hotkey: "y", in: top, on: &canvas)
    let gradientTop = LossCurve.niceTop(
      curves.curves.map { peak($0.gradients, from: curves.probabilities, above: 0) }.max() ?? 1,
      logScale: false, margin: 1)
    drawPlot(
      context, curves: curves, series: \.gradients, current: \.currentGradient,
      upper: gradientTop, logScale: false,
      title: (context.symbols == .ascii ? "|dl/dz_y| vs " : "|∂ℓ/∂z_y| vs ") + xName, hotkey: nil,
      in: bottom, on: &canvas)
  }

  /// The largest finite value from `p_y ≥ above` (the y-axis shows that much of every curve).
  static func peak(_ values: [Float], from ps: [Float], above: Float) -> Float {
    zip(ps, values).filter { $0.0 >= above && $0.1.isFinite }.map(\.1).max() ?? 1
  }

  private static func drawPlot(
    _ context: RenderContext, curves: CompareCurves, series: KeyPath<CompareCurves.Curve, [Float]>,
    current: KeyPath<CompareCurves.Curve, Float>, upper: Float, logScale: Bool, title: String,
    hotkey: Character?, in rect: Rect, on canvas: inout Canvas
  ) {
    let inner = context.box(on: &canvas, rect, title: title, hotkey: hotkey)
    guard inner.width >= 12, inner.height >= 3,
      let axes = ProbabilityPlot(
        in: inner, upper: Double(upper), logScale: logScale, topRows: 0, symbols: context.symbols,
        axis: curves.axis)
    else { return }
    let plot = axes.plot
    context.region(plot, .probabilityAxis)
    guard canvas.isDrawing else { return }
    var grid = axes.grid
    let highlighted = context.state.highlightedCurve
    let order =
      curves.curves.filter { $0.loss != highlighted }
      + curves.curves.filter {
        $0.loss == highlighted
      }
    if let pixels = context.pixels {
      drawPixels(
        context, pixels: pixels, axes: axes, curves: curves, order: order, series: series,
        current: current, on: &canvas)
      return
    }
    // Presenter mode: lines two dots deep and bold axes.
    let presenting = context.state.presenting
    for curve in order {
      let look = look(curve.loss)
      let values = curve[keyPath: series]
      axes.trace(
        { curves.value(values, at: $0) },
        style: Style(look.role, bold: curve.loss == highlighted), pattern: look.pattern,
        mark: look.mark, thickness: presenting && context.symbols == .block ? 2 : 1, on: &grid)
    }
    grid.draw(into: &canvas, x: plot.x, y: plot.y)
    axes.drawAxes(symbols: context.symbols, bold: presenting, on: &canvas)
    let ascii = context.symbols == .ascii
    // Shape as well as colour: each curve's glyph on its line every few cells, the curves
    // staggered so two glyphs never share a column, and its label once, at a column of its own.
    let spacing = max(10, plot.width / 5)
    let count = curves.curves.count
    var glyphs: [(curve: Int, x: Int, row: Int)] = []
    for (k, curve) in curves.curves.enumerated() {
      let values = curve[keyPath: series]
      var x = plot.x + 1 + k * spacing / count
      while x < plot.maxX - 1 {
        if let row = axes.row(curves.value(values, at: axes.probability(atColumn: x))),
          row >= plot.y, row < plot.maxY
        {
          glyphs.append((k, x, row))
          if !ascii {
            let look = look(curve.loss)
            canvas.put(look.glyph, x: x, y: row, style: Style(look.role, bold: true))
          }
        }
        x += spacing
      }
    }
    // Each label once, right of one of its curve's glyphs where it covers no glyph and no other
    // label; none in a plot too narrow to hold them.
    if plot.width >= 30 {
      var covered = Set(glyphs.map { $0.row * 10_000 + $0.x })
      // Nor over the sample's points, which stand up to two cells either side of its column.
      let sampleColumn = axes.column(context.targetProbability)
      for row in plot.y..<plot.maxY {
        for x in (sampleColumn - 2)...(sampleColumn + 2) { covered.insert(row * 10_000 + x) }
      }
      for (k, curve) in curves.curves.enumerated() {
        let look = look(curve.loss)
        for glyph in glyphs where glyph.curve == k {
          let cells = (glyph.x + 1)...(glyph.x + look.label.count)
          guard cells.upperBound < plot.maxX,
            cells.allSatisfy({ !covered.contains(glyph.row * 10_000 + $0) })
          else { continue }
          canvas.text(
            look.label, x: glyph.x + 1, y: glyph.row, style: Style(look.role, bold: true),
            clip: plot)
          for x in (glyph.x)...(cells.upperBound + 1) { covered.insert(glyph.row * 10_000 + x) }
          break
        }
      }
    }
    // The sample's p_y across the plot, and its point on every curve. Points that would share a
    // cell stand side by side, so none hides another (the legend lists every value).
    let column = axes.column(context.targetProbability)
    for y in plot.y..<plot.maxY where canvas[column, y].character == " " {
      canvas.put(context.symbols.verticalLine, x: column, y: y, style: .dim)
    }
    var taken: [Int: Int] = [:]
    let offsets = [0, 1, -1, 2, -2]
    for curve in order {
      let value = curve[keyPath: current]
      let look = look(curve.loss)
      let row = axes.row(value) ?? plot.y
      let onAxis = axes.row(value) != nil
      let shift = offsets[min(taken[row, default: 0], offsets.count - 1)]
      taken[row, default: 0] += 1
      let glyph: Character = onAxis ? (ascii ? look.mark : "●") : (ascii ? "^" : "↑")
      canvas.put(
        glyph, x: min(max(column + shift, plot.x), plot.maxX - 1), y: row,
        style: Style(look.role, bold: true), clip: plot)
    }
  }

  /// The plot in real pixels (``PlotImage``): each curve in its colour with its own dash
  /// pattern (the highlighted one wider and solid-drawn last), the sample's p_y as a thin line,
  /// and its point on every curve a disc with an outline, points that would overlap set side by
  /// side; the axes stay text.
  static func drawPixels(
    _ context: RenderContext, pixels: PixelOptions, axes: ProbabilityPlot, curves: CompareCurves,
    order: [CompareCurves.Curve], series: KeyPath<CompareCurves.Curve, [Float]>,
    current: KeyPath<CompareCurves.Curve, Float>, on canvas: inout Canvas
  ) {
    let plot = axes.plot
    let presenting = context.state.presenting
    let width = plot.width * pixels.cellWidth, height = plot.height * pixels.cellHeight
    let base = presenting ? 3.0 : 2.0
    let highlighted = context.state.highlightedCurve
    var shapes: [Picture.Shape] = []
    let across = axes.axis.fraction(Double(context.targetProbability)) * Double(width)
    shapes.append(
      .polyline(
        [.init(across, 0), .init(across, Double(height))], width: 1,
        color: pixels.color(.axis), dash: .init(on: 3, off: 3)))
    for curve in order {
      let look = look(curve.loss)
      let values = curve[keyPath: series]
      let dash = look.pattern.map { Picture.Dash(on: Double($0.on) * 3, off: Double($0.off) * 3) }
      for points in axes.pixelLines({ curves.value(values, at: $0) }, width: width, height: height)
      {
        shapes.append(
          .polyline(
            points, width: curve.loss == highlighted ? base + 1 : base,
            color: pixels.color(look.role), dash: dash))
      }
    }
    var placed: [Picture.Point] = []
    let radius = presenting ? 7.0 : 4.5
    for curve in order {
      let value = curve[keyPath: current]
      var at =
        axes.pixel(context.targetProbability, value, width: width, height: height)
        ?? Picture.Point(across, radius)
      // Side by side where another point is within a diameter.
      var step = 0
      while placed.contains(where: {
        abs($0.x - at.x) < 2 * radius && abs($0.y - at.y) < 2 * radius
      }),
        step < 8
      {
        step += 1
        at.x = across + Double((step + 1) / 2) * 2 * radius * (step % 2 == 1 ? 1 : -1)
      }
      placed.append(at)
      shapes.append(
        .disc(
          center: at, radius: radius, fill: pixels.color(look(curve.loss).role),
          outline: pixels.color(.title), outlineWidth: 1.5))
    }
    context.image(
      plot, Picture(width: width, height: height, background: pixels.background, shapes: shapes))
    axes.drawAxes(symbols: context.symbols, bold: presenting, namesAxis: false, on: &canvas)
  }

  /// One row per curve: its pattern, its name, ℓ and |∂ℓ/∂z_y| at the sample (four decimals),
  /// then what the highlighted curve shows.
  static func drawLegend(
    _ context: RenderContext, curves: CompareCurves, in rect: Rect, on canvas: inout Canvas
  ) {
    let ascii = context.symbols == .ascii
    let title = "at p_y = \(NumberFormat.fixed4(context.targetProbability)) · Tab highlights"
    let inner = context.box(on: &canvas, rect, title: title, hotkey: nil)
    guard inner.width >= 20, inner.height >= 1 else { return }
    let ell = context.ell
    let gradientHeader = ascii ? "|dl/dz_y|" : "|∂ℓ/∂z_y|"
    let nameWidth = max(8, inner.width - 3 - 8 - max(10, gradientHeader.count + 1))
    func row(_ name: String, _ loss: String, _ gradient: String) -> String {
      // Folded first, so `γ` → `gamma` is counted in the padding.
      let name = ascii ? AsciiFold.fold(name) : name
      let cut = name.count > nameWidth ? String(name.prefix(nameWidth - 1)) + "…" : name
      return cut.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
        + PipelineWidget.pad(loss, 8)
        + PipelineWidget.pad(gradient, max(10, gradientHeader.count + 1))
    }
    canvas.text(
      "   " + row("", ell, gradientHeader), x: inner.x, y: inner.y, style: Style(.axis, bold: true),
      clip: inner)
    let highlighted = context.state.highlightedCurve
    for (index, curve) in curves.curves.enumerated() where index + 1 < inner.height {
      let y = inner.y + 1 + index
      context.region(
        Rect(x: inner.x, y: y, width: inner.width, height: 1), .curveLegend(curve.loss))
      let look = look(curve.loss)
      let isHighlighted = curve.loss == highlighted
      if isHighlighted {
        canvas.put(
          context.symbols.selectionGlyph, x: inner.x, y: y, style: Style(.selected, bold: true))
      }
      canvas.text(
        ascii ? String(repeating: look.mark, count: 2) : look.sample, x: inner.x + 1, y: y,
        style: Style(look.role, bold: true), clip: inner)
      canvas.text(
        row(
          curve.name, NumberFormat.fixed4(curve.current), NumberFormat.fixed4(curve.currentGradient)
        ),
        x: inner.x + 3, y: y, style: Style(isHighlighted ? .selected : .text, bold: isHighlighted),
        clip: inner)
    }
    // What the highlighted curve shows (the open lesson has its own panel below the view).
    let paragraphs: [(String, Style)] = [(note(highlighted), .dim)]
    var y = inner.y + 1 + curves.curves.count + 1
    for (paragraph, style) in paragraphs {
      // Folded before it is wrapped, so an ASCII word is never cut at the box's edge.
      let text = ascii ? AsciiFold.fold(paragraph) : paragraph
      for line in ExplanationWidget.wrap(text, width: inner.width - 1) where y < inner.maxY {
        canvas.text(line, x: inner.x + 1, y: y, style: style, clip: inner)
        y += 1
      }
      y += 1
    }
  }

  /// What the highlighted curve shows, in a sentence.
  static func note(_ loss: ComparedLoss) -> String {
    switch loss {
    case .crossEntropy:
      "−log p_y: its gradient 1 − p_y stays large while the answer is wrong, and is zero only at p_y = 1."
    case .focal:
      "(1 − p_y)^γ turns down easy examples: its gradient vanishes as p_y → 1, long before cross-entropy's (f/F change γ)."
    case .smoothed:
      "The target is spread over the classes: the loss has its minimum before p_y = 1, so logits stop growing (s/S change ε)."
    case .mse:
      "Squared error on the probabilities: its gradient vanishes as p_y → 0, so a confidently wrong answer barely learns."
    case .bce:
      "One sigmoid per class against the one-hot target: every other class's logit is pushed down on its own."
    }
  }
}
