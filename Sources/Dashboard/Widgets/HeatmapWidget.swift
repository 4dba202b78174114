import Foundation
import Canvas
import Pixels

/// The landscape's plot: ℓ over the target's logit (across) and the second logit (up) as a
/// heatmap of half-block cells (two square pixels a cell, `▀` with the upper pixel's ramp step as
/// foreground and the lower's as background), contour lines (``ShadeScale``), axis ticks, the
/// descent path, the grid's minimum, the sample's point and the negative-gradient arrow.
///
/// Without colour (NO_COLOR, the monochrome theme, ASCII) each cell is one character of a
/// density ramp instead, densest for the largest loss.
enum HeatmapWidget {
  /// Characters from low to high loss, for terminals without colour.
  static let densityRamp: [Character] = Array(" .:-=+*#%@")

  /// Draws the plot in `inner`; returns the landscape drawn (for the side panel), if any.
  @discardableResult
  static func draw(_ context: RenderContext, in inner: Rect, on canvas: inout Canvas) -> Landscape?
  {
    let state = context.state
    guard let window = state.landscapeWindow, let second = context.secondClass else {
      canvas.text(
        "the landscape needs two classes", x: inner.x + 1, y: inner.y, style: .dim, clip: inner)
      return nil
    }
    // Tick labels of the second logit on the left, of the target's along the bottom.
    let gutter = 7
    let plot = Rect(
      x: inner.x + gutter, y: inner.y, width: inner.width - gutter, height: inner.height - 1)
    guard plot.width >= 8, plot.height >= 4 else { return nil }
    context.region(plot, .landscape(window, columns: plot.width, pixelRows: 2 * plot.height))
    // Measuring where a click lands needs the plot's place, not its pixels.
    guard canvas.isDrawing,
      let landscape = context.landscape(columns: plot.width, pixelRows: 2 * plot.height),
      landscape.minimum.isFinite, landscape.maximum.isFinite
    else { return nil }
    let inPixels = context.pixels != nil
    let scale = ShadeScale(
      landscape, steps: context.colorRamp || inPixels ? 9 : densityRamp.count)
    // Each pixel's contour band, once (a pixel is compared with two neighbours).
    let bands = context.colorRamp || inPixels ? landscape.values.map(scale.band) : []
    /// A pixel on a contour: its band differs from its right or lower neighbour's, and the
    /// contour separates: the bands on both sides hold for two more pixels. Where the loss is so
    /// steep that every pixel is another band, no contour is drawn (it would be noise).
    func onContour(_ column: Int, _ row: Int) -> Bool {
      let index = row * landscape.columns + column
      func separates(_ step: Int, room: Int) -> Bool {
        guard room >= 3 else { return false }
        let here = bands[index], next = bands[index + step]
        guard next != here else { return false }
        return bands[index + 2 * step] == next && bands[index - step] == here
      }
      let right = landscape.columns - column, below = landscape.pixelRows - row
      return (column >= 1 && separates(1, room: right))
        || (row >= 1 && separates(landscape.columns, room: below))
    }
    /// A contour pixel is drawn four steps away from its own colour, so it always shows.
    func shade(_ column: Int, _ row: Int) -> Int {
      let l = scale.level(landscape.value(column: column, row: row))
      guard onContour(column, row) else { return l }
      return l >= 5 ? l - 4 : l + 4
    }
    if let pixels = context.pixels {
      drawPixels(
        context, pixels: pixels, landscape: landscape, window: window, shade: shade, plot: plot,
        on: &canvas)
      drawAxes(window: window, plot: plot, inner: inner, second: second, context, on: &canvas)
      return landscape
    }
    for row in 0..<plot.height {
      for column in 0..<plot.width {
        let x = plot.x + column, y = plot.y + row
        if context.colorRamp {
          canvas.put(
            "▀", x: x, y: y,
            style: .ramp(top: shade(column, 2 * row), bottom: shade(column, 2 * row + 1)))
        } else {
          let mean =
            (landscape.value(column: column, row: 2 * row)
              + landscape.value(column: column, row: 2 * row + 1)) / 2
          canvas.put(densityRamp[scale.level(mean)], x: x, y: y, style: Style(.text))
        }
      }
    }
    /// The style of a glyph drawn over the heatmap: on the cell's own colour.
    func over(_ role: Role, _ column: Int, _ row: Int) -> Style {
      var style = Style(role, bold: true)
      if context.colorRamp {
        style.rampBackground = UInt8(scale.level(landscape.value(column: column, row: 2 * row + 1)))
      }
      return style
    }
    func cell(_ point: SIMD2<Float>) -> (column: Int, row: Int)? {
      landscape.pixel(of: point).map { ($0.column, $0.row / 2) }
    }
    let ascii = context.symbols == .ascii
    // Presenter mode: bigger path dots and a frame around the point.
    let presenting = state.presenting
    // The grid's minimum, the descent path, then the point and its arrow on top.
    if let minimum = landscape.minimumPixel {
      let row = minimum.row / 2
      canvas.put(
        ascii ? "m" : "◇", x: plot.x + minimum.column, y: plot.y + row,
        style: over(.target, minimum.column, row))
    }
    let path = state.descentPath
    for (a, b) in zip(path, path.dropFirst()) {
      let distance = max(abs(b.x - a.x), abs(b.y - a.y))
      let pixels = min(
        4096, max(1, clampedInt(distance / (2 * window.halfHeight) * Float(2 * plot.height))))
      for k in 0...pixels {
        let t = Float(k) / Float(pixels)
        guard let c = cell(a + (b - a) * t) else { continue }
        canvas.put(
          ascii ? "o" : (presenting ? "●" : "•"), x: plot.x + c.column, y: plot.y + c.row,
          style: over(.marker, c.column, c.row))
      }
    }
    drawAxes(window: window, plot: plot, inner: inner, second: second, context, on: &canvas)
    if let point = context.landscapePoint, let c = cell(point) {
      drawArrow(from: c, context, over: over, plot: plot, on: &canvas)
      canvas.put(
        ascii ? "X" : "●", x: plot.x + c.column, y: plot.y + c.row,
        style: over(.selected, c.column, c.row))
      if presenting, !ascii {
        let frame: [(Int, Int, Character)] = [
          (-1, -1, "┏"), (0, -1, "━"), (1, -1, "┓"), (-1, 0, "┃"), (1, 0, "┃"), (-1, 1, "┗"),
          (0, 1, "━"), (1, 1, "┛"),
        ]
        for (dx, dy, glyph) in frame {
          let column = c.column + dx, row = c.row + dy
          guard column >= 0, column < plot.width, row >= 0, row < plot.height else { continue }
          canvas.put(
            glyph, x: plot.x + column, y: plot.y + row, style: over(.selected, column, row))
        }
      }
    }
    return landscape
  }

  /// The heatmap in real pixels (``PlotImage``): each landscape pixel a rectangle in its ramp
  /// step (contours four steps away, as in cells), the path as a line and the point as a disc,
  /// both white over black so they read on every step, the minimum a ring, the negative
  /// gradient an arrow.
  private static func drawPixels(
    _ context: RenderContext, pixels: PixelOptions, landscape: Landscape, window: LandscapeWindow,
    shade: (Int, Int) -> Int, plot: Rect, on canvas: inout Canvas
  ) {
    let state = context.state
    let cw = Double(pixels.cellWidth), ch = Double(pixels.cellHeight) / 2
    let width = plot.width * pixels.cellWidth, height = plot.height * pixels.cellHeight
    // A theme without a ramp (monochrome) gets greys.
    let greys: [RGB] = (0..<9).map { (step: Int) -> RGB in
      let v = UInt8(step * 31)
      return RGB(v, v, v)
    }
    let ramp = Set(pixels.ramp).count >= 2 ? pixels.ramp : greys
    var shapes: [Picture.Shape] = []
    shapes.reserveCapacity(landscape.columns * landscape.pixelRows + 8)
    // Whole-pixel edges (a cell may be an odd number of pixels high): no seams between rows.
    func edge(_ i: Int, _ count: Int, _ size: Int) -> Double {
      Double(i * size / max(1, count))
    }
    for row in 0..<landscape.pixelRows {
      let top = edge(row, landscape.pixelRows, height)
      let bottom = edge(row + 1, landscape.pixelRows, height)
      for column in 0..<landscape.columns {
        let left = edge(column, landscape.columns, width)
        let right = edge(column + 1, landscape.columns, width)
        let step = min(ramp.count - 1, shade(column, row) * (ramp.count - 1) / 8)
        shapes.append(
          .rectangle(x: left, y: top, width: right - left, height: bottom - top, color: ramp[step]))
      }
    }
    // Where a point of the plane lies in the picture, exactly (not its landscape pixel's
    // centre), so the path and the arrow are smooth lines; `nil` off the window.
    let halfWidth = Double(
      window.halfWidth(columns: landscape.columns, pixelRows: landscape.pixelRows))
    let halfHeight = Double(window.halfHeight)
    func centre(_ point: SIMD2<Float>) -> Picture.Point? {
      guard landscape.pixel(of: point) != nil else { return nil }
      let across = (Double(point.x) - Double(window.centre.x) + halfWidth) / (2 * halfWidth)
      let down = (Double(window.centre.y) + halfHeight - Double(point.y)) / (2 * halfHeight)
      return Picture.Point(across * Double(width), down * Double(height))
    }
    let presenting = state.presenting
    let dark = RGB(0, 0, 0), light = RGB(255, 255, 255)
    if let minimum = landscape.minimumPixel {
      let at = Picture.Point((Double(minimum.column) + 0.5) * cw, (Double(minimum.row) + 0.5) * ch)
      shapes.append(
        .disc(center: at, radius: 5, fill: pixels.color(.target), outline: dark, outlineWidth: 1.5))
    }
    let path = state.descentPath.compactMap(centre)
    if path.count > 1 {
      shapes.append(.polyline(path, width: presenting ? 6 : 4.5, color: dark, dash: nil))
      shapes.append(.polyline(path, width: presenting ? 3.5 : 2.5, color: light, dash: nil))
    }
    if let point = context.landscapePoint, let at = centre(point), let second = context.secondClass
    {
      let gradient = context.analysis.gradients[state.selectedSample]
      let direction = SIMD2(Double(-gradient[state.sample.target]), Double(-gradient[second]))
      let length = (direction * direction).sum().squareRoot()
      if length.isFinite, length > 1e-6 {
        // Six landscape pixels long on screen; up is minus y in the picture.
        let unit = SIMD2(direction.x / length, -direction.y / length)
        let reach = 6 * cw
        let tip = Picture.Point(at.x + unit.x * reach, at.y + unit.y * reach)
        let back = SIMD2(-unit.x, -unit.y)
        func wing(_ turn: Double) -> Picture.Point {
          let c = cos(turn), s = sin(turn)
          let v = SIMD2(back.x * c - back.y * s, back.x * s + back.y * c)
          return Picture.Point(tip.x + v.x * cw * 1.8, tip.y + v.y * cw * 1.8)
        }
        for (lineWidth, color) in [(presenting ? 6.0 : 4.5, dark), (presenting ? 3.5 : 2.5, light)]
        {
          shapes.append(.polyline([at, tip], width: lineWidth, color: color, dash: nil))
          shapes.append(
            .polyline([wing(0.5), tip, wing(-0.5)], width: lineWidth, color: color, dash: nil))
        }
      }
      shapes.append(
        .disc(center: at, radius: presenting ? 9 : 6, fill: light, outline: dark, outlineWidth: 2))
    }
    context.image(
      plot, Picture(width: width, height: height, background: pixels.background, shapes: shapes))
  }

  /// The negative gradient's direction from the point: a dotted shaft and a head, six pixels
  /// long on screen (pixels are square, so the direction is the gradient's).
  private static func drawArrow(
    from start: (column: Int, row: Int), _ context: RenderContext,
    over: (Role, Int, Int) -> Style, plot: Rect, on canvas: inout Canvas
  ) {
    let state = context.state
    guard let second = context.secondClass else { return }
    let gradient = context.analysis.gradients[state.selectedSample]
    let direction = SIMD2(-gradient[state.sample.target], -gradient[second])
    let length = (direction * direction).sum().squareRoot()
    guard length.isFinite, length > 1e-6 else { return }
    let unit = direction / length
    // Across one column is one pixel; up one row is two pixels.
    let cells = (1...6).map { k -> (Int, Int) in
      (
        start.column + cellCoordinate(unit.x * Float(k)),
        start.row - cellCoordinate(unit.y * Float(k) / 2)
      )
    }
    let head = headGlyph(unit, ascii: context.symbols == .ascii)
    // A line along the direction, not dots: it reads on every step of the ramp.
    let shaft = shaftGlyph(unit, ascii: context.symbols == .ascii)
    for (index, c) in cells.enumerated() where c != (start.column, start.row) {
      guard c.0 >= 0, c.0 < plot.width, c.1 >= 0, c.1 < plot.height else { break }
      let isHead = index == cells.count - 1
      canvas.put(
        isHead ? head : shaft, x: plot.x + c.0, y: plot.y + c.1, style: over(.accent, c.0, c.1))
    }
  }

  /// The line glyph nearest a direction, for the arrow's shaft.
  static func shaftGlyph(_ unit: SIMD2<Float>, ascii: Bool) -> Character {
    let angle = atan2(Double(unit.y), Double(unit.x))
    let octant = clampedInt(
      ((angle / (Double.pi / 4)).rounded() + 8).truncatingRemainder(dividingBy: 8))
    let glyphs: [Character] =
      ascii
      ? ["-", "/", "|", "\\", "-", "/", "|", "\\"] : ["━", "╱", "┃", "╲", "━", "╱", "┃", "╲"]
    return glyphs[octant]
  }

  /// The arrowhead nearest a direction.
  static func headGlyph(_ unit: SIMD2<Float>, ascii: Bool) -> Character {
    let angle = atan2(Double(unit.y), Double(unit.x))
    let octant = clampedInt(
      ((angle / (Double.pi / 4)).rounded() + 8).truncatingRemainder(dividingBy: 8))
    let glyphs: [Character] =
      ascii
      ? [">", "/", "^", "\\", "<", "/", "v", "\\"] : ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
    return glyphs[octant]
  }

  /// Ticks of the second logit on the left and of the target's logit along the bottom.
  private static func drawAxes(
    window: LandscapeWindow, plot: Rect, inner: Rect, second: Int, _ context: RenderContext,
    on canvas: inout Canvas
  ) {
    let pixelRows = 2 * plot.height
    let top = window.centre.y + window.halfHeight, bottom = window.centre.y - window.halfHeight
    for value in niceTicks(low: bottom, high: top, count: max(2, plot.height / 4)) {
      let row = clampedInt(((top - value) / (top - bottom) * Float(pixelRows)).rounded(.down)) / 2
      guard row >= 0, row < plot.height else { continue }
      let label = NumberFormat.short(value)
      canvas.text(
        String(repeating: " ", count: max(0, 6 - label.count)) + label + "┤", x: inner.x,
        y: plot.y + row, style: Style(.axis), clip: inner)
    }
    let halfWidth = window.halfWidth(columns: plot.width, pixelRows: pixelRows)
    let left = window.centre.x - halfWidth, right = window.centre.x + halfWidth
    let name = "z_\(context.state.sample.target) →"
    var nextFree = plot.x
    for value in niceTicks(low: left, high: right, count: max(2, plot.width / 12)) {
      let column =
        plot.x + clampedInt(((value - left) / (right - left) * Float(plot.width)).rounded(.down))
      let label = NumberFormat.short(value)
      let x = column - label.count / 2
      guard x >= nextFree, x + label.count <= plot.maxX - name.count - 1 else { continue }
      canvas.text(label, x: x, y: plot.maxY, style: Style(.axis), clip: inner)
      nextFree = x + label.count + 2
    }
    canvas.text(
      name, x: plot.maxX - name.count, y: plot.maxY, style: Style(.axis, bold: true), clip: inner)
    canvas.text(
      "z_\(second) ↑", x: inner.x, y: plot.maxY, style: Style(.axis, bold: true), clip: inner)
  }

  /// Round values (1, 2 or 5 × 10ᵏ apart) between `low` and `high`, about `count` of them.
  static func niceTicks(low: Float, high: Float, count: Int) -> [Float] {
    guard high > low, low.isFinite, high.isFinite else { return [] }
    let raw = Double(high - low) / Double(max(1, count))
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    let first = (Double(low) / step).rounded(.up)
    // + 0 turns −0 into 0, so no tick reads "-0".
    return stride(from: first * step, through: Double(high), by: step).map { Float($0) + 0 }
  }
}
