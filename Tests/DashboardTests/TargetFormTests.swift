@testable import Dashboard
import Foundation
import Testing
import TerminalInput

/// Targets per logit: multi-label (binary with one logit) and probability rows, in state
/// strings, on the command line and on screen. PyTorch's numbers for them are in
/// `dashboard_cases.json` (the `binary-`, `multi-label` and `soft-targets` cases).
@Suite struct TargetFormTests {
  @Test func stateStringsCarryTheFormsAndOldOnesStillRead() throws {
    let multi = "v1;loss=bce_with_logits;z=2,1,0.1|0,5,0.2;y=0,1;yf=multi;yl=1,0,1|0,1,1"
    let scenario = try StateString.decode(multi)
    #expect(scenario.targetForm == .multiLabel)
    #expect(scenario.samples.map(\.labels) == [[1, 0, 1], [0, 1, 1]])
    #expect(try StateString.decode(StateString.encode(scenario)) == scenario)
    let soft = try StateString.decode("v1;z=2,1,0.1;y=2;yf=prob;yl=0.2,0.7,0.1")
    #expect(soft.targetForm == .probabilities && soft.samples[0].target == 1, "y is the largest")
    #expect(try StateString.decode(StateString.encode(soft)) == soft)
    let old = try StateString.decode("v1;z=2,1,0.1;y=0")
    #expect(old.targetForm == .classIndex && old.samples[0].labels == nil)
    #expect(!StateString.encode(old).contains("yf="), "a class-index string is as before")
    for (bad, message) in [
      ("v1;z=2,1;y=0;yf=prob;yl=0.5,0.6", "probability targets must add up to 1"),
      ("v1;z=2,1;y=0;yf=multi;yl=1,2", "every target must be in [0, 1]"),
      ("v1;z=2,1;y=0;yf=multi", "yf= and yl= go together"),
      ("v1;z=2,1;y=0;yf=soft;yl=1,0", "unknown target form"),
      ("v1;z=2,1;y=0;yf=multi;yl=1", "needs one target per logit (2), got 1"),
      ("v1;z=2;y=0", "one logit is a binary sample: give it a target per logit"),
    ] {
      #expect(throws: ScenarioError.self) { try StateString.decode(bad) }
      do { _ = try StateString.decode(bad) } catch {
        #expect("\(error)".contains(message), "\(bad): \(error)")
      }
    }
  }

  @Test func theCommandLineTakesTargetsPerLogit() throws {
    let binary = try Scenario.from(
      batch: "[[0.2],[-1],[2]]", loss: "bce_with_logits", targets: "[[1],[0],[1]]")
    #expect(binary.targetForm == .multiLabel && binary.classes == 1)
    #expect(NumberFormat.fixed4(Analysis.totalLoss(of: binary)) == "0.3461")
    let soft = try Scenario.from(logits: "2,1,0.1", targets: "0.7,0.2,0.1", targetForm: "prob")
    #expect(soft.targetForm == .probabilities && soft.samples[0].labels == [0.7, 0.2, 0.1])
    #expect(throws: ScenarioError.self) { try Scenario.from(target: "0", targets: "1,0,0") }
    #expect(throws: ScenarioError.self) { try Scenario.from(targetForm: "prob") }
    #expect(throws: ScenarioError.self) { try Scenario.from(targets: "[[1,0,0],[0,1,0]]") }
    // New logits without --targets are class-index again.
    let state = StateString.encode(soft)
    #expect(try Scenario.from(logits: "1,2,3", state: state).targetForm == .classIndex)
  }

  @Test func theScreenShowsEveryTargetAndTheForm() throws {
    let multi = try StateString.decode(
      "v1;loss=bce_with_logits;z=2,1,0.1|0,5,0.2;y=0,1;yf=multi;yl=1,0,1|0,1,1")
    let frame = Frame.render(DashboardState(scenario: multi), width: 120, height: 40).plainText
    #expect(frame.contains("BCE with logits · ") && !frame.contains("one-vs-rest"), "\(frame)")
    #expect(frame.contains("y [1 0 1]"))
    // Both positive classes are marked as targets in the pipeline.
    let marked = frame.split(separator: "\n").filter {
      $0.contains("◆") && $0.contains("σ") == false
    }
    #expect(marked.filter { $0.contains(" 0    2.0000") || $0.contains(" 2    0.1000") }.count >= 2)
    let soft = try StateString.decode("v1;z=2,1,0.1;y=0;yf=prob;yl=0.7,0.2,0.1")
    let softFrame = Frame.render(DashboardState(scenario: soft), width: 120, height: 40).plainText
    #expect(softFrame.contains("mean divides by N = 1.0000"))
    #expect(softFrame.contains("ℓ = −Σ_c w_c·y_c·log softmax(z)_c"))
    // Y cycles the form and says what t does now.
    let cycled = step(DashboardState(scenario: .standard), .key(.character("Y"))).state
    #expect(cycled.scenario.targetForm == .multiLabel)
    #expect(cycled.notice?.contains("t toggles the selected one") == true)
    // A binary sample has no softmax: the compare view says so, and Y cannot leave the
    // per-logit form.
    let binary = try StateString.decode("v1;loss=bce_with_logits;z=0.2;y=0;yf=multi;yl=1")
    let compare = DashboardState(scenario: binary, view: .compare)
    #expect(
      Frame.render(compare, width: 80, height: 24).plainText.contains(
        "the compare view needs two classes"))
    let kept = step(DashboardState(scenario: binary), .key(.character("Y"))).state
    #expect(kept.scenario.targetForm == .probabilities)
    #expect(step(kept, .key(.character("Y"))).state.notice?.contains("binary sample") == true)
  }

  /// The BCE lesson opens on seed 004's batch of binary samples (0.3461 live); its second step
  /// sets one sample one-vs-rest (0.4128), and going back restores the batch.
  @Test func theBCELessonShowsTheSeedsBatchLive() throws {
    let lesson = try #require(LessonCatalog.lesson("bce-with-logits"))
    let states = LessonTests.steps(lesson)
    #expect(
      Analysis.totalLoss(of: states[0].scenario)
        == Analysis.totalLoss(of: LessonCatalog.seedBinaryBatch))
    #expect(NumberFormat.fixed4(Analysis.totalLoss(of: states[0].scenario)) == "0.3461")
    #expect(NumberFormat.fixed4(Analysis.totalLoss(of: states[1].scenario)) == "0.4128")
    let back = step(states[1], .key(.pageUp)).state
    #expect(back.scenario == LessonCatalog.seedBinaryBatch)
  }
}
