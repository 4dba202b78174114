import Canvas
import Dashboard
import Foundation
import Losses
import SnapshotTesting
import Testing
import TerminalInput

/// Whole frames: snapshots at the four reference sizes, and invariants at every size.
@Suite struct FrameTests {
  static let scenarios: [(name: String, state: String)] = [
    ("seed-logits", "v1;z=2,1,0.1;y=0"),
    ("seed-batch", "v1;z=2,1,0.1|0,5,0.2;y=0,1"),
    ("seed-weighted", "v1;z=2,1|2,1;y=1,1;w=1,10"),
    ("seed-1000", "v1;z=1000,1001,1002;y=2"),
  ]
  static let sizes = [(200, 60), (120, 40), (80, 24), (40, 12)]

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var state: String
    var width: Int
    var height: Int
    var testDescription: String { "\(name) \(width)x\(height)" }
  }

  static let cases = scenarios.flatMap { s in
    sizes.map { Case(name: s.name, state: s.state, width: $0.0, height: $0.1) }
  }

  @Test(arguments: FrameTests.cases)
  func snapshot(_ c: Case) throws {
    let state = DashboardState(scenario: try StateString.decode(c.state))
    let frame = Frame.render(state, width: c.width, height: c.height)
    #expect(frame.lines.count == c.height)
    #expect(frame.lines.allSatisfy { $0.count == c.width })
    assertSnapshot(of: frame.plainText, as: .lines, named: "\(c.name)-\(c.width)x\(c.height)")
  }

  @Test func theSeedNumbersAreOnScreen() throws {
    func frame(_ state: String, _ keys: String = "") throws -> String {
      let s = DashboardState(scenario: try StateString.decode(state)).pressing(try Key.script(keys))
      return Frame.render(s, width: 120, height: 40).plainText
    }
    // Seed 001: batch CE 0.2159; seed 000: sum 0.4319, none [0.4170, 0.0149].
    #expect(try frame("v1;z=2,1,0.1|0,5,0.2;y=0,1").contains("loss 0.2159"))
    #expect(try frame("v1;z=2,1,0.1|0,5,0.2;y=0,1", "r").contains("loss 0.4319"))
    #expect(try frame("v1;z=2,1,0.1|0,5,0.2;y=0,1", "r r").contains("loss [0.4170, 0.0149]"))
    // Seed 001: weighted CE 1.3133 with gradients ±0.3655 and normaliser Σw_y = 20.
    let weighted = try frame("v1;z=2,1|2,1;y=1,1;w=1,10")
    #expect(weighted.contains("loss 1.3133"))
    #expect(weighted.contains("+0.3655") && weighted.contains("-0.3655"))
    #expect(weighted.contains("Σw_y = 20.0000"))
    // Seed 002/004: stable logsumexp 1002.4076 beside the naive form's inf, and no nan.
    let large = try frame("v1;z=1000,1001,1002;y=2")
    #expect(large.contains("lse 1002.4076"))
    #expect(large.contains("naive log Σe^z = inf"))
    #expect(!large.lowercased().contains("nan"))
    #expect(try !frame("v1;z=50,100,150;y=0").lowercased().contains("nan"))
  }

  @Test func largeFiniteLogitsNeverShowNaN() throws {
    for z in ["1e4,-1e4,0", "88,89,90", "-1000,0,1000", "30000,30001,29999"] {
      let state = DashboardState(scenario: try StateString.decode("v1;z=\(z);y=1"))
      let text = Frame.render(state, width: 120, height: 40).plainText
      #expect(!text.lowercased().contains("nan"), "nan shown for \(z)")
    }
  }

  /// Non-finite and huge logits are refused where they come in (they used to be drawn with a
  /// warning, but the log axis and the landscape's path trapped on them); descent and keys clamp
  /// to the same bound, so every state's string reads back.
  @Test(arguments: [
    "z=inf,1,0", "z=-inf,1,0", "z=nan,1,0", "z=2e6,1,0", "z=1,1;w=2e6,1",
    "z=1,1;lr=2000", "z=1,1;lr=0.0001",
  ])
  func nonFiniteOrHugeValuesAreRefused(_ fields: String) {
    #expect(throws: ScenarioError.self) { try StateString.decode("v1;\(fields);y=1") }
  }

  @Test func descentClampsLogitsToTheLimit() throws {
    var state = DashboardState(
      scenario: try StateString.decode("v1;z=999999,-999999;y=1;w=1000000,1000000;lr=1024;r=sum"))
    for _ in 0..<3 { state = update(state, .descend) }
    #expect(state.sample.logits.allSatisfy { abs($0) <= Scenario.logitLimit })
    #expect(state.sample.logits == [-Scenario.logitLimit, Scenario.logitLimit])
    #expect(try StateString.decode(StateString.encode(state.scenario)) == state.scenario)
    for view in [DashboardView.dashboard, .compare, .landscape] {
      var shown = state
      shown = shown.viewed(in: view, presenting: false)
      for s in [shown, update(shown, .toggleLogScale)] {
        _ = Frame.render(s, width: 120, height: 40)
      }
    }
  }

  /// At 80×24 the key bar still names the views, the lessons and the loss, in every view and in
  /// ASCII, and a notice moves the keys rather than covering them.
  @Test func theNarrowKeyBarNamesTheViewsAndLessons() throws {
    let start = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=0"))
    for view in DashboardView.allCases {
      for symbols in [SymbolSet.braille, .ascii] {
        let state = start.viewed(in: view, presenting: false)
        let bar = try #require(
          Frame.render(state, width: 80, height: 24, symbols: symbols).lines.last)
        #expect(bar.contains("v view"), "\(view): \(bar)")
        #expect(bar.contains("L lessons"), "\(view): \(bar)")
        if view != .landscape { #expect(bar.contains("Tab "), "\(view): \(bar)") }
        #expect(bar.contains("? help") && bar.contains("q quit"), "\(bar)")
      }
    }
    let noticed = step(start, .notice("theme light")).state
    let bar = try #require(Frame.render(noticed, width: 80, height: 24).lines.last)
    #expect(bar.hasPrefix(" theme light "), "\(bar)")
    #expect(bar.contains("? help"), "\(bar)")
    let title = try #require(Frame.render(noticed, width: 80, height: 24).lines.first)
    #expect(title.contains("target 0"), "\(title)")
  }

  @Test func everySizeFillsExactlyTheFrame() throws {
    let state = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1|0,5,0.2;y=0,1"))
    let helpState = update(update(state, .toggleHelp), .toggleStateString)
    for width in stride(from: 1, through: 240, by: 7) {
      for height in stride(from: 1, through: 72, by: 5) {
        for s in [state, helpState] {
          let frame = Frame.render(s, width: width, height: height)
          #expect(
            frame.lines.count == height && frame.lines.allSatisfy { $0.count == width },
            "\(width)x\(height)")
        }
      }
    }
  }

  @Test func tooSmallSaysWhatIsNeeded() {
    let text = Frame.render(DashboardState(scenario: .standard), width: 40, height: 12).plainText
    #expect(text.contains("terminal too small"))
    #expect(text.contains("need 72×22"))
    #expect(text.contains("40×12"))
  }

  @Test func removingTheSelectedLastSampleKeepsEverythingInRange() {
    // Found by the recording mutation test: the curve was computed for the removed sample.
    var state = DashboardState(scenario: .standard).pressing([
      .character("a"), .character("a"), .character("x"),
    ])
    #expect(state.selectedSample == state.scenario.samples.count - 1)
    state = update(state, .undo)
    state = update(state, .removeSample)
    #expect(state.curve.sampleIndex == state.selectedSample)
    #expect(!Frame.render(state, width: 100, height: 30).plainText.isEmpty)
  }

  @Test func everyGraphicSymbolSetRenders() {
    let state = DashboardState(scenario: .standard)
    let ascii = Frame.render(state, width: 100, height: 30, symbols: .ascii).plainText
    let foreign = ascii.unicodeScalars.filter { !$0.isASCII }
    #expect(foreign.isEmpty, "ASCII mode printed \(foreign.map { String($0) })")
    let block = Frame.render(state, width: 100, height: 30, symbols: .block).plainText
    #expect(block.contains("█"))
    let braille = Frame.render(state, width: 100, height: 30, symbols: .braille).plainText
    #expect(braille.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
  }

  @Test func helpListsEveryBinding() {
    let state = update(DashboardState(scenario: .standard), .toggleHelp)
    let text = Frame.render(state, width: 120, height: 40).plainText
    for entry in Keymap.help {
      #expect(text.contains(entry.meaning), "help lacks \(entry.meaning)")
    }
  }
}
