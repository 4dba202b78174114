import Canvas
/// The compare view: the loss family against `p_y` on one axis, their gradients on the target
/// logit below, and a legend with each one's value at the sample (``CompareCurves``).
///
/// Each curve has its own colour, line pattern and ASCII mark, so they differ in more than
/// colour; the highlighted one (Tab) is drawn last and bold.
enum CompareView {
  /// How each curve is drawn: role, dot pattern (`nil`: solid), ASCII mark, legend sample.
  static func look(_ loss: ComparedLoss) -> (
    role: Role, pattern: (on: Int, off: Int)?, mark: Character, sample: String
  ) {
    switch loss {
    case .crossEntropy: (.series1, nil, "*", "━━")
    case .focal: (.series2, (4, 2), "+", "╍╍")
    case .smoothed: (.series3, (2, 2), "o", "┅┅")
    case .mse: (.series4, (1, 2), "x", "┈┈")
    case .bce: (.series5, (6, 3), "#", "─ ")
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
    // Short of rows (a lesson's panel below, at 80×24), the two plots stand side by side.
    let (top, bottom) =
      !legendBeside && plots.height < 12
      ? plots.splitColumns(plots.width / 2) : plots.splitRows(plots.height * 11 / 20)
    let ell = context.ell
    let lossTop = LossCurve.niceTop(
      curves.curves.map { peak($0.values, from: curves.probabilities) }.max() ?? 1,
      logScale: state.logScale)
    drawPlot(
      context, curves: curves, series: \.values, current: \.current, upper: lossTop,
      logScale: state.logScale,
      title: "\(ell) vs p_y" + (state.logScale ? " (y: log)" : " (y: linear)"), hotkey: "y",
      in: top, on: &canvas)
    let gradientTop = LossCurve.niceTop(
      curves.curves.map { peak($0.gradients, from: curves.probabilities, above: 0) }.max() ?? 1,
      logScale: false, margin: 1)
    drawPlot(
      context, curves: curves, series: \.gradients, current: \.currentGradient,
      upper: gradientTop, logScale: false,
      title: context.symbols == .ascii ? "|dl/dz_y| vs p_y" : "|∂ℓ/∂z_y| vs p_y", hotkey: nil,
      in: bottom, on: &canvas)
    drawLegend(context, curves: curves, in: legendRect, on: &canvas)
  }

  /// The largest finite value from `p_y ≥ above` (the y-axis shows that much of every curve).
  static func peak(_ values: [Float], from ps: [Float], above: Float = 0.05) -> Float {
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
        in: inner, upper: Double(upper), logScale: logScale, topRows: 0, symbols: context.symbols)
    else { return }
    context.region(axes.plot, .probabilityAxis)
    guard canvas.isDrawing else { return }
    var grid = axes.grid
    let highlighted = context.state.highlightedCurve
    let order =
      curves.curves.filter { $0.loss != highlighted }
      + curves.curves.filter {
        $0.loss == highlighted
      }
    for curve in order {
      let look = look(curve.loss)
      let values = curve[keyPath: series]
      axes.trace(
        { curves.value(values, at: $0) },
        style: Style(look.role, bold: curve.loss == highlighted), pattern: look.pattern,
        mark: look.mark, on: &grid)
    }
    grid.draw(into: &canvas, x: axes.plot.x, y: axes.plot.y)
    axes.drawAxes(symbols: context.symbols, on: &canvas)
    // The sample's p_y across the plot, and its point on every curve.
    let column = axes.column(context.targetProbability)
    for y in axes.plot.y..<axes.plot.maxY where canvas[column, y].character == " " {
      canvas.put(context.symbols.verticalLine, x: column, y: y, style: .dim)
    }
    for curve in order {
      let value = curve[keyPath: current]
      let look = look(curve.loss)
      guard let row = axes.row(value) else {
        canvas.put(
          context.symbols == .ascii ? "^" : "↑", x: column, y: axes.plot.y,
          style: Style(look.role, bold: true))
        continue
      }
      canvas.put(
        context.symbols == .ascii ? look.mark : "●", x: column, y: row,
        style: Style(look.role, bold: true), clip: axes.plot)
    }
  }

  /// One row per curve: its pattern, its name, ℓ and |∂ℓ/∂z_y| at the sample (four decimals),
  /// then what the highlighted curve shows.
  private static func drawLegend(
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
      for line in ExplanationWidget.wrap(paragraph, width: inner.width - 1) where y < inner.maxY {
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
