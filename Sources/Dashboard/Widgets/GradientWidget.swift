import Foundation

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
      scale == 1 ? "full bar = 1" : "full bar = \(NumberFormat.short(scale)), |∂L/∂z| > 1"
    let inner = canvas.box(
      rect, title: "∂L/∂z · g descends · \(scaleText)", hotkey: "g", symbols: context.symbols)
    guard inner.width >= 16, inner.height >= 1 else { return }
    var barsArea = inner
    if context.classes == 3, context.state.scenario.loss != .bceOneVsRest, inner.width >= 54,
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
      canvas.region(Rect(x: area.x, y: y, width: area.width, height: 1), .classRow(c))
      let selected = c == context.state.selectedClass
      if selected {
        canvas.put(
          context.symbols.selectionGlyph, x: area.x, y: y, style: Style(.selected, bold: true))
      }
      canvas.text(
        context.classLabel(c), x: area.x + 2, y: y,
        style: Style(selected ? .selected : .text, bold: selected, reverse: selected))
      let g = gradient[c]
      drawArrow(g, scale: scale, center: center, half: half, y: y, context: context, on: &canvas)
      let value = NumberFormat.signed4(g)
      canvas.text(
        value, x: area.maxX - value.count, y: y, style: Style(g < 0 ? .negative : .positive))
    }
    context.drawHidden(hidden, x: area.x + 2, y: area.y + rows.count, clip: area, on: &canvas)
  }
}

/// The probability simplex of a three-class softmax sample: the current `p` and where one
/// descent step moves it, `softmax(z − lr·∂L/∂z)` through Autograd (``Analysis``), drawn as a
/// line with an arrowhead.
enum SimplexView {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    guard rect.width >= 10, rect.height >= 5 else { return }
    let plot = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height - 1)
    var grid = DotGrid(columns: plot.width, rows: plot.height, symbols: context.symbols)
    let w = Double(grid.dotWidth - 1), h = Double(grid.dotHeight - 1)
    // Vertices: class 0 bottom left, class 1 bottom right, class 2 top.
    let vertices = [(0.0, h), (w, h), (w / 2, 0.0)]
    func point(_ p: [Float]) -> (Double, Double) {
      let total = Double(p.reduce(0, +))
      let b = p.map { total > 0 ? Double($0) / total : 1.0 / 3 }
      return (
        b[0] * vertices[0].0 + b[1] * vertices[1].0 + b[2] * vertices[2].0,
        b[0] * vertices[0].1 + b[1] * vertices[1].1 + b[2] * vertices[2].1
      )
    }
    func dot(_ point: (Double, Double)) -> (Int, Int) {
      (cellCoordinate(point.0), cellCoordinate(point.1))
    }
    let edge = Style(.dim, dim: true)
    for (a, b) in [(0, 1), (1, 2), (2, 0)] {
      grid.line(from: dot(vertices[a]), to: dot(vertices[b]), style: edge)
    }
    let p = context.probabilities
    let stepped = context.analysis.steppedProbabilities[context.sampleIndex]
    var head: (x: Int, y: Int, glyph: Character)?
    if p.allSatisfy(\.isFinite), stepped.allSatisfy(\.isFinite) {
      let from = point(p), to = point(stepped)
      let dx = to.0 - from.0, dy = to.1 - from.1
      let length = (dx * dx + dy * dy).squareRoot()
      // The direction of the step, drawn a fixed length (the step itself may be a dot or half
      // the triangle).
      let reach = min(w, h) * 0.3
      if length > 1e-9 {
        let tip = (from.0 + dx / length * reach, from.1 + dy / length * reach)
        grid.line(from: dot(from), to: dot(tip), style: Style(.negative, bold: true))
        head = (
          plot.x + cellCoordinate(tip.0) / grid.dotsPerCell.x,
          plot.y + cellCoordinate(tip.1) / grid.dotsPerCell.y,
          arrowGlyph(dx: dx, dy: dy, ascii: context.symbols == .ascii)
        )
      }
      // The point: a block of dots, big enough to see.
      let centre = dot(from)
      for ox in -1...1 {
        for oy in -1...1 {
          grid.set(centre.0 + ox, centre.1 + oy, style: Style(.marker, bold: true))
        }
      }
    }
    grid.draw(into: &canvas, x: plot.x, y: plot.y, clip: rect)
    if let head {
      canvas.put(head.glyph, x: head.x, y: head.y, style: Style(.negative, bold: true), clip: plot)
    }
    canvas.text("0", x: plot.x - 1, y: plot.maxY, style: .dim, clip: rect)
    canvas.text("1", x: plot.maxX, y: plot.maxY, style: .dim, clip: rect)
    canvas.text("2", x: plot.x + plot.width / 2, y: plot.y, style: .dim, clip: rect)
    canvas.text("g moves p", x: plot.x + 1, y: plot.y, style: Style(.negative), clip: rect)
  }

  /// The arrow among eight that points most nearly along `(dx, dy)` (y down).
  static func arrowGlyph(dx: Double, dy: Double, ascii: Bool) -> Character {
    let glyphs: [Character] =
      ascii
      ? [">", "\\", "v", "/", "<", "\\", "^", "/"] : ["→", "↘", "↓", "↙", "←", "↖", "↑", "↗"]
    let angle = atan2(dy, dx)
    let index = Int((angle / (Double.pi / 4)).rounded())
    return glyphs[(index % 8 + 8) % 8]
  }
}
