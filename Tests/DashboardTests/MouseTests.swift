import Dashboard
import Testing
import TerminalInput

/// The mouse acts through the frame's own regions: what a click touches is what was drawn there.
@Suite struct MouseTests {
  static let seed = "v1;z=2,1,0.1;y=0"

  func state(_ text: String = MouseTests.seed) throws -> DashboardState {
    DashboardState(scenario: try StateString.decode(text))
  }

  /// The first region of a kind in the frame of a state.
  func region(
    _ state: DashboardState, width: Int = 120, height: Int = 40,
    where matches: (HitTarget) -> Bool
  ) throws -> HitRegion {
    try #require(
      Frame.regions(state, width: width, height: height).first { matches($0.target) })
  }

  @Test func fiveWheelNotchesAreFiveRightPresses() throws {
    let start = try state()
    let keys = start.pressing([Key](repeating: .right, count: 5), width: 120, height: 40)
    let wheel = start.pressing(
      [Key](repeating: .mouse(MouseEvent(.wheelUp, column: 60, row: 10)), count: 5), width: 120,
      height: 40)
    #expect(wheel.scenario == keys.scenario)
    #expect(wheel.analysis.totalLoss == keys.analysis.totalLoss)
    let down = keys.pressing(
      [.mouse(MouseEvent(.wheelDown, column: 3, row: 30))], width: 120, height: 40)
    #expect(down.scenario.samples[0].logits[0] == keys.scenario.samples[0].logits[0] - 0.1)
  }

  @Test func aClickOnAClassRowSelectsIt() throws {
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
      let start = try state()
      let row = try region(start, width: width, height: height) { $0 == .classRow(2) }
      let clicked = start.pressing(
        [.mouse(MouseEvent(.click, column: row.rect.x + 1, row: row.rect.y))], width: width,
        height: height)
      #expect(clicked.selectedClass == 2, "\(width)x\(height)")
      #expect(clicked.scenario == start.scenario)
    }
  }

  @Test func aClickOnABarSelectsItsClassAndLeavesEveryLogit() throws {
    for (width, height) in [(200, 60)] {
      let start = try state()
      let bar = try region(start, width: width, height: height) {
        if case .bar(2, _, _) = $0 { return true }
        return false
      }
      guard case .bar(_, let x, let barWidth) = bar.target else { return }
      // Far right on the bar, where a drag would set p_2 near 1.
      let column = x + barWidth - 1
      let clicked = start.pressing(
        [
          .mouse(MouseEvent(.click, column: column, row: bar.rect.y)),
          .mouse(MouseEvent(.release, column: column, row: bar.rect.y)),
        ], width: width, height: height)
      #expect(clicked.selectedClass == 2, "\(width)x\(height)")
      #expect(clicked.scenario.samples[0].logits == start.scenario.samples[0].logits)
      #expect(clicked.undoStack.count == 0)
    }
  }

  @Test func draggingABarSetsItsProbabilityAndIsOneUndoStep() throws {
    let start = try state()
    let bar = try region(start, width: 200, height: 60) {
      if case .bar(1, _, _) = $0 { return true }
      return false
    }
    guard case .bar(_, let x, let width) = bar.target else { return }
    let press = MouseEvent(.click, column: x + width / 4, row: bar.rect.y)
    let drag = MouseEvent(.drag, column: x + width * 3 / 4, row: bar.rect.y + 5)
    let dragged = start.pressing(
      [
        .mouse(press), .mouse(drag),
        .mouse(MouseEvent(.release, column: drag.column, row: drag.row)),
      ],
      width: 200, height: 60)
    #expect(dragged.selectedClass == 1)
    // Held by class 1's bar even when the pointer drifted to another row.
    let expected = (Float(width * 3 / 4) + 0.5) / Float(width)
    let p = dragged.analysis.probabilities[0][1]
    #expect(abs(p - expected) < 0.002, "p_1 \(p), the bar's fraction \(expected)")
    #expect(
      dragged.scenario.samples[0].logits[0] == 2 && dragged.scenario.samples[0].logits[2] == 0.1)
    #expect(dragged.grab == nil)
    #expect(dragged.undoStack.count == 1)
    #expect(update(dragged, .undo).scenario == start.scenario)
  }

  @Test func aClickOnTheLossCurveSetsTheTargetsProbability() throws {
    for view in [DashboardView.dashboard, .compare] {
      var start = try state()
      start = start.viewed(in: view, presenting: false)
      let axis = try region(start) { $0 == .probabilityAxis }
      let column = axis.rect.x + axis.rect.width / 5
      let clicked = start.pressing(
        [
          .mouse(MouseEvent(.click, column: column, row: axis.rect.y + 1)),
          .mouse(MouseEvent(.release, column: column, row: axis.rect.y + 1)),
        ], width: 120, height: 40)
      let expected = (Float(column - axis.rect.x) + 0.5) / Float(axis.rect.width)
      let p = clicked.analysis.probabilities[0][0]
      #expect(abs(p - expected) < 0.002, "\(view): p_y \(p), the column's \(expected)")
    }
  }

  @Test func aClickInTheLandscapeMovesThePointThere() throws {
    var start = try state()
    start = start.viewed(in: .landscape, presenting: false)
    let plot = try region(start) {
      if case .landscape = $0 { return true }
      return false
    }
    let cell = (column: plot.rect.x + 10, row: plot.rect.y + 7)
    let moved = start.pressing(
      [.mouse(MouseEvent(.click, column: cell.column, row: cell.row))], width: 120, height: 40)
    #expect(moved.scenario.samples[0].logits[2] == 0.1, "the third logit stays fixed")
    guard case .landscape(let window, let columns, let pixelRows) = plot.target else { return }
    let landscape = Landscape(
      moved.scenario, sample: 0, second: 1, window: window, columns: columns, pixelRows: pixelRows)
    let point = try #require(moved.landscapePoint)
    let pixel = try #require(landscape.pixel(of: point))
    #expect(pixel.column == cell.column - plot.rect.x)
    #expect(pixel.row / 2 == cell.row - plot.rect.y)
  }

  @Test func aClickOnACompareLegendRowHighlightsItsCurve() throws {
    var start = try state()
    start = start.viewed(in: .compare, presenting: false)
    let row = try region(start) { $0 == .curveLegend(.mse) }
    let clicked = start.pressing(
      [.mouse(MouseEvent(.click, column: row.rect.x + 4, row: row.rect.y))], width: 120, height: 40)
    #expect(clicked.highlightedCurve == .mse)
    #expect(clicked.scenario == start.scenario)
  }

  @Test func aClickOnATitlesHotkeyPressesIt() throws {
    let start = try state()
    let descend = try region(start) { $0 == .key(.character("g")) }
    let clicked = start.pressing(
      [.mouse(MouseEvent(.click, column: descend.rect.x, row: descend.rect.y))], width: 120,
      height: 40)
    #expect(clicked.scenario == update(start, .descend).scenario)
  }

  @Test func overlaysTakeNoMouseInput() throws {
    let help = update(try state(), .toggleHelp)
    let after = help.pressing(
      [.mouse(MouseEvent(.wheelUp, column: 5, row: 5))], width: 120, height: 40)
    #expect(after.scenario == help.scenario)
  }

  @Test func mouseNamesRoundTrip() throws {
    for name in ["click@12,5", "drag@1,1", "release@200,60", "wheel-up@3,4", "wheel-down@9,9"] {
      let key = try #require(Key(name: name))
      #expect(key.description == name)
    }
    #expect(Key(name: "click@0,5") == nil)
    #expect(Key(name: "press@1,1") == nil)
    #expect(Key(name: "@") == .character("@"))
  }
}
