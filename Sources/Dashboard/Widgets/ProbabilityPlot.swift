import Foundation
import Canvas
import Pixels

/// A plot with `p_y` from 0 to 1 across and a value up, from 0 (or 10⁻³ on a log scale) to a
/// fixed top: its geometry and its axes, shared by the loss curve and the compare view.
struct ProbabilityPlot {
  /// Where the dots go (inside the axes).
  let plot: Rect
  let grid: DotGrid
  let upper: Double
  let logScale: Bool
  /// How `p_y` is spread across (the compare view's key X makes it logarithmic).
  let axis: ProbabilityAxis
  private let inner: Rect
  private let ticks: [Double]
  private let labels: [String]
  private let gutter: Int

  /// The lowest value a log scale shows.
  static let lowerLog = 1e-3

  /// Lays out a plot in `inner`: tick labels in a left gutter, the p_y axis on the last row,
  /// `topRows` rows left free at the top (for a legend). `nil` when there is too little room.
  init?(
    in inner: Rect, upper: Double, logScale: Bool, topRows: Int, symbols: SymbolSet,
    axis: ProbabilityAxis = .linear
  ) {
    self.axis = axis
    ticks =
      logScale
      ? Ticks.decades(lower: ProbabilityPlot.lowerLog, upper: upper)
      : Ticks.linear(upper: upper, count: max(2, min(5, inner.height / 2)))
    labels = Ticks.labels(ticks)
    gutter = (labels.map(\.count).max() ?? 1) + 1
    plot = Rect(
      x: inner.x + gutter, y: inner.y + topRows, width: inner.width - gutter,
      height: inner.height - 1 - topRows)
    guard plot.width >= 4, plot.height >= 2 else { return nil }
    self.inner = inner
    self.upper = upper
    self.logScale = logScale
    grid = DotGrid(columns: plot.width, rows: plot.height, symbols: symbols)
  }

  /// How far up the plot a value lies, 0 at the bottom and 1 at the top; `nil` above it (or not a
  /// number). The pixel form of ``dotY(_:)``.
  func fractionUp(_ value: Double) -> Double? {
    let lower = ProbabilityPlot.lowerLog
    let fraction =
      logScale
      ? (log10(max(value, lower)) - log10(lower)) / (log10(upper) - log10(lower))
      : value / upper
    guard fraction.isFinite, fraction <= 1 else { return nil }
    return max(fraction, 0)
  }

  /// `f` in a picture of the plot `width × height` pixels: a polyline per stretch where it is
  /// on the plot, one point per pixel column (a stretch above the top ends at the edge).
  func pixelLines(_ f: (Float) -> Float, width: Int, height: Int) -> [[Picture.Point]] {
    var lines: [[Picture.Point]] = []
    var current: [Picture.Point] = []
    for x in 0...max(0, width) {
      let p = Float(axis.probability(Double(x) / Double(max(1, width))))
      guard let up = fractionUp(Double(f(min(max(p, 1e-6), 1 - 1e-6)))) else {
        if !current.isEmpty { lines.append(current) }
        current = []
        continue
      }
      current.append(Picture.Point(Double(x), (1 - up) * Double(height)))
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// A point `(p, value)` in a picture of the plot, `nil` above it.
  func pixel(_ p: Float, _ value: Float, width: Int, height: Int) -> Picture.Point? {
    guard let up = fractionUp(Double(value)) else { return nil }
    let across = axis.fraction(Double(min(max(p.isFinite ? p : 0, 0), 1)))
    return Picture.Point(across * Double(width), (1 - up) * Double(height))
  }

  /// The dot row of a value, or `nil` above the axis (or not a number).
  func dotY(_ value: Double) -> Int? {
    fractionUp(value).map { cellCoordinate((1 - $0) * Double(grid.dotHeight - 1)) }
  }

  /// The dot column of a probability.
  func dotX(_ p: Double) -> Int { cellCoordinate(axis.fraction(p) * Double(grid.dotWidth - 1)) }

  /// The cell column of a probability.
  func column(_ p: Float) -> Int {
    let p = p.isFinite ? min(max(p, 0), 1) : 0
    return plot.x + min(max(dotX(Double(p)), 0), grid.dotWidth - 1) / grid.dotsPerCell.x
  }

  /// The `p_y` at the middle of a cell column of the plot.
  func probability(atColumn column: Int) -> Float {
    Float(axis.probability((Double(column - plot.x) + 0.5) / Double(max(1, plot.width))))
  }

  /// The cell row of a value, or `nil` above the axis.
  func row(_ value: Float) -> Int? {
    dotY(Double(value)).map { plot.y + $0 / grid.dotsPerCell.y }
  }

  /// Plots `f(p)` across the plot: a solid line, or a pattern of `(on, off)` dots, `thickness`
  /// dots deep (presenter mode draws its lines thick enough to read across a room).
  func trace(
    _ f: (Float) -> Float, style: Style, pattern: (on: Int, off: Int)? = nil,
    mark: Character = "*", thickness: Int = 1, on grid: inout DotGrid
  ) {
    var previous: (Int, Int)?
    for x in 0..<grid.dotWidth {
      let p = Float(axis.probability((Double(x) + 0.5) / Double(grid.dotWidth)))
      guard let y = dotY(Double(f(p))) else {
        previous = nil
        continue
      }
      if let pattern {
        if x % (pattern.on + pattern.off) < pattern.on {
          for dy in 0..<max(1, thickness) { grid.set(x, y + dy, style: style, mark: mark) }
        }
        continue
      }
      for dy in 0..<max(1, thickness) {
        if let previous {
          grid.line(
            from: (previous.0, previous.1 + dy), to: (x, y + dy), style: style, mark: mark)
        } else {
          grid.set(x, y + dy, style: style, mark: mark)
        }
      }
      previous = (x, y)
    }
  }

  /// The tick labels, the y-axis line, and the p_y axis with its labels along the bottom.
  func drawAxes(
    symbols: SymbolSet, bold: Bool = false, namesAxis: Bool = true, on canvas: inout Canvas
  ) {
    let axisStyle = Style(.axis, bold: bold)
    for (value, label) in zip(ticks, labels) {
      guard let dot = dotY(value) else { continue }
      let row = plot.y + dot / grid.dotsPerCell.y
      canvas.text(
        String(repeating: " ", count: gutter - 1 - label.count) + label, x: inner.x, y: row,
        style: axisStyle, clip: inner)
    }
    for y in plot.y..<plot.maxY where canvas[plot.x - 1, y].character == " " {
      canvas.put(symbols.verticalLine, x: plot.x - 1, y: y, style: axisStyle)
    }
    let axisRow = plot.maxY
    canvas.put(symbols.axisCorner, x: plot.x - 1, y: axisRow, style: axisStyle)
    for x in plot.x..<plot.maxX {
      canvas.put(symbols.horizontalLine, x: x, y: axisRow, style: axisStyle)
    }
    let xTicks = axis.ticks(wide: plot.width >= 40)
    for (value, label) in zip(xTicks, Ticks.labels(xTicks)) {
      let column =
        plot.x + min(dotX(value) / grid.dotsPerCell.x, plot.width - 1)
        - (value == 1 ? label.count - 1 : (axis.fraction(value) == 0 ? 0 : label.count / 2))
      canvas.text(label, x: column, y: axisRow, style: axisStyle, clip: inner)
    }
    // Inside the plot, over its last row: left out where the plot is an image.
    if namesAxis {
      canvas.text("p_y", x: plot.maxX - 3, y: axisRow - 1, style: axisStyle, clip: inner)
    }
  }
}
