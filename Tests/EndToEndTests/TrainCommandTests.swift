import JSON
import Foundation
import Losses
import Testing

@Suite struct TrainCommandTests {
  @Test func reproducesThePyTorchReferenceTrajectory() throws {
    let text = try String(
      contentsOf: EvalCommandTests.fixtures.appendingPathComponent("train_example.jsonl"),
      encoding: .utf8)
    guard
      case .object(let example) = try JSONValue.parse(
        text.trimmingCharacters(in: .whitespacesAndNewlines)),
      case .array(let args)? = example["args"], case .array(let expect)? = example["expect"]
    else {
      Issue.record("bad fixture")
      return
    }
    let arguments = args.compactMap { if case .string(let s) = $0 { s } else { nil } }
    let result = try Binary.run(["train", "--json"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == expect.count)
    for (line, expected) in zip(lines, expect) {
      guard case .object(let got) = try JSONValue.parse(String(line)),
        case .object(let want) = expected
      else { continue }
      #expect(got["step"] == want["step"])
      guard case .number(let loss)? = got["loss"], case .number(let reference)? = want["loss"]
      else {
        Issue.record("no loss in \(line)")
        continue
      }
      #expect(abs(loss - reference) <= 1e-4 * abs(reference))
    }
  }

  @Test func theSeedCommandShowsTheLossFalling() throws {
    let result = try Binary.run([
      "train", "--inputs", "[[1,0,0]]", "--targets", "[2]", "--steps", "51", "--every", "10",
    ])
    #expect(result.status == 0)
    let rows = result.stdout.split(separator: "\n")
    #expect(rows.count == 6)  // steps 0, 10, 20, 30, 40, 50
    let losses = rows.compactMap { row -> Double? in
      guard let range = row.range(of: "Loss: ") else { return nil }
      return Double(row[range.upperBound...].prefix(6))
    }
    #expect(losses.count == 6)
    #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 })
    #expect((losses.last ?? 1) < 0.2)
  }
}
