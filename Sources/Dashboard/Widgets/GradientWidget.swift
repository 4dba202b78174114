import Foundation
import Canvas

/// A diverging bar per logit for `∂L/∂z` (negative left, positive right, with arrows and
/// values) on a fixed scale, and, for three softmax classes with room to spare, the simplex.
///
/// The scale is fixed so that a small gradient looks small: a full half-bar is 1, growing by
/// powers of ten only when a gradient exceeds it (and the title says so). At `z = [10, 0, 0]`,
/// target 0, the bars are nearly empty and their numbers say why.
enum GradientWidget {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let scale = fullScale(context.gradient)
    let scaleText =
      context.hidden.contains(.gradient)
      ? "hidden: Enter reveals"
      : scale == 1 ? "full bar = 1" : "full bar = \(NumberFormat.short(scale)), |∂L/∂z| > 1"
    let inner = context.box(
      on: &canvas,
      rect, title: "∂L/∂z · g descends · \(scaleText)", hotkey: "g")
    guard inner.width >= 16, inner.height >= 1 else { return }
    var barsArea = inner
    if context.classes == 3, context.state.scenario.loss.link == .softmax, inner.width >= 54,
      context.hidden.isDisjoint(with: [.probability, .gradient]),
      inner.height >= 7
    {
      let simplexWidth = min(inner.width / 2, inner.height * 2 + 8)
      let (left, right) = inner.splitColumns(inner.width - simplexWidth)
      barsArea = left
      SimplexView.draw(context, in: right, on: &canvas)
    }
    drawBars(context, scale: scale, in: barsArea, on: &canvas)
  }

  /// One diverging bar: an axis at `center` and an arrow of up to `half` cells, left for a
  /// negative gradient and right for a positive one, `half` cells being `scale`.
  static func drawArrow(
    _ g: Float, scale: Float, center: Int, half: Int, y: Int, context: RenderContext,
    on canvas: inout Canvas
  ) {
    canvas.put(context.symbols.verticalLine, x: center, y: y, style: Style(.axis))
    let length = g.isFinite ? min(half, cellCoordinate(abs(g) / scale * Float(half))) : 0
    guard length > 0 else { return }
    let (leftArrow, rightArrow) = context.symbols.arrows
    let fill: Character = context.symbols == .ascii ? "=" : "━"
    let style = Style(g < 0 ? .negative : .positive, bold: true)
    for i in 1...length {
      canvas.put(
        i == length ? (g < 0 ? leftArrow : rightArrow) : fill, x: g < 0 ? center - i : center + i,
        y: y, style: style)
    }
  }

  /// 1, or the power of ten at or above the largest finite gradient.
  static func fullScale(_ gradient: [Float]) -> Float {
    let largest = gradient.map { $0.isFinite ? abs($0) : 0 }.max() ?? 0
    guard largest > 1 else { return 1 }
    return Float(pow(10, ceil(log10(Double(largest)))))
  }

  private static func drawBars(
    _ context: RenderContext, scale: Float, in area: Rect, on canvas: inout Canvas
  ) {
    let gradient = context.gradient
    let labelWidth = String(context.classes - 1).count
    let valueWidth = 9
    let barX = area.x + 2 + labelWidth + 1
    let barWidth = area.maxX - valueWidth - barX
    guard barWidth >= 5 else { return }
    let half = (barWidth - 1) / 2
    let center = barX + half
    let (rows, hidden) = context.visibleClasses(height: area.height)
    for (row, c) in rows.enumerated() {
      let y = area.y + row
      context.region(Rect(x: area.x, y: y, width: area.width, height: 1), .classRow(c))
      let selected = c == context.state.selectedClass
      if selected {
        canvas.put(
          context.symbols.selectionGlyph, x: area.x, y: y, style: Style(.selected, bold: true))
      }
      canvas.text(
        context.classLabel(c), x: area.x + 2, y: y,
        style: Style(selected ? .selected : .text, bold: selected, reverse: selected))
      let g = gradient[c]
      if context.hidden.contains(.gradient) {
        canvas.put(context.symbols.verticalLine, x: center, y: y, style: Style(.axis))
        let value = context.masked(NumberFormat.signed4(g), .gradient)
        canvas.text(value, x: area.maxX - value.count, y: y, style: .text)
        continue
      }
      drawArrow(g, scale: scale, center: center, half: half, y: y, context: context, on: &canvas)
      let value = NumberFormat.signed4(g)
      canvas.text(
        value, x: area.maxX - value.count, y: y, style: Style(g < 0 ? .negative : .positive))
    }
    context.drawHidden(hidden, x: area.x + 2, y: area.y + rows.count, clip: area, on: &canvas)
  }
}
