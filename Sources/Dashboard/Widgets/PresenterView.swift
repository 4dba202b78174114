import Canvas
/// Presenter mode, for a projector: the loss curve over most of the screen in block symbols, the
/// sample's ℓ and p_y in big numerals beside it, and the pipeline table under them. The keys
/// work as everywhere; `z` returns.
enum PresenterView {
  static func draw(_ context: RenderContext, in body: Rect, on canvas: inout Canvas) {
    let side = max(30, min(body.width * 2 / 5, 56))
    let (curveArea, right) = body.splitColumns(body.width - side)
    // Blocks read better than braille from a distance (ASCII stays ASCII).
    let big = context.drawing(with: context.symbols == .ascii ? .ascii : .block)
    LossCurveWidget.draw(big, in: curveArea, on: &canvas)
    let tableHeight = min(right.height / 2, context.classes + 3)
    let (numbers, table) = right.splitRows(right.height - tableHeight)
    let inner = context.box(
      on: &canvas,
      numbers, title: "\(context.state.scenario.lossTitle) · z returns", hotkey: "z")
    let i = context.sampleIndex
    let loss = NumberFormat.fixed4(context.analysis.perSample[i])
    let p = NumberFormat.fixed4(context.probabilities[context.sample.target])
    // Twice as big where both numbers fit that way.
    let fitsDouble =
      inner.width >= BigDigits.width(loss, scale: 2) + 2
      && inner.height >= 2 * (2 * BigDigits.height + 2) + 1
    let scale = fitsDouble ? 2 : 1
    var y = inner.y
    for (label, value, role) in [(context.ell, loss, Role.marker), ("p_y", p, Role.target)] {
      guard y + BigDigits.height * scale + 1 <= inner.maxY else { break }
      canvas.text(label, x: inner.x + 1, y: y, style: Style(.title, bold: true), clip: inner)
      let x = inner.x + max(1, (inner.width - BigDigits.width(value, scale: scale)) / 2)
      BigDigits.draw(
        value, x: x, y: y + 1, scale: scale, style: Style(role, bold: true), clip: inner,
        symbols: context.symbols, on: &canvas)
      y += BigDigits.height * scale + 2
    }
    if y < inner.maxY {
      let reduced =
        "loss (\(context.state.scenario.reduction.rawValue)) "
        + NumberFormat.fixed4(context.analysis.totalLoss)
      canvas.text(reduced, x: inner.x + 1, y: y, style: Style(.text, bold: true), clip: inner)
    }
    PipelineWidget.draw(context, in: table, inlineBars: true, on: &canvas)
  }
}
