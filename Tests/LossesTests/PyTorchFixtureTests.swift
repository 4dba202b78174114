import Evaluation
import JSON
import Losses
import Testing

/// Every PyTorch-generated case, answered in-process by the eval service.
@Suite struct PyTorchFixtureTests {
  static let cases = Fixtures.lossCases("loss_cases.jsonl")
  static let seedCases = Fixtures.lossCases("seed_cases.jsonl")

  @Test func theFixtureSetIsLargeAndComplete() {
    #expect(PyTorchFixtureTests.cases.count >= 500)
    let names = Set(
      PyTorchFixtureTests.cases.compactMap { c -> String? in
        guard case .object(let fields) = try? JSONValue.parse(c.requestLine),
          case .string(let loss)? = fields["loss"]
        else { return nil }
        return loss
      })
    #expect(names.isSuperset(of: LossFunction.allCases.map(\.rawValue)))
    #expect(PyTorchFixtureTests.seedCases.count == 14)
  }

  @Test(arguments: PyTorchFixtureTests.cases)
  func matchesPyTorch(_ c: Fixtures.LossCase) throws {
    let answer = try JSONValue.parse(EvalService.answer(line: c.requestLine))
    expectAnswer(answer, matches: c.expect, c.id)
  }

  @Test(arguments: PyTorchFixtureTests.seedCases)
  func reproducesTheSeedExamples(_ c: Fixtures.LossCase) throws {
    let answer = try JSONValue.parse(EvalService.answer(line: c.requestLine))
    expectAnswer(answer, matches: c.expect, c.id)
  }
}
