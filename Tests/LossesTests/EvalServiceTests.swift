import Evaluation
import JSON
import Losses
import Testing

@Suite struct EvalServiceTests {
  func answer(_ line: String) throws -> [String: JSONValue] {
    guard case .object(let fields) = try JSONValue.parse(EvalService.answer(line: line)) else {
      Issue.record("answer is not an object")
      return [:]
    }
    return fields
  }

  @Test(arguments: ["42", "\"abc\"", "[1, {\"a\": null}]", "{\"k\": true}", "null", "-1.5"])
  func echoesAnyID(_ id: String) throws {
    let fields = try answer(#"{"id": \#(id), "loss": "mse_loss", "input": [1.0], "target": [0.0]}"#)
    #expect(fields["id"] == (try JSONValue.parse(id)))
    #expect(fields["loss"] == .number(1))
  }

  /// A linear + cross-entropy request counts its block of logits against the memory limit:
  /// 32 tokens × 50,000 classes × 1 feature is 4 MB of tensors by the estimate, plus a 6.4 MB
  /// block (32 tokens × 50,000 floats): refused at 8 MiB, answered at 16.
  @Test func theLinearCrossEntropysBlockOfLogitsCountsAgainstTheMemoryLimit() throws {
    let vocabulary = 50_000
    let weight =
      "[" + (0..<vocabulary).map { "[\(Double($0 % 7) / 7)]" }.joined(separator: ",") + "]"
    let line =
      #"{"id": 1, "loss": "linear_cross_entropy", "input": ["#
      + (0..<32).map { "[\(Double($0) / 32)]" }.joined(separator: ",") + #"], "linear_weight": "#
      + weight + #", "target": ["# + (0..<32).map { "\($0 * 997)" }.joined(separator: ",") + "]}"
    func answer(megabytes: Int) throws -> [String: JSONValue] {
      guard
        case .object(let fields) = try JSONValue.parse(
          EvalService.answer(line: line, limits: EvalLimits(maxMemory: megabytes << 20)))
      else { return [:] }
      return fields
    }
    let refused = try answer(megabytes: 8)
    guard case .string(let message)? = refused["error"] else {
      Issue.record("8 MiB should not be enough: \(refused)")
      return
    }
    #expect(message.contains("memory limit"))
    #expect(try answer(megabytes: 16)["loss"] != nil)
  }

  @Test func aMissingIDIsNull() throws {
    let fields = try answer(#"{"loss": "mse_loss", "input": [1.0], "target": [0.0]}"#)
    #expect(fields["id"] == .null)
  }

  /// Found by fuzzing when they were still refused (they trapped in gather); PyTorch answers them,
  /// and so does eval now (the fixture has PyTorch's numbers for each reduction).
  @Test func anEmptyClassDimensionIsAnsweredWhenNoTargetNeedsAClass() throws {
    let ignored = try answer(
      #"{"loss": "nll_loss", "input": [[]], "target": [-100], "reduction": "none", "id": "nlone"}"#)
    #expect(ignored["loss"] == .array([.number(0)]))
    let mean = try answer(#"{"loss": "cross_entropy", "input": [[], []], "target": [-100, -100]}"#)
    #expect(mean["loss"] == .string("nan"))
    let probabilities = try answer(
      #"{"loss": "cross_entropy", "input": [[]], "target": [[]], "reduction": "sum"}"#)
    #expect(probabilities["loss"] == .number(0))
  }

  @Test(arguments: [
    "not json", "{\"id\": 1,", "[1, 2]", "", "{\"id\": 1, \"loss\": 3}",
    "{\"id\": 1, \"loss\": \"cross_entropy\"}",
    "{\"id\": 1, \"loss\": \"cross_entropy\", \"input\": [[1, 2], [3]], \"target\": [0, 0]}",
    "{\"id\": 1, \"loss\": \"cross_entropy\", \"input\": [[1, \"x\"]], \"target\": [0]}",
    "{\"id\": 1, \"loss\": \"cross_entropy\", \"input\": [[1, 2]], \"target\": [0], \"reducton\": \"sum\"}",
    String(repeating: "[", count: 100_000),
    // An empty class dimension with a target that needs a class.
    #"{"loss": "cross_entropy", "input": [], "target": 0}"#,
  ])
  func garbageGetsAnErrorAnswer(_ line: String) throws {
    let fields = try answer(line)
    guard case .string(let message)? = fields["error"] else {
      Issue.record("no error for \(line.prefix(40))")
      return
    }
    #expect(!message.isEmpty)
    #expect(!message.contains("\n"))
  }

  @Test func nonFiniteNumbersTravelAsStrings() throws {
    let fields = try answer(
      #"{"id": 1, "loss": "cross_entropy", "input": [["nan", 1.0]], "target": [0]}"#)
    #expect(fields["loss"] == .string("nan"))
    let bce = try answer(
      #"{"id": 2, "loss": "l1_loss", "input": ["inf"], "target": [0.0], "reduction": "none"}"#)
    #expect(bce["loss"] == .array([.string("inf")]))
  }

  @Test func noneGivesAnArrayAndTheGradientOfItsSum() throws {
    let fields = try answer(
      #"{"id": 1, "loss": "mse_loss", "input": [1.0, 3.0], "target": [0.0, 0.0], "reduction": "none"}"#
    )
    #expect(fields["loss"] == .array([.number(1), .number(9)]))
    #expect(fields["grad"] == .array([.number(2), .number(6)]))
  }

  @Test func aMillionClassRowIsAnswered() throws {
    let row = (0..<1_000_000).map { String(Float($0 % 97) / 10) }.joined(separator: ",")
    let fields = try answer(
      #"{"id": 1, "loss": "cross_entropy", "input": [[\#(row)]], "target": [96]}"#)
    guard case .array(let rows)? = fields["grad"], case .array(let grad)? = rows.first else {
      Issue.record("no gradient")
      return
    }
    #expect(grad.count == 1_000_000)
    #expect(fields["error"] == nil)
  }
}

@Suite struct EvalIdEchoTests {
  /// Found by fuzz-eval: an id with line breaks between its tokens must not split the answer.
  @Test func lineBreaksInsideAnIdStayOnOneLine() {
    let answer = EvalService.answer(
      line: "{\"id\": [{\"a\"\n\n\r: 1}], \"loss\": \"l1_loss\", \"input\": [1], \"target\": [0]}")
    #expect(!answer.contains("\n") && !answer.contains("\r"))
    #expect(answer.hasPrefix("{\"id\": [{\"a\"   : 1}], \"loss\": 1.0"))
  }
}

@Suite struct LossKeywordTests {
  @Test func anOptionTheLossDoesNotTakeIsNamedWithTheLoss() throws {
    let answer = EvalService.answer(
      line:
        #"{"id": 1, "loss": "nll_loss", "input": [[-1, -2]], "target": [0], "label_smoothing": 0.1}"#
    )
    #expect(answer.contains("nll_loss() got an unexpected keyword argument 'label_smoothing'"))
    #expect(answer.contains("(it takes weight, ignore_index, reduction)"))
  }

  @Test func everyLossTakesReduction() {
    for loss in LossFunction.allCases { #expect(loss.keywords.contains("reduction"), "\(loss)") }
  }
}
