import Foundation
import Testing

@Suite struct LessonCommandTests {
  @Test func lessonsListsIDAndTitle() throws {
    let result = try Binary.run(["lessons"])
    #expect(result.status == 0)
    let ids = result.stdout.split(separator: "\n").map { $0.components(separatedBy: "  ").first ?? "" }
    #expect(ids == [
      "softmax-basics", "logsumexp-overflow", "batch-reduction", "class-weights", "nll-logsoftmax", "bce-with-logits",
      "label-smoothing", "focal-loss", "train-linear", "large-vocab",
    ])
  }

  @Test func fiftyTrainingStepsBringTheLossBelowPointTwo() throws {
    let keys = Array(repeating: "g", count: 50).joined(separator: " ")
    let result = try Binary.run(["snapshot", "--lesson", "train-linear", "--keys", keys])
    #expect(result.status == 0)
    guard let range = result.stdout.range(of: "training step 50 · loss ") else {
      Issue.record("no loss on screen")
      return
    }
    let loss = Double(result.stdout[range.upperBound...].prefix(6)) ?? .infinity
    #expect(loss < 0.2)
  }

  @Test func badLessonOptionsAreBadData() throws {
    let unknown = try Binary.run(["snapshot", "--lesson", "no-such-lesson"])
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("unknown lesson"))
    let mixed = try Binary.run(["snapshot", "--lesson", "focal-loss", "--logits", "1,2"])
    #expect(mixed.status == 65)
  }
}
