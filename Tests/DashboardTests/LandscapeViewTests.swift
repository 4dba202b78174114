import Dashboard
import Testing
import Canvas
import TerminalInput

@Suite struct LandscapeViewTests {
  func landscapeState(_ text: String = "v1;z=2,1,0.1;y=0") throws -> DashboardState {
    var state = DashboardState(scenario: try StateString.decode(text))
    state = state.viewed(in: .landscape, presenting: false)
    return state
  }

  @Test func theColourHeatmapUsesAtLeastEightColours() throws {
    let frame = Frame.render(try landscapeState(), width: 120, height: 40, colorRamp: true)
    let steps = Set(frame.cells.compactMap(\.style.rampForeground))
    #expect(steps.count >= 8, "ramp steps drawn: \(steps.sorted())")
    let ansi = AnsiText.render(frame, theme: .standard)
    let colours = Set(
      Theme.viridis.compactMap { color -> String? in
        guard case .rgb(let r, let g, let b) = color else { return nil }
        return "\(r);\(g);\(b)"
      }.filter { ansi.contains("48;2;" + $0) })
    #expect(colours.count >= 8, "distinct ramp backgrounds in the ANSI text: \(colours.count)")
    #expect(frame.plainText.contains("▀"))
  }

  @Test(arguments: [SymbolSet.braille, .ascii])
  func withoutColourTheHeatmapIsTheDensityRamp(symbols: SymbolSet) throws {
    let frame = Frame.render(
      try landscapeState(), width: 120, height: 40, symbols: symbols,
      // ASCII is a density ramp even where colour is shown.
      colorRamp: symbols == .ascii)
    let text = frame.plainText
    #expect(!text.contains("▀"))
    // Both ends of the ramp and the middle are drawn.
    for density in ["@", "%", "=", ":"] { #expect(text.contains(density), "\(density)") }
    if symbols == .ascii {
      let nonASCII = text.unicodeScalars.filter { !$0.isASCII }
      #expect(nonASCII.isEmpty)
    }
  }

  @Test func descentMovesOnlyTheTwoLogitsAndDrawsItsPath() throws {
    var state = try landscapeState("v1;z=2,1,0.1;y=0;ls=0.3")
    let start = state.scenario.samples[0].logits
    for _ in 0..<6 { state = update(state, .descend) }
    let logits = state.scenario.samples[0].logits
    #expect(logits[2] == start[2])
    #expect(logits[0] > start[0] && logits[1] < start[1])
    #expect(state.descentPath.count == 7)
    #expect(state.descentPath.first == SIMD2(start[0], start[1]))
    #expect(Frame.render(state, width: 120, height: 40).plainText.contains("path: 6 steps"))
    // Another edit starts a new path.
    state = update(state, .nudgeWeight(0.1))
    #expect(state.descentPath.isEmpty)
  }

  @Test func smoothingGivesAMinimumInsideTheWindow() throws {
    let state = try landscapeState("v1;z=2,1,0.1;y=0;ls=0.3")
    let landscape = try #require(state.landscape(columns: 100, pixelRows: 70))
    let pixel = try #require(landscape.minimumPixel)
    #expect(pixel.column > 0 && pixel.column < 99 && pixel.row > 0 && pixel.row < 69)
    let plain = try #require(try landscapeState().landscape(columns: 100, pixelRows: 70))
    let edge = try #require(plain.minimumPixel)
    #expect(edge.column == 99 || edge.row == 69, "without smoothing the minimum is on the edge")
  }

  @Test func zoomAndTheSecondLogit() throws {
    var state = try landscapeState()
    let window = try #require(state.landscapeWindow)
    state = update(state, .zoomLandscape(0.5))
    #expect(state.landscapeWindow?.halfHeight == window.halfHeight / 2)
    // ↓ from the target skips it: the second logit is never the target's own.
    state = state.pressing([.down], width: 120, height: 40)
    #expect(state.selectedClass == 1 && state.secondClass == 1)
    state = state.pressing([.down, .down], width: 120, height: 40)
    #expect(state.selectedClass == 1, "2, then past the target 0 to 1")
    // The point leaving the window recentres it.
    state = state.pressing([Key](repeating: .shiftRight, count: 6), width: 120, height: 40)
    let moved = try #require(state.landscapeWindow)
    #expect(abs(moved.centre.x - state.scenario.samples[0].logits[0]) < 1e-5)
  }

  /// Thirty `g` steps from the default scenario: z_1 falls below z_2 on the way, so the most
  /// probable other class changes. The axes stay z_0 and z_1, the path grows to 30 steps, and
  /// a notice says once that z_2 now leads.
  @Test func thirtyStepsKeepTheAxesWhenTheRivalChanges() throws {
    var state = try landscapeState()
    #expect(state.secondClass == 1)
    var noticed: [String] = []
    for _ in 0..<30 {
      state = state.pressing([.character("g")], width: 120, height: 40)
      if let notice = state.notice { noticed.append(notice) }
      #expect(state.secondClass == 1)
    }
    let z = state.scenario.samples[0].logits
    #expect(z[1] < z[2], "the rival changed: z_1 \(z[1]) is below z_2 \(z[2])")
    #expect(z[2] == 0.1, "descent moves only the two logits on the axes")
    #expect(state.descentPath.count == 31)
    #expect(Set(noticed) == ["z_2 is now more probable than z_1: ↑/↓ puts it on the axis"])
    let frame = Frame.render(state, width: 120, height: 40).plainText
    #expect(frame.contains("path: 30 steps"), "\(frame)")
    #expect(frame.contains("over z_0 → and z_1 ↑"))
    // ↓ chooses the new rival: a new plane, a new path.
    state = state.pressing([.down, .down], width: 120, height: 40)
    #expect(state.secondClass == 2 && state.descentPath.isEmpty)
  }
}
