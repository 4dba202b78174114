/// A diverging bar per logit for `∂L/∂z` (negative left, positive right, with arrows and
/// values) and, for three classes with room to spare, the probability simplex.
enum GradientWidget {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let title = "∂L/∂z · g descends"
    let inner = canvas.box(rect, title: title, hotkey: "g", symbols: context.symbols)
    guard inner.width >= 16, inner.height >= 1 else { return }
    var barsArea = inner
    if context.classes == 3, inner.width >= 54, inner.height >= 7 {
      let simplexWidth = min(inner.width / 2, inner.height * 2 + 8)
      let (left, right) = inner.splitColumns(inner.width - simplexWidth)
      barsArea = left
      SimplexView.draw(context, in: right.inset(0), on: &canvas)
    }
    drawBars(context, in: barsArea, on: &canvas)
  }

  private static func drawBars(_ context: RenderContext, in area: Rect, on canvas: inout Canvas) {
    let gradient = context.gradient
    let labelWidth = String(context.classes - 1).count
    let valueWidth = 9
    let barX = area.x + 2 + labelWidth + 1
    let barWidth = area.maxX - valueWidth - barX
    guard barWidth >= 5 else { return }
    let half = (barWidth - 1) / 2
    let center = barX + half
    let largest = gradient.map { $0.isFinite ? abs($0) : 0 }.max() ?? 0
    let (leftArrow, rightArrow) = context.symbols.arrows
    for (row, c) in context.visibleClasses(height: area.height).enumerated() {
      let y = area.y + row
      let selected = c == context.state.selectedClass
      if selected { canvas.put(context.symbols.selectionGlyph, x: area.x, y: y, style: Style(.selected, bold: true)) }
      canvas.text(context.classLabel(c), x: area.x + 2, y: y, style: Style(selected ? .selected : .text, bold: selected, reverse: selected))
      canvas.put(context.symbols.verticalLine, x: center, y: y, style: Style(.axis))
      let g = gradient[c]
      let length = largest > 0 && g.isFinite ? cellCoordinate(abs(g) / largest * Float(half)) : 0
      let style = Style(g < 0 ? .negative : .positive, bold: true)
      let fill: Character = context.symbols == .ascii ? "=" : "━"
      if length > 0 {
        for i in 1...length {
          let x = g < 0 ? center - i : center + i
          canvas.put(i == length ? (g < 0 ? leftArrow : rightArrow) : fill, x: x, y: y, style: style)
        }
      }
      let value = NumberFormat.signed4(g)
      canvas.text(value, x: area.maxX - value.count, y: y, style: Style(g < 0 ? .negative : .positive))
    }
  }
}

/// The probability simplex of a three-class sample: the current `p` and the direction one
/// gradient step moves it, `Δp = −J·∂L/∂z` with the softmax Jacobian `J = diag(p) − ppᵀ`.
enum SimplexView {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    guard rect.width >= 10, rect.height >= 5 else { return }
    let plot = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height - 1)
    var grid = DotGrid(columns: plot.width, rows: plot.height, symbols: context.symbols)
    let w = Double(grid.dotWidth - 1), h = Double(grid.dotHeight - 1)
    // Vertices: class 0 bottom left, class 1 bottom right, class 2 top.
    let vertices = [(0.0, h), (w, h), (w / 2, 0.0)]
    func point(_ p: [Float]) -> (Int, Int) {
      let total = Double(p.reduce(0, +))
      let b = p.map { total > 0 ? Double($0) / total : 1.0 / 3 }
      let x = b[0] * vertices[0].0 + b[1] * vertices[1].0 + b[2] * vertices[2].0
      let y = b[0] * vertices[0].1 + b[1] * vertices[1].1 + b[2] * vertices[2].1
      return (cellCoordinate(x), cellCoordinate(y))
    }
    let edge = Style(.dim, dim: true)
    for (a, b) in [(0, 1), (1, 2), (2, 0)] {
      grid.line(from: (cellCoordinate(vertices[a].0), cellCoordinate(vertices[a].1)), to: (cellCoordinate(vertices[b].0), cellCoordinate(vertices[b].1)), style: edge)
    }
    let p = context.probabilities
    let g = context.gradient
    if p.allSatisfy(\.isFinite), g.allSatisfy(\.isFinite) {
      let dot = zip(p, g).reduce(Float(0)) { $0 + $1.0 * $1.1 }
      let delta = (0..<3).map { -p[$0] * (g[$0] - dot) }
      let size = delta.map(abs).max() ?? 0
      let scale: Float = size > 0 ? 0.25 / size : 0
      let tip = (0..<3).map { p[$0] + delta[$0] * scale }
      grid.line(from: point(p), to: point(tip), style: Style(.negative, bold: true))
      grid.set(point(p).0, point(p).1, style: Style(.marker, bold: true))
    }
    grid.draw(into: &canvas, x: plot.x, y: plot.y, clip: rect)
    canvas.text("0", x: plot.x - 1, y: plot.maxY, style: .dim, clip: rect)
    canvas.text("1", x: plot.maxX, y: plot.maxY, style: .dim, clip: rect)
    canvas.text("2", x: plot.x + plot.width / 2, y: plot.y, style: .dim, clip: rect)
    canvas.text("Δp", x: plot.x + 1, y: plot.y, style: Style(.negative), clip: rect)
  }
}
