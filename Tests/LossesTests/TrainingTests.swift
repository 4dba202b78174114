import Training
import JSON
import Autograd
import Losses
import Testing

/// `LinearTrainer` against PyTorch trajectories.
@Suite struct TrainingTests {
  struct Trajectory: Sendable, CustomTestStringConvertible {
    var id: String
    var args: [String]
    var expect: [JSONValue]
    var testDescription: String { id }
  }

  static let trajectories: [Trajectory] =
    (Fixtures.lines("train_cases.jsonl") + Fixtures.lines("train_example.jsonl")).map { line in
      guard case .object(let f) = line, case .string(let id)? = f["id"],
        case .array(let args)? = f["args"],
        case .array(let expect)? = f["expect"]
      else {
        fatalError(
          "a train fixture line is not an {id, args, expect} case: \(line.serialized.prefix(80))")
      }
      return Trajectory(
        id: id,
        args: args.map {
          guard case .string(let s) = $0 else { fatalError("\(id): an argument is not a string") }
          return s
        }, expect: expect)
    }

  @Test func thereAreTrajectoriesForEveryOption() {
    #expect(TrainingTests.trajectories.count >= 8)
    let flags = Set(TrainingTests.trajectories.flatMap(\.args))
    #expect(flags.isSuperset(of: ["--momentum", "adam", "--class-weight", "--label-smoothing"]))
  }

  @Test(arguments: TrainingTests.trajectories)
  func followsPyTorch(_ t: Trajectory) throws {
    func option(_ name: String) -> String? {
      t.args.firstIndex(of: name).map { t.args[$0 + 1] }
    }
    func floats(_ text: String?) throws -> [Float]? {
      try text.map { flatten(try JSONValue.parse($0)).map { Float($0) } }
    }
    let inputs = try JSONValue.parse(option("--inputs")!)
    guard case .array(let rows) = inputs,
      case .array(let wRows) = try JSONValue.parse(option("--weight-init")!)
    else {
      Issue.record("bad fixture")
      return
    }
    let layer = Linear(
      weight: wRows.map { flatten($0).map { Float($0) } }, bias: try floats(option("--bias-init"))!)
    let trainer = try LinearTrainer(
      layer: layer, inputs: rows.map { flatten($0).map { Float($0) } },
      targets: try floats(option("--targets"))!.map { Int($0) },
      optimizer: LinearTrainer.OptimizerKind(rawValue: option("--optimizer") ?? "sgd")!,
      learningRate: Float(option("--lr")!)!, momentum: Float(option("--momentum") ?? "0")!,
      classWeight: try floats(option("--class-weight")),
      labelSmoothing: Float(option("--label-smoothing") ?? "0")!)
    for expected in t.expect {
      let result = try trainer.step()
      guard case .object(let e) = expected else { continue }
      let loss = flatten(e["loss"])[0]
      #expect(
        agree(Double(result.loss), loss),
        "\(t.id) step \(result.step): loss \(result.loss) vs \(loss)")
      // Logits near zero are compared relative to the step's largest logit: float32 training
      // against PyTorch's float64 leaves ~1e-6 absolute noise that a plain relative test of a
      // logit of 5e-4 would call an error.
      let expectedLogits = flatten(e["logits"])
      let scale = expectedLogits.map(abs).max() ?? 1
      for (a, b) in zip(result.logits, expectedLogits)
      where !(abs(Double(a) - b) <= 1e-4 * max(abs(b), scale)) {
        Issue.record("\(t.id) step \(result.step): logit \(a) vs \(b)")
        break
      }
    }
  }

  @Test func theSeedExampleLearns() throws {
    var generator = SeededGenerator(seed: 0)
    let trainer = try LinearTrainer(
      layer: Linear(3, 3, using: &generator), inputs: [[1, 0, 0]], targets: [2], optimizer: .sgd,
      learningRate: 0.1)
    var losses: [Float] = []
    for _ in 0..<51 { losses.append(try trainer.step().loss) }
    #expect(losses.last! < losses.first!)
    #expect(losses.last! < 0.2)
    #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 })
  }
}
