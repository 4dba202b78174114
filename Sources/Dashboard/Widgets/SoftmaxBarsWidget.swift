import Canvas
/// One bar per class: its probability to four decimals, the target marked, the selection
/// highlighted, and the uniform `1/C` level drawn across the bars.
enum SoftmaxBarsWidget {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let link = context.state.scenario.loss.link
    let isSigmoid = link == .sigmoid
    let title =
      (isSigmoid ? "sigmoid" : link == .logProbability ? "e^z (the rows as given)" : "softmax")
      + " · t sets target"
    let inner = context.box(on: &canvas, rect, title: title, hotkey: "t")
    guard inner.width >= 16, inner.height >= 1 else { return }
    let labelWidth = String(context.classes - 1).count
    let barX = inner.x + 3 + labelWidth + 1
    let valueWidth = 7
    let barWidth = inner.maxX - valueWidth - barX
    guard barWidth >= 2 else { return }
    let reference: Float = isSigmoid ? 0.5 : 1 / Float(context.classes)
    let referenceColumn =
      barX + min(barWidth - 1, cellCoordinate((reference * Float(barWidth)).rounded(.down)))
    let eighths = context.symbols.barEighths
    let (rows, hidden) = context.visibleClasses(height: inner.height)
    for (row, c) in rows.enumerated() {
      let y = inner.y + row
      let isTarget = context.isTarget(c)
      context.region(Rect(x: inner.x, y: y, width: inner.width, height: 1), .classRow(c))
      context.region(
        Rect(x: barX, y: y, width: barWidth, height: 1), .bar(class: c, x: barX, width: barWidth))
      context.drawClassHead(c, x: inner.x, y: y, on: &canvas)
      let probability = context.probabilities[c]
      // Under a quiz on p_y the bars are empty and the values `?.????`.
      let filled =
        probability.isFinite && !context.hidden.contains(.probability)
        ? cellCoordinate(min(max(probability, 0), 1) * Float(barWidth * 8)) : 0
      for i in 0..<barWidth {
        let eighth = min(8, max(0, filled - i * 8))
        let x = barX + i
        if eighth > 0 {
          canvas.put(eighths[eighth], x: x, y: y, style: Style(isTarget ? .target : .barFill))
        } else if x == referenceColumn {
          canvas.put(context.symbols.verticalLine, x: x, y: y, style: Style(.dim, dim: true))
        } else {
          canvas.put(
            context.symbols == .ascii ? "." : "·", x: x, y: y, style: Style(.barEmpty, dim: true))
        }
      }
      let value = context.masked(NumberFormat.fixed4(probability), .probability)
      canvas.text(
        value, x: inner.maxX - value.count, y: y,
        style: Style(isTarget ? .target : .text, bold: isTarget), clip: inner)
    }
    context.drawHidden(hidden, x: inner.x + 3, y: inner.y + rows.count, clip: inner, on: &canvas)
  }
}
