import Foundation
import Canvas
import Pixels

/// The probability simplex of a three-class softmax sample: the current `p` and where one
/// descent step moves it, `softmax(z − lr·∂L/∂z)` through Autograd (``Analysis``), drawn as a
/// line with an arrowhead.
enum SimplexView {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    guard rect.width >= 10, rect.height >= 5 else { return }
    let plot = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height - 1)
    if let pixels = context.pixels, canvas.isDrawing {
      drawPixels(context, pixels: pixels, plot: plot, rect: rect, on: &canvas)
      return
    }
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

  /// The simplex in real pixels (``PlotImage``) below its top row (which keeps the labels):
  /// the triangle, the point a disc, one step's direction an arrow.
  static func drawPixels(
    _ context: RenderContext, pixels: PixelOptions, plot: Rect, rect: Rect,
    on canvas: inout Canvas
  ) {
    let area = Rect(x: plot.x, y: plot.y + 1, width: plot.width, height: plot.height - 1)
    let width = area.width * pixels.cellWidth, height = area.height * pixels.cellHeight
    let margin = 6.0
    let w = Double(width) - 2 * margin, h = Double(height) - 2 * margin
    let vertices = [
      Picture.Point(margin, margin + h), Picture.Point(margin + w, margin + h),
      Picture.Point(margin + w / 2, margin),
    ]
    func point(_ p: [Float]) -> Picture.Point {
      let total = Double(p.reduce(0, +))
      let b = p.map { total > 0 ? Double($0) / total : 1.0 / 3 }
      return Picture.Point(
        b[0] * vertices[0].x + b[1] * vertices[1].x + b[2] * vertices[2].x,
        b[0] * vertices[0].y + b[1] * vertices[1].y + b[2] * vertices[2].y)
    }
    var shapes: [Picture.Shape] = [
      .polyline(vertices + [vertices[0]], width: 1.5, color: pixels.color(.dim), dash: nil)
    ]
    let p = context.probabilities
    let stepped = context.analysis.steppedProbabilities[context.sampleIndex]
    if p.allSatisfy(\.isFinite), stepped.allSatisfy(\.isFinite) {
      let from = point(p), to = point(stepped)
      let dx = to.x - from.x, dy = to.y - from.y
      let length = (dx * dx + dy * dy).squareRoot()
      if length > 1e-9 {
        let reach = min(w, h) * 0.3
        let ux = dx / length, uy = dy / length
        let tip = Picture.Point(from.x + ux * reach, from.y + uy * reach)
        func wing(_ turn: Double) -> Picture.Point {
          let c = cos(turn), s = sin(turn)
          let bx = -ux, by = -uy
          return Picture.Point(tip.x + (bx * c - by * s) * 9, tip.y + (bx * s + by * c) * 9)
        }
        let color = pixels.color(.negative)
        shapes.append(.polyline([from, tip], width: 2.5, color: color, dash: nil))
        shapes.append(.polyline([wing(0.5), tip, wing(-0.5)], width: 2.5, color: color, dash: nil))
      }
      shapes.append(
        .disc(
          center: from, radius: 5, fill: pixels.color(.marker), outline: pixels.color(.title),
          outlineWidth: 1.5))
    }
    context.image(
      area, Picture(width: width, height: height, background: pixels.background, shapes: shapes))
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
    let index = cellCoordinate(angle / (Double.pi / 4))
    return glyphs[(index % 8 + 8) % 8]
  }
}
