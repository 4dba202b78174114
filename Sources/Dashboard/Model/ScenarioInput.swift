import Foundation
import JSON
import Losses
import SafeText

extension Scenario {
  /// Builds a scenario from the command line's scenario options.
  ///
  /// - Parameters:
  ///   - logits: One sample's logits, `"2,1,0.1"` or `"[2,1,0.1]"`.
  ///   - batch: Several samples, `"[[2,1,0.1],[0,5,0.2]]"`.
  ///   - target: The target class, or one per sample (`"0,1"` or `"[0,1]"`). Default 0.
  ///   - weights: One weight per class.
  ///   - loss: A loss name (see ``DashboardLoss``).
  ///   - state: A whole scenario as a state string; the other options then refine it.
  ///   - targets: A target per logit, one row per sample (`"[[1,0,1],[0,0,1]]"`; one sample's
  ///     row alone is `"1,0,1"`): multi-label, or with `targetForm` `prob` probability rows.
  ///   - targetForm: `multi` (the default with `targets`) or `prob`.
  /// - Returns: The scenario, or the built-in one when no option is given.
  /// - Throws: ``ScenarioError`` naming the option at fault.
  public static func from(
    logits: String? = nil, batch: String? = nil, target: String? = nil, weights: String? = nil,
    loss: String? = nil, state: String? = nil, targets: String? = nil, targetForm: String? = nil
  ) throws -> Scenario {
    if logits != nil && batch != nil { throw ScenarioError("give --logits or --batch, not both") }
    if target != nil && targets != nil {
      throw ScenarioError("give --target (a class) or --targets (one per logit), not both")
    }
    var scenario = try state.map { try StateString.decode($0) } ?? Scenario.standard
    var samples = scenario.samples
    var form = logits != nil || batch != nil || target != nil ? .classIndex : scenario.targetForm
    if let logits {
      samples = [Sample(logits: try numbers(logits, option: "--logits"), target: 0)]
    }
    if let batch {
      guard case .array(let rows) = try parse(batch, option: "--batch") else {
        throw ScenarioError("--batch: expected an array of rows, like [[2,1,0.1],[0,5,0.2]]")
      }
      guard rows.count <= Scenario.maximumSamples else {
        throw ScenarioError(
          "--batch: at most \(Scenario.maximumSamples) samples, got \(rows.count)")
      }
      samples = try rows.map { row in
        guard case .array(let items) = row,
          items.allSatisfy({ if case .array = $0 { false } else { true } })
        else {
          throw ScenarioError("--batch: every row must be a flat array of numbers, like [2,1,0.1]")
        }
        return Sample(logits: try flatNumbers(row, option: "--batch"), target: 0)
      }
    }
    if let target {
      let targets = try numbers(target, option: "--target").map { value -> Int in
        guard value.rounded() == value, abs(value) < 1e9 else {
          throw ScenarioError("--target: \(value) is not a class index")
        }
        return Int(value)
      }
      guard targets.count == 1 || targets.count == samples.count else {
        throw ScenarioError("--target: \(targets.count) targets for \(samples.count) samples")
      }
      for i in samples.indices { samples[i].target = targets.count == 1 ? targets[0] : targets[i] }
    } else if logits != nil || batch != nil {
      for i in samples.indices {
        samples[i].target = min(samples[i].target, max(0, samples[i].logits.count - 1))
      }
    }
    if let targetForm {
      guard let parsed = TargetForm(rawValue: targetForm), parsed != .classIndex else {
        throw ScenarioError(
          "--target-form: unknown form \(TerminalSafe.quoted(targetForm)) (multi or prob)")
      }
      guard targets != nil || form != .classIndex else {
        throw ScenarioError("--target-form needs --targets (one target per logit)")
      }
      form = parsed
    }
    if let targets {
      let trimmed = targets.trimmingCharacters(in: .whitespaces)
      let rows: [[Float]]
      if case .array(let items) = try parse(
        trimmed.hasPrefix("[") ? trimmed : "[" + trimmed + "]", option: "--targets"),
        items.contains(where: { if case .array = $0 { true } else { false } })
      {
        guard items.count <= Scenario.maximumSamples else {
          throw ScenarioError("--targets: at most \(Scenario.maximumSamples) rows")
        }
        rows = try items.map { try flatNumbers($0, option: "--targets") }
      } else {
        rows = [try numbers(targets, option: "--targets")]
      }
      guard rows.count == samples.count else {
        throw ScenarioError("--targets: \(rows.count) rows for \(samples.count) samples")
      }
      for i in samples.indices { samples[i].labels = rows[i] }
      if targetForm == nil { form = .multiLabel }
    } else if form == .classIndex {
      for i in samples.indices { samples[i].labels = nil }
    }
    let classes = samples.first?.logits.count ?? 0
    var weightValues = scenario.weights.count == classes ? scenario.weights : nil
    if let weights { weightValues = try numbers(weights, option: "--weights") }
    var chosenLoss = scenario.loss
    if let loss {
      guard let parsed = DashboardLoss(name: loss) else {
        throw ScenarioError(
          "--loss: unknown loss \(TerminalSafe.quoted(loss)) (\(DashboardLoss.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      chosenLoss = parsed
    }
    scenario = try Scenario(
      samples: samples, weights: weightValues, loss: chosenLoss, reduction: scenario.reduction,
      labelSmoothing: scenario.labelSmoothing, focalGamma: scenario.focalGamma,
      learningRate: scenario.learningRate, targetForm: form)
    return scenario
  }

  /// A flat list of numbers written with or without brackets.
  private static func numbers(_ text: String, option: String) throws -> [Float] {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let json = trimmed.hasPrefix("[") ? trimmed : "[" + trimmed + "]"
    return try flatNumbers(try parse(json, option: option), option: option)
  }

  /// A JSON array of numbers, of at most as many entries as a scenario has classes or samples
  /// (more could never make a scenario, so nothing larger is allocated).
  private static func flatNumbers(_ value: JSONValue, option: String) throws -> [Float] {
    do {
      let (values, dims) = try NestedArray.flatten(
        value, field: option, limit: Swift.max(Scenario.maximumClasses, Scenario.maximumSamples))
      guard dims.count == 1 else {
        throw ScenarioError("\(option): expected a flat list of numbers")
      }
      return values.map { Float($0) }
    } catch let error as ScenarioError {
      throw error
    } catch {
      throw ScenarioError("\(option): \(error)")
    }
  }

  private static func parse(_ text: String, option: String) throws -> JSONValue {
    do {
      return try JSONValue.parse(text)
    } catch {
      throw ScenarioError("\(option): \(error)")
    }
  }
}
