import Dashboard
import Foundation
import Losses
import Testing
import TerminalInput

/// Every key does exactly what the contract says, and the numbers on screen are PyTorch's.
@Suite struct KeyScriptTests {
  static func run(_ c: KeyScriptCase) throws -> DashboardState {
    DashboardState(scenario: try StateString.decode(c.state)).pressing(try Key.script(c.keys))
  }

  @Test func thereAreScriptsForEveryBindingThatChangesTheScenario() {
    #expect(KeyScriptCase.all.count >= 30)
    let used = Set(KeyScriptCase.all.flatMap { $0.keys.split(separator: " ").map(String.init) })
    #expect(
      used.isSuperset(of: [
        "right", "left", "shift-right", "shift-left", "h", "l", "H", "up", "down", "j", "t", "w",
        "W",
        "tab", "shift-tab", "r", "s", "S", "n", "p", "a", "x", "g", "[", "]", "u", "0",
      ]))
  }

  @Test(arguments: KeyScriptCase.all)
  func producesTheScenarioAndPyTorchsNumbers(_ c: KeyScriptCase) throws {
    let state = try KeyScriptTests.run(c)
    let scenario = state.scenario
    expectClose(scenario.samples.map(\.logits), c.logits, "logits")
    #expect(scenario.samples.map(\.target) == c.targets)
    #expect(scenario.targetForm.rawValue == c.targetForm)
    if let labels = c.labels {
      expectClose(scenario.samples.map { $0.labels ?? [] }, labels, "labels")
    } else {
      #expect(scenario.samples.allSatisfy { $0.labels == nil })
    }
    expectClose(scenario.weights, c.weights, "weights")
    #expect(scenario.loss.rawValue == c.loss)
    #expect(scenario.reduction.rawValue == c.reduction)
    #expect(close(scenario.labelSmoothing, c.labelSmoothing))
    #expect(close(scenario.learningRate, c.learningRate))

    let analysis = Analysis(scenario)
    expectClose(analysis.reducedLoss, c.expectLoss, "loss")
    expectClose(analysis.perSample, c.expectPerSample, "per-sample loss")
    expectClose(analysis.probabilities, c.expectProbabilities, "probabilities")
    expectClose(analysis.gradients, c.expectGrad, "gradients")

    // What the screen shows, to four decimals, is PyTorch's value.
    let frame = Frame.render(state, width: 120, height: 40).plainText
    if c.expectLoss.count == 1 {
      let shown = String(format: "%.4f", c.expectLoss[0])
      #expect(frame.contains("loss \(shown)"), "frame does not show loss \(shown)")
    }
    let sample = state.selectedSample
    for p in c.expectProbabilities[sample] {
      #expect(frame.contains(String(format: "%.4f", p)), "frame does not show probability \(p)")
    }
  }

  @Test func viewKeysChangeTheViewNotTheScenario() throws {
    var state = DashboardState(scenario: .standard)
    let scenario = state.scenario
    for (key, check) in [
      ("T", { (s: DashboardState) in s.themeIndex == 1 }), ("y", { $0.logScale }),
      ("P", { $0.stateStringVisible }),
      ("?", { $0.helpVisible }), ("space", { $0.running }),
    ] as [(String, (DashboardState) -> Bool)] {
      let next = update(state, Keymap.action(for: Key(name: key)!)!)
      #expect(check(next), "key \(key)")
      #expect(next.scenario == scenario)
      state = DashboardState(scenario: .standard)
    }
    let marked = update(state, Keymap.action(for: Key(name: "m")!)!)
    #expect(marked.scenario == state.scenario && marked.undoStack == state.undoStack)
    #expect(marked.markerCount == 1 && marked.notice == "marker 1")
    let quitting = update(state, Keymap.action(for: .character("q"))!)
    #expect(quitting.quitRequested)
    #expect(Keymap.action(for: .controlC) == .quit)
  }

  @Test func helpSwallowsKeysUntilClosed() {
    var state = update(DashboardState(scenario: .standard), .toggleHelp)
    #expect(Keymap.action(for: .right, in: .help) == nil)
    state = update(state, Keymap.action(for: .escape, in: .help)!)
    #expect(!state.helpVisible)
    #expect(Keymap.action(for: .character("?"), in: .help) == .dismiss)
  }

  @Test func descentLowersTheLoss() {
    var state = DashboardState(scenario: .standard)
    let before = Analysis(state.scenario).totalLoss
    for _ in 0..<20 { state = update(state, .descend) }
    #expect(Analysis(state.scenario).totalLoss < before / 10)
    #expect(state.lossHistory.count == 21)
    #expect(zip(state.lossHistory, state.lossHistory.dropFirst()).allSatisfy { $1 < $0 })
  }

  @Test func badKeyNamesAreRejected() {
    #expect(throws: KeyScriptError.self) { try Key.script("right sideways") }
    #expect(Key(name: "shift-tab") == .shiftTab)
    #expect(Key(name: "[") == .character("["))
  }
}

/// Every value close to PyTorch's, and as many of them: a missing or extra value fails (where
/// `zip` would stop at the shorter side and pass).
func expectClose(
  _ values: [Float], _ expected: [Double], _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    values.count == expected.count,
    "\(what): \(values.count) values, PyTorch has \(expected.count)",
    sourceLocation: sourceLocation)
  for (index, (a, b)) in zip(values, expected).enumerated() {
    #expect(close(a, b), "\(what)[\(index)]: \(a), PyTorch \(b)", sourceLocation: sourceLocation)
  }
}

/// Row by row, as ``expectClose(_:_:_:sourceLocation:)``, with as many rows.
func expectClose(
  _ rows: [[Float]], _ expected: [[Double]], _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    rows.count == expected.count, "\(what): \(rows.count) rows, PyTorch has \(expected.count)",
    sourceLocation: sourceLocation)
  for (index, (row, want)) in zip(rows, expected).enumerated() {
    expectClose(row, want, "\(what)[\(index)]", sourceLocation: sourceLocation)
  }
}
