import JSON
import Foundation
import Losses
import Testing

@Suite struct EvalCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// `{"id", "request", "expect"}` lines as (request line with id, expected answer).
  static func cases(_ name: String) throws -> [(id: String, request: String, expect: JSONValue)] {
    let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
      guard case .object(let f) = try JSONValue.parse(String(line)),
        case .string(let id)? = f["id"],
        case .object(var request)? = f["request"], let expect = f["expect"]
      else { throw CocoaError(.fileReadCorruptFile) }
      request["id"] = .string(id)
      return (id, JSONValue.object(request).serialized, expect)
    }
  }

  @Test func streamsEveryFixtureWithGarbageInBetween() throws {
    let cases =
      try EvalCommandTests.cases("loss_cases.jsonl") + EvalCommandTests.cases("seed_cases.jsonl")
    // After every case, a garbage line; blank lines get no answer.
    var input = ""
    for c in cases { input += c.request + "\n{\"id\": \"junk\", oops\n\n" }
    let result = try Binary.run(["eval", "--jsonl"], input: input)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == cases.count * 2)
    for (index, c) in cases.enumerated() where index * 2 + 1 < lines.count {
      let answer = try JSONValue.parse(String(lines[index * 2]))
      guard case .object(let fields) = answer, fields["id"] == .string(c.id) else {
        Issue.record("answer \(index) is not for \(c.id)")
        continue
      }
      check(fields, c.expect, c.id)
      guard case .object(let junk) = try JSONValue.parse(String(lines[index * 2 + 1])) else {
        continue
      }
      #expect(junk["error"] != nil)
    }
  }

  /// Two fixtures answered by the real binary: 2,000 random requests over every loss, option,
  /// layout and value style (normal, ±1e4, ±88…90, ties, denormals, sprinkled NaN/±∞, masked
  /// −∞), and PyTorch's own loss test inputs (its OpInfo samples and error inputs, and its
  /// ModuleInfo inputs), each with PyTorch's answer.
  /// A third: PyTorch at ±∞ and empty class dimensions (generate_edge_fixtures.py).
  @Test(arguments: [
    ("differential_cases.jsonl", 2000), ("pytorch_samples.jsonl", 350), ("edge_cases.jsonl", 171),
  ])
  func fixtureRequestsMatchPyTorchThroughTheBinary(file: String, count: Int) throws {
    let cases = try EvalCommandTests.cases(file)
    #expect(cases.count == count)
    let result = try Binary.run(
      ["eval", "--jsonl"], input: cases.map(\.request).joined(separator: "\n") + "\n")
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == cases.count)
    for (c, line) in zip(cases, lines) {
      guard case .object(let fields) = try JSONValue.parse(String(line)),
        fields["id"] == .string(c.id)
      else {
        Issue.record("no answer for \(c.id)")
        continue
      }
      check(fields, c.expect, c.id)
    }
  }

  /// `linear_cross_entropy` through the real binary: 257 PyTorch cases (N 1…300, D 1…1024,
  /// V 1…70,000; class indices and probabilities, bias, class weights, ignore_index, smoothing,
  /// every reduction, 1-D inputs, and six requests PyTorch refuses), each gradient of the
  /// answer's `grad` object compared with PyTorch's.
  @Test func linearCrossEntropyMatchesPyTorchThroughTheBinary() throws {
    let cases = try EvalCommandTests.cases("linear_cross_entropy_cases.jsonl")
    #expect(cases.count == 257)
    let result = try Binary.run(
      ["eval", "--jsonl"], input: cases.map(\.request).joined(separator: "\n") + "\n")
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == cases.count)
    var compared = 0
    for (c, line) in zip(cases, lines) {
      guard case .object(let got) = try JSONValue.parse(String(line)), got["id"] == .string(c.id),
        case .object(let want) = c.expect
      else {
        Issue.record("no answer for \(c.id)")
        continue
      }
      if want["error"] != nil {
        #expect(got["error"] != nil, "\(c.id) should be an error")
        continue
      }
      #expect(got["error"] == nil, "\(c.id): \(got["error"]?.serialized ?? "")")
      guard case .object(let gotGrad)? = got["grad"], case .object(let wantGrad)? = want["grad"]
      else {
        Issue.record("\(c.id): grad is not an object")
        continue
      }
      #expect(Set(gotGrad.keys) == Set(wantGrad.keys), "\(c.id)")
      compare(numbers(got["loss"]), numbers(want["loss"]), "\(c.id) loss")
      for key in wantGrad.keys.sorted() {
        compare(numbers(gotGrad[key]), numbers(wantGrad[key]), "\(c.id) grad.\(key)")
      }
      compared += 1
    }
    #expect(compared == 251)
  }

  /// PyTorch's values matched within 1e-4 relative (with a 1e-6 floor for values at or near
  /// zero); NaN must meet NaN and infinities must match.
  private func compare(_ a: [Double], _ b: [Double], _ what: String) {
    #expect(a.count == b.count, "\(what)")
    for (x, y) in zip(a, b) {
      let ok = y.isNaN ? x.isNaN : (y.isInfinite ? x == y : abs(x - y) <= 1e-4 * abs(y) + 1e-6)
      if !ok {
        Issue.record("\(what): \(x) vs PyTorch \(y)")
        break
      }
    }
  }

  private func check(_ got: [String: JSONValue], _ expect: JSONValue, _ id: String) {
    guard case .object(let want) = expect else { return }
    if want["error"] != nil {
      #expect(got["error"] != nil, "\(id) should be an error")
      return
    }
    #expect(got["error"] == nil, "\(id): \(got["error"]?.serialized ?? "")")
    for key in ["loss", "grad"] {
      compare(numbers(got[key]), numbers(want[key]), "\(id) \(key)")
    }
  }

  private func numbers(_ value: JSONValue?) -> [Double] {
    (try? value.map { try NestedArray.flatten($0, field: "expect").values }) ?? []
  }

  @Test func humanFormPrintsLossProbabilitiesAndGradient() throws {
    let result = try Binary.run([
      "eval", "cross_entropy", "--input", "[[2,1,0.1]]", "--target", "[0]",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("loss: 0.4170"))
    #expect(result.stdout.contains("0.6590"))
    #expect(result.stdout.contains("-0.3410"))
  }

  @Test(
    arguments: [
      (["eval", "cross_entropy", "--input", "[[2,1", "--target", "[0]"], Int32(65), "--input"),
      (
        ["eval", "cross_entropy", "--input", "[[2,1,0.1]]", "--target", "[5]"], 65,
        "Target 5 is out of bounds for 3 classes"
      ),
      (["eval", "hinge", "--input", "[[2,1]]", "--target", "[0]"], 65, "unknown loss"),
      (
        ["eval", "linear_cross_entropy", "--input", "[[2,1]]", "--target", "[0]"], 65,
        "eval --jsonl"
      ),
      (
        ["eval", "cross_entropy", "--input", "[[2,1]]", "--target", "[0]", "--reduction", "avg"],
        65, "reduction"
      ),
      (["eval", "--bogus"], 64, ""),
      (["eval"], 64, ""),
      (["train", "--steps", "-1"], 64, ""),
      (["train", "--inputs", "[[1,0"], 65, "--inputs"),
      (["train", "--targets", "[7]", "--classes", "3"], 65, "Target 7"),
    ] as [([String], Int32, String)])
  func badInputExitsWithTheContractsStatus(
    _ arguments: [String], _ status: Int32, _ message: String
  ) throws {
    let result = try Binary.run(arguments)
    #expect(result.status == status, "\(arguments): \(result.stderr)")
    #expect(message.isEmpty || result.stderr.contains(message))
    if status == 65 {
      #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
    }
  }
}
