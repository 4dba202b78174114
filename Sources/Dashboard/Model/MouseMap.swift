import Canvas
import TerminalInput

/// The actions a mouse report performs, found in the layout of the frame the state draws at the
/// terminal's size: the regions its widgets register (``HitRegion``, ``Frame/regions``).
///
/// Pure like ``Keymap``: the same state, report and size give the same actions, so a recording
/// of mouse reports replays exactly (the size is recorded too). ``step(_:_:derived:)`` calls it.
public enum MouseMap {
  /// How far the wheel moves the selected logit per notch.
  public static let wheelStep: Float = 0.1

  /// The actions for one report.
  ///
  /// - Parameters:
  ///   - event: The report.
  ///   - state: The state it acts on.
  ///   - width: The terminal's columns when the report was made.
  ///   - height: The terminal's rows then.
  ///   - symbols: The glyphs the frame was drawn with (ASCII titles fold to other widths).
  ///   - derived: The memo the layout's analysis comes from.
  /// - Returns: The actions, in order (none where the pointer touches nothing).
  static func actions(
    for event: MouseEvent, in state: DashboardState, width: Int, height: Int,
    symbols: SymbolSet, derived: Derived
  ) -> [Action] {
    guard state.mode.takesMouse else { return [] }
    switch event.kind {
    case .wheelUp: return [.nudgeLogit(wheelStep)]
    case .wheelDown: return [.nudgeLogit(-wheelStep)]
    case .release: return state.grab == nil ? [] : [.grab(nil)]
    case .click, .drag: break
    }
    // Laid out without drawing, at the size the report was made at (recordings and --size
    // clamp theirs where they are read).
    let regions = Frame.regions(
      state, width: width, height: height, symbols: symbols, derived: derived)
    if event.kind == .drag {
      guard let grab = state.grab else { return [] }
      let held = regions.last { region in
        switch (grab, region.target) {
        case (.bar(let c), .bar(let d, _, _)): c == d
        case (.curve, .probabilityAxis), (.landscape, .landscape): true
        default: false
        }
      }
      guard let held else { return [] }
      return moving(held, to: event, in: state)
    }
    guard let region = regions.last(where: { $0.contains(column: event.column, row: event.row) })
    else { return [] }
    switch region.target {
    case .classRow(let c):
      return [.chooseClass(c)]
    case .bar(let c, _, _):
      // A click selects the class and holds its bar; only a drag sets its probability, so
      // choosing a class never moves a logit.
      return [.chooseClass(c), .grab(.bar(c))]
    case .probabilityAxis:
      return [.grab(.curve)] + moving(region, to: event, in: state)
    case .landscape:
      return [.grab(.landscape)] + moving(region, to: event, in: state)
    case .key(let key):
      return Keymap.action(for: key, in: state.mode).map { [$0] } ?? []
    case .curveLegend(let loss):
      return [.chooseCurve(loss)]
    }
  }

  /// What putting the pointer at a place in a held region does (clamped to the region, so a
  /// drag past its edge holds the edge's value).
  static func moving(_ region: HitRegion, to event: MouseEvent, in state: DashboardState)
    -> [Action]
  {
    let rect = region.rect
    let column = min(max(event.column, rect.x), rect.maxX - 1)
    let row = min(max(event.row, rect.y), rect.maxY - 1)
    switch region.target {
    case .bar(let c, let x, let width):
      return [.setProbability(class: c, fraction(column, from: x, width: width))]
    case .probabilityAxis:
      // The compare view's axis may be logarithmic: the column's p_y is read along it.
      let axis = state.view == .compare ? state.probabilityAxis : .linear
      let along = Double(fraction(column, from: rect.x, width: rect.width))
      return [.setProbability(class: state.sample.target, Float(axis.probability(along)))]
    case .landscape(let window, let columns, let pixelRows):
      let x = window.x(column: column - rect.x, columns: columns, pixelRows: pixelRows)
      // A cell is two pixels: its middle is between them.
      let y =
        window.y(row: 2 * (row - rect.y), pixelRows: pixelRows) - window.halfHeight
        / Float(pixelRows)
      return [.placePoint(SIMD2(x, y))]
    case .classRow, .key, .curveLegend:
      return []
    }
  }

  /// The fraction of `width` cells from `x` that lies left of the middle of `column`.
  static func fraction(_ column: Int, from x: Int, width: Int) -> Float {
    (Float(column - x) + 0.5) / Float(max(1, width))
  }
}
