import JSON
import Foundation
import Losses

/// `Tests/Fixtures/dashboard_cases.json`: key scripts, the scenario they must produce, and
/// PyTorch's numbers for it.
struct KeyScriptCase: Sendable, CustomTestStringConvertible {
  var id: String
  var state: String
  var keys: String
  var logits: [[Double]]
  var targets: [Int]
  var weights: [Double]
  var loss: String
  var reduction: String
  var labelSmoothing: Double
  var learningRate: Double
  var focalGamma: Double
  /// `index`, `multi` or `prob`, and in the per-logit forms the targets.
  var targetForm: String
  var labels: [[Double]]?
  var expectLoss: [Double]
  var expectPerSample: [Double]
  var expectProbabilities: [[Double]]
  var expectGrad: [[Double]]
  var testDescription: String { id }

  static let all: [KeyScriptCase] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Fixtures/dashboard_cases.json")
    // A fixture that cannot be read, or a case that does not parse, stops the run: silently
    // fewer cases would be a pass for the wrong reason.
    guard let text = try? String(contentsOf: url, encoding: .utf8),
      case .array(let items)? = try? JSONValue.parse(text)
    else {
      fatalError("Tests/Fixtures/dashboard_cases.json cannot be read as a JSON array")
    }
    return items.enumerated().map { index, item in
      guard case .object(let f) = item, case .string(let id)? = f["id"],
        case .string(let state)? = f["state"],
        case .string(let keys)? = f["keys"], case .object(let s)? = f["scenario"],
        case .object(let e)? = f["expect"],
        case .string(let loss)? = s["loss"], case .string(let reduction)? = s["reduction"]
      else { fatalError("Tests/Fixtures/dashboard_cases.json: case \(index + 1) is malformed") }
      return KeyScriptCase(
        id: id, state: state, keys: keys, logits: rows(s["logits"]),
        targets: numbers(s["targets"]).map { Int($0) },
        weights: numbers(s["weights"]), loss: loss, reduction: reduction,
        labelSmoothing: numbers(s["label_smoothing"]).first ?? 0,
        learningRate: numbers(s["learning_rate"]).first ?? 1,
        focalGamma: numbers(s["focal_gamma"]).first ?? 2,
        targetForm: { if case .string(let form)? = s["target_form"] { form } else { "index" } }(),
        labels: s["labels"].map { _ in rows(s["labels"]) }, expectLoss: numbers(e["loss"]),
        expectPerSample: numbers(e["per_sample"]),
        expectProbabilities: rows(e["probabilities"]), expectGrad: rows(e["grad"]))
    }
  }()

  private static func numbers(_ value: JSONValue?) -> [Double] {
    guard let value else { return [] }
    do { return try NestedArray.flatten(value, field: "expect").values } catch {
      fatalError("Tests/Fixtures/dashboard_cases.json: \(error)")
    }
  }

  private static func rows(_ value: JSONValue?) -> [[Double]] {
    guard case .array(let items)? = value else { return [] }
    return items.map { numbers($0) }
  }
}

import Testing

/// PyTorch agreement: `|a − b| ≀ 1e-4·|b| + 1e-6`.
func close(_ a: Float, _ b: Double) -> Bool {
  if b.isNaN { return a.isNaN }
  if b.isInfinite { return Double(a) == b }
  return abs(Double(a) - b) <= 1e-4 * abs(b) + 1e-6
}
