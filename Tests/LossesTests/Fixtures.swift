import JSON
import Foundation
import Losses

/// The PyTorch-generated reference files in `Tests/Fixtures/`.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// Every line of a JSON Lines fixture, parsed. A fixture that cannot be read, or a line that
  /// does not parse, stops the run with the file and line: silently fewer cases would be a pass
  /// for the wrong reason.
  static func lines(_ name: String) -> [JSONValue] {
    let text: String
    do {
      text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    } catch {
      fatalError("Tests/Fixtures/\(name) cannot be read: \(error)")
    }
    return text.split(separator: "\n").enumerated().map { index, line in
      do { return try JSONValue.parse(String(line)) } catch {
        fatalError("Tests/Fixtures/\(name):\(index + 1): \(error)")
      }
    }
  }

  /// One eval case: the request with its id, and PyTorch's answer.
  struct LossCase: CustomTestStringConvertible, Sendable {
    var id: String
    var requestLine: String
    var expect: JSONValue
    var testDescription: String { id }
  }

  static func lossCases(_ name: String) -> [LossCase] {
    lines(name).enumerated().map { index, line in
      guard case .object(let fields) = line, case .string(let id)? = fields["id"],
        case .object(var request)? = fields["request"], let expect = fields["expect"]
      else { fatalError("Tests/Fixtures/\(name):\(index + 1): not an {id, request, expect} case") }
      request["id"] = .string(id)
      return LossCase(id: id, requestLine: JSONValue.object(request).serialized, expect: expect)
    }
  }
}

import Testing

/// Compares an eval answer with PyTorch's float64 answer.
///
/// Values agree when `|a − b| ≀ 1e-4·|b| + 1e-6`: the contract's 1e-4 relative, with a floor
/// for gradients that are exactly or nearly zero. NaN must meet NaN and infinities must match.
func expectAnswer(
  _ answer: JSONValue, matches expect: JSONValue, _ id: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard case .object(let got) = answer, case .object(let want) = expect else {
    Issue.record("\(id): malformed answer \(answer.serialized)", sourceLocation: sourceLocation)
    return
  }
  if want["error"] != nil {
    #expect(
      got["error"] != nil, "\(id): expected an error, got \(answer.serialized)",
      sourceLocation: sourceLocation)
    return
  }
  if let error = got["error"] {
    Issue.record("\(id): unexpected error \(error.serialized)", sourceLocation: sourceLocation)
    return
  }
  for key in ["loss", "grad"] {
    let a = flatten(got[key]), b = flatten(want[key])
    #expect(
      a.count == b.count, "\(id) \(key): \(a.count) values, expected \(b.count)",
      sourceLocation: sourceLocation)
    for (x, y) in zip(a, b) where !agree(x, y) {
      Issue.record("\(id) \(key): got \(x), PyTorch \(y)", sourceLocation: sourceLocation)
      break
    }
  }
}

func agree(_ a: Double, _ b: Double) -> Bool {
  if b.isNaN { return a.isNaN }
  if b.isInfinite { return a == b }
  return abs(a - b) <= 1e-4 * abs(b) + 1e-6
}

func flatten(_ value: JSONValue?) -> [Double] {
  guard let value else { return [] }
  do { return try NestedArray.flatten(value, field: "expect").values } catch {
    fatalError("a fixture's expected value is not a number array: \(error)")
  }
}
