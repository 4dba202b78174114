import Canvas
/// Presenter mode (`z`, `--present`), for a projector, in each view: the view's plots over most of
/// the screen in block symbols with thick lines, bold axes and a big point, and beside them the
/// numbers a class must read, ℓ, p_y and the gradient, in big numerals, then the view's own
/// detail (gradient bars with their numbers and the pipeline table; the compare legend; the
/// landscape's numbers). The keys work as everywhere; `z` returns.
enum PresenterView {
  static func draw(_ context: RenderContext, in body: Rect, on canvas: inout Canvas) {
    let side = max(40, min(body.width * 2 / 5, 84))
    let (main, right) = body.splitColumns(body.width - side)
    // Blocks read better than braille from a distance (ASCII stays ASCII).
    let big = context.drawing(with: context.symbols == .ascii ? .ascii : .block)
    switch context.state.view {
    case .dashboard: dashboard(context, big: big, main: main, side: right, on: &canvas)
    case .compare: compare(context, big: big, main: main, side: right, on: &canvas)
    case .landscape: landscape(context, main: main, side: right, on: &canvas)
    }
  }

  /// A number to show big: its label, its digits, its colour.
  struct Figure {
    var label: String
    var value: String
    var role: Role
  }

  /// The loss curve; ℓ, p_y and ∂L/∂z_y big; the gradient bars; the pipeline table with ∂L/∂z.
  private static func dashboard(
    _ context: RenderContext, big: RenderContext, main: Rect, side: Rect, on canvas: inout Canvas
  ) {
    LossCurveWidget.draw(big, in: main, on: &canvas)
    let i = context.sampleIndex, target = context.sample.target
    let gradient = context.analysis.gradients[i][target]
    let d = context.symbols == .ascii ? "dL/dz_y" : "∂L/∂z_y"
    let figures = [
      Figure(
        label: context.ell,
        value: context.masked(NumberFormat.fixed4(context.analysis.perSample[i]), .loss),
        role: .marker),
      Figure(
        label: "p_y",
        value: context.masked(NumberFormat.fixed4(context.probabilities[target]), .probability),
        role: .target),
      Figure(
        label: d, value: context.masked(NumberFormat.signed4(gradient), .gradient),
        role: gradient < 0 ? .negative : .positive),
    ]
    let rows = context.classes
    let gradientHeight = min(rows + 2, max(3, side.height / 3))
    let tableHeight = min(rows + 3, max(4, side.height / 3))
    let numbersHeight = side.height - gradientHeight - tableHeight
    let (numbers, rest) = side.splitRows(numbersHeight)
    let (bars, table) = rest.splitRows(gradientHeight)
    let reduced =
      "loss (\(context.state.scenario.reduction.rawValue)) "
      + context.masked(NumberFormat.fixed4(context.analysis.totalLoss), .loss)
    drawFigures(
      context, figures, footer: reduced,
      title: "\(context.state.scenario.lossTitle) · z returns", hotkey: "z", in: numbers,
      on: &canvas)
    GradientWidget.draw(context, in: bars, on: &canvas)
    PipelineWidget.draw(context, in: table, inlineBars: false, on: &canvas)
  }

  /// The compare view's two plots; the highlighted curve's ℓ and |∂ℓ/∂z_y| big, with p_y; the
  /// legend of all five.
  private static func compare(
    _ context: RenderContext, big: RenderContext, main: Rect, side: Rect, on canvas: inout Canvas
  ) {
    guard context.state.scenario.classes >= 2 else {
      CompareView.draw(context, in: main, on: &canvas)
      return
    }
    let curves = big.compareCurves
    CompareView.drawPlots(big, curves: curves, sideBySide: false, in: main, on: &canvas)
    let highlighted = context.state.highlightedCurve
    guard let curve = curves.curves.first(where: { $0.loss == highlighted }) else { return }
    let look = CompareView.look(highlighted)
    let d = context.symbols == .ascii ? "|dl/dz_y|" : "|∂ℓ/∂z_y|"
    let figures = [
      Figure(label: context.ell, value: NumberFormat.fixed4(curve.current), role: look.role),
      Figure(label: d, value: NumberFormat.fixed4(curve.currentGradient), role: look.role),
      Figure(label: "p_y", value: NumberFormat.fixed4(context.targetProbability), role: .target),
    ]
    let legendHeight = min(side.height / 2, ComparedLoss.allCases.count + 7)
    let (numbers, legend) = side.splitRows(side.height - legendHeight)
    drawFigures(
      context, figures, footer: nil, title: "\(curve.name) · Tab next · z returns", hotkey: "z",
      in: numbers, on: &canvas)
    CompareView.drawLegend(context, curves: curves, in: legend, on: &canvas)
  }

  /// The landscape's heatmap; ℓ and the gradient on both axes big; the landscape's numbers.
  private static func landscape(
    _ context: RenderContext, main: Rect, side: Rect, on canvas: inout Canvas
  ) {
    let state = context.state
    let target = state.sample.target
    guard let second = context.secondClass else {
      LandscapeView.draw(
        context,
        in: Rect(x: main.x, y: main.y, width: main.width + side.width, height: main.height),
        on: &canvas)
      return
    }
    let inner = context.box(
      on: &canvas, main,
      title: "\(context.ell) over z_\(target) → and z_\(second) ↑ · [ ] zoom · z returns",
      hotkey: nil)
    let landscape = HeatmapWidget.draw(context, in: inner, on: &canvas)
    let i = state.selectedSample
    let gradient = context.analysis.gradients[i]
    let d = context.symbols == .ascii ? "dL/dz_" : "∂L/∂z_"
    let figures = [
      Figure(
        label: context.ell, value: NumberFormat.fixed4(context.analysis.perSample[i]),
        role: .marker),
      Figure(
        label: "\(d)\(target)", value: NumberFormat.signed4(gradient[target]),
        role: gradient[target] < 0 ? .negative : .positive),
      Figure(
        label: "\(d)\(second)", value: NumberFormat.signed4(gradient[second]),
        role: gradient[second] < 0 ? .negative : .positive),
    ]
    let panelHeight = min(side.height / 2, 18)
    let (numbers, panel) = side.splitRows(side.height - panelHeight)
    drawFigures(
      context, figures, footer: "path: \(max(0, state.descentPath.count - 1)) steps",
      title: "landscape · g descends · z returns", hotkey: "g", in: numbers, on: &canvas)
    if let landscape {
      LandscapeView.drawPanel(context, landscape: landscape, in: panel, on: &canvas)
    }
  }

  /// The figures in a box, as big as the box allows: twice the big numerals where all fit so,
  /// else once, and any that do not fit as a bold line of text; then the footer. What is left
  /// is shared out above and between the figures, so the box is never a quarter empty.
  static func drawFigures(
    _ context: RenderContext, _ figures: [Figure], footer: String?, title: String,
    hotkey: Character?, in rect: Rect, on canvas: inout Canvas
  ) {
    let inner = context.box(on: &canvas, rect, title: title, hotkey: hotkey)
    guard inner.width >= 10, inner.height >= 1 else { return }
    // A quiz's hidden number (`?.????`) is no digits to draw big: it goes with the text lines.
    let figures =
      figures.filter { !$0.value.contains("?") } + figures.filter { $0.value.contains("?") }
    let widest = figures.map { BigDigits.width($0.value) + $0.label.count + 1 }.max() ?? 0
    let footerRows = footer == nil ? 0 : 1
    func rows(_ scale: Int) -> Int { BigDigits.height * scale + 1 }
    // The scale and how many figures are drawn big.
    var scale = 2
    var bigCount = figures.filter { !$0.value.contains("?") }.count
    while scale >= 1 {
      let fitsWidth = inner.width >= widest * scale + 2
      let textRows = figures.count - bigCount
      if fitsWidth, bigCount * rows(scale) + textRows + footerRows <= inner.height { break }
      if scale == 2 {
        scale = 1
        continue
      }
      if bigCount == 0 { break }
      bigCount -= 1
    }
    let used = bigCount * rows(scale) + (figures.count - bigCount) + footerRows
    let gap = max(0, (inner.height - used) / (bigCount + 1))
    var y = inner.y + gap
    for figure in figures.prefix(bigCount) {
      canvas.text(figure.label, x: inner.x + 1, y: y, style: Style(.title, bold: true), clip: inner)
      let width = BigDigits.width(figure.value, scale: scale)
      let x = inner.x + max(figure.label.count + 2, (inner.width - width) / 2)
      BigDigits.draw(
        figure.value, x: min(x, inner.maxX - width), y: y + 1, scale: scale,
        style: Style(figure.role, bold: true), clip: inner, symbols: context.symbols, on: &canvas)
      y += rows(scale) + gap
    }
    for figure in figures.dropFirst(bigCount) where y < inner.maxY {
      canvas.text(
        "\(figure.label) \(figure.value)", x: inner.x + 1, y: y,
        style: Style(figure.role, bold: true), clip: inner)
      y += 1
    }
    if let footer, y < inner.maxY {
      canvas.text(
        footer, x: inner.x + 1, y: min(y, inner.maxY - 1), style: Style(.text, bold: true),
        clip: inner)
    }
  }
}
