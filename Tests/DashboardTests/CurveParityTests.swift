import Dashboard
import Foundation
import Testing
import TerminalInput

/// The loss curve's point is the sample's own loss ℓ as PyTorch computes it (`reduction="none"`,
/// summed over classes for the elementwise losses), for every dashboard loss, with and without
/// class weights and label smoothing, and with focal γ moved by F and f. The frame shows that one
/// ℓ wherever the sample's loss appears, and no other.
@Suite struct CurveParityTests {
  static let cases = KeyScriptCase.all.filter { $0.id.hasPrefix("curve-") }

  @Test func thereAreCasesForEveryLoss() {
    #expect(Self.cases.count == 24)
    #expect(Set(Self.cases.map(\.loss)) == Set(DashboardLoss.allCases.map(\.rawValue)))
  }

  @Test(arguments: CurveParityTests.cases)
  func theCurvesPointIsPyTorchsPerSampleLoss(_ c: KeyScriptCase) throws {
    let state = DashboardState(scenario: try StateString.decode(c.state)).pressing(
      try Key.script(c.keys))
    #expect(Double(state.scenario.focalGamma) == c.focalGamma)
    let i = state.selectedSample
    let expected = c.expectPerSample[i]
    let loss = state.analysis.perSample[i]
    #expect(close(loss, expected), "ℓ \(loss), PyTorch \(expected)")

    // The curve passes through the point: at the sample's own p_y it is the sample's ℓ (within
    // the interpolation between its computed points, far below a dot).
    let p = state.analysis.probabilities[i][state.sample.target]
    #expect(close(p, c.expectProbabilities[i][c.targets[i]]))
    let onCurve = state.curve.value(at: p)
    #expect(
      abs(Double(onCurve) - expected) <= 2e-3 * max(1, expected),
      "curve \(onCurve) at p_y \(p), ℓ \(expected)")

    // On screen: ℓ= with PyTorch's value, and no other ℓ= value.
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
      let frame = Frame.render(state, width: width, height: height).plainText
      let shown = Set(values(after: "ℓ=", in: frame))
      #expect(shown == [String(format: "%.4f", expected)], "\(width)x\(height): \(shown)")
    }
  }

  @Test func theComparisonCurveIsLabelledByItsNameNotByEll() throws {
    let state = DashboardState(scenario: try StateString.decode("v1;loss=focal;z=2,1,0.1;y=0"))
    let frame = Frame.render(state, width: 120, height: 40).plainText
    #expect(frame.contains("━ focal γ 2"))
    #expect(frame.contains("┄ −log p_y 0.4170"))
  }

  @Test func theAxisStaysPutAndAValueAboveItIsAnArrow() throws {
    var state = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=2"))
    let top = state.curveTop
    for _ in 0..<8 {
      state = update(state, .nudgeLogit(-1))
      #expect(state.curveTop == top, "the axis moved on a key press")
    }
    let loss = state.analysis.perSample[0]
    #expect(loss > top)
    let frame = Frame.render(state, width: 120, height: 40).plainText
    #expect(frame.contains("↑ " + String(format: "%.4f", loss)))
  }

  @Test func gradientsAreOnAFixedScale() throws {
    let confident = DashboardState(scenario: try StateString.decode("v1;z=10,0,0;y=0"))
    let frame = Frame.render(confident, width: 120, height: 40)
    let text = frame.plainText
    #expect(text.contains("full bar = 1"))
    #expect(text.contains("-0.0001"))
    // Confident and right: no arrow drawn, only the numbers.
    #expect(!text.contains("◀━") && !text.contains("━▶"))
    let wrong = DashboardState(scenario: try StateString.decode("v1;z=10,0,0;y=1;w=1,3,1;r=sum"))
    #expect(
      Frame.render(wrong, width: 120, height: 40).plainText.contains("full bar = 10, |∂L/∂z| > 1"))
  }

  @Test func theLogitsAreShown() throws {
    let state = DashboardState(scenario: try StateString.decode("v1;z=2.5,-1.25,0.75;y=0"))
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
      let frame = Frame.render(state, width: width, height: height).plainText
      for z in ["2.5000", "-1.2500", "0.7500"] {
        #expect(frame.contains(z), "\(width)x\(height) lacks \(z)")
      }
    }
  }

  @Test func manyClassesSayHowManyRowsAreHidden() throws {
    let logits = (0..<20).map { String($0 % 7) }.joined(separator: ",")
    let state = DashboardState(scenario: try StateString.decode("v1;z=\(logits);y=13"))
    let frame = Frame.render(state, width: 80, height: 24).plainText
    #expect(frame.contains("more (the target"))
    #expect(frame.contains(" 13 "), "the target's row is shown")
  }

  @Test func aContinuousRunIsOneUndoStep() {
    var state = update(DashboardState(scenario: .standard), .toggleRunning)
    for _ in 0..<30 { state = update(state, .tick) }
    state = update(state, .toggleRunning)
    #expect(state.lossHistory.count == 31)
    let undone = update(state, .undo)
    #expect(undone.scenario == DashboardState(scenario: .standard).scenario)
  }

  @Test func entropyIsNeverMinusZero() throws {
    let certain = DashboardState(scenario: try StateString.decode("v1;z=100,0,0;y=0"))
    #expect(!Frame.render(certain, width: 120, height: 40).plainText.contains("-0.0000"))
  }

  /// Every `4-decimal number` right after `label`.
  func values(after label: String, in text: String) -> [String] {
    var found: [String] = []
    var rest = text[...]
    while let range = rest.range(of: label) {
      found.append(
        String(rest[range.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" }))
      rest = rest[range.upperBound...]
    }
    return found
  }
}
