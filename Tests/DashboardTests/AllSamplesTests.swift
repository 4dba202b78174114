@testable import Dashboard
import Foundation
import Testing
import TerminalInput

/// Key A: every sample of the batch on the curve, and each one's share of the reduced loss.
@Suite struct AllSamplesTests {
  /// Seed 003's batch: PyTorch's per-sample losses (reduction none) are in the fixture; the mean
  /// is their sum over Σw_y = 4, so the panel's shares are those over 4, and with sum the losses.
  @Test func theSharesArePyTorchsPerSampleLossesOverTheNormaliser() throws {
    let fixture = try LessonSeedFixture.load()
    let lesson = try #require(LessonCatalog.lesson("from-scratch"))
    let state = step(DashboardState(lesson: lesson), .key(.character("A"))).state
    #expect(state.allSamplesShown)
    let mean = Frame.render(state, width: 80, height: 24).plainText
    let shares = fixture.from_scratch.none.prefix(3).map { NumberFormat.fixed4($0 / 4) }
    #expect(mean.contains("= " + shares.joined(separator: " + ") + " + …"), "\(mean)")
    let summed = step(state, .key(.character("r"))).state
    let sum = Frame.render(summed, width: 120, height: 40).plainText
    let losses = fixture.from_scratch.none.prefix(3).map(NumberFormat.fixed4)
    #expect(sum.contains("= " + losses.joined(separator: " + ") + " + …"), "\(sum)")
    // none lists the losses on the loss line already: no shares line.
    let none = step(summed, .key(.character("r"))).state
    #expect(!Frame.render(none, width: 120, height: 40).plainText.contains("= 0.1689 +"))
    // A again hides them.
    let hidden = step(state, .key(.character("A"))).state
    #expect(!Frame.render(hidden, width: 80, height: 24).plainText.contains("②"))
  }

  /// Each other sample is drawn once, numbered, inside the curve's plot, in the column of its
  /// own p_y; the selected one stays the ● with its label.
  @Test func everyOtherSampleIsANumberedPointAtItsOwnProbability() throws {
    let lesson = try #require(LessonCatalog.lesson("from-scratch"))
    let state = step(DashboardState(lesson: lesson), .key(.character("A"))).state
    let frame = Frame.render(state, width: 120, height: 40)
    let lines = frame.plainText.split(separator: "\n").map { Array($0) }
    let analysis = Derived().analysis(state.scenario)
    var columns: [Int] = []
    for (j, mark) in ["②", "③", "④"].enumerated() {
      let found = lines.enumerated().compactMap { row, line in
        line.firstIndex(of: Character(mark)).map { (row, $0) }
      }
      #expect(found.count == 1, "\(mark) once")
      columns.append(found.first?.1 ?? -1)
      _ = j
    }
    // Left to right in the order of their p_y (sample 3's is the smallest).
    let ps = (1...3).map { analysis.targetSoftmax[$0] }
    let byP = (0..<3).sorted { ps[$0] < ps[$1] }
    let byColumn = (0..<3).sorted { columns[$0] < columns[$1] }
    #expect(byP == byColumn, "p_y \(ps), columns \(columns)")
    #expect(frame.plainText.contains("p_y=0.8446 ℓ=0.1689"))
    // One sample: the notice says how to get more.
    let one = step(DashboardState(scenario: .standard), .key(.character("A"))).state
    #expect(one.notice == "one sample: a adds a copy to compare")
  }
}
