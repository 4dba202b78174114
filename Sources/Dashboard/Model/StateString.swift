import SafeText
import Losses

/// A scenario as a short, readable string that `--state` restores, like TensorFlow
/// Playground's URL.
///
/// `v1;loss=cross_entropy;z=2,1,0.1|0,5,0.2;y=0,1;w=1,1,1;r=mean;ls=0;g=2;lr=1`: samples'
/// logits separated by `|`, one target per sample, weights per class, then the settings. The
/// per-logit target forms add `yf=multi` or `yf=prob` and the targets, `yl=1,0,1|0,0,1` (one
/// row per sample); `y` is then each row's largest (what NLL and focal loss take). A string
/// without them is in the class-index form, as every string before them was.
public enum StateString {
  /// The longest state string read.
  public static let maximumLength = 256 << 10

  /// Writes a scenario.
  public static func encode(_ scenario: Scenario) -> String {
    func list(_ values: [Float]) -> String { values.map { "\($0)" }.joined(separator: ",") }
    var fields: [String] = [
      "v1",
      "loss=\(scenario.loss.rawValue)",
      "z=" + scenario.samples.map { list($0.logits) }.joined(separator: "|"),
      "y=" + scenario.samples.map { String($0.target) }.joined(separator: ","),
    ]
    if scenario.targetForm != .classIndex {
      fields.append("yf=\(scenario.targetForm.rawValue)")
      let rows: [String] = scenario.samples.map { list($0.labels ?? []) }
      fields.append("yl=" + rows.joined(separator: "|"))
    }
    fields += [
      "w=" + list(scenario.weights),
      "r=\(scenario.reduction.rawValue)",
      "ls=\(scenario.labelSmoothing)",
      "g=\(scenario.focalGamma)",
      "lr=\(scenario.learningRate)",
    ]
    return fields.joined(separator: ";")
  }

  /// Reads a scenario back.
  ///
  /// - Throws: ``ScenarioError`` naming the part that is wrong.
  public static func decode(_ text: String) throws -> Scenario {
    // Checked first: the largest scenario (256 samples of 64 logits) is about 200 KB as text.
    guard text.utf8.count <= StateString.maximumLength else {
      throw ScenarioError("state string: longer than 256 KiB (at most 256 samples of 64 logits)")
    }
    var fields = text.trimmingCharacters(in: .whitespaces).split(separator: ";").map(String.init)
    guard fields.first == "v1" else { throw ScenarioError("state string must start with v1;") }
    fields.removeFirst()
    var values: [String: String] = [:]
    for field in fields {
      let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw ScenarioError("state string: \(TerminalSafe.quoted(field)) is not key=value")
      }
      guard ["loss", "z", "y", "yf", "yl", "w", "r", "ls", "g", "lr"].contains(parts[0]) else {
        throw ScenarioError("state string: unknown key \(TerminalSafe.quoted(String(parts[0])))")
      }
      values[parts[0]] = parts[1]
    }
    guard let z = values["z"], let y = values["y"] else {
      throw ScenarioError("state string needs z= and y=")
    }
    let logits = try z.split(separator: "|", omittingEmptySubsequences: false).map {
      try floats(String($0), "z")
    }
    let targets = try y.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int in
      guard let target = Int(part) else {
        throw ScenarioError(
          "state string: target \(TerminalSafe.quoted(String(part))) is not an integer")
      }
      return target
    }
    guard logits.count == targets.count else {
      throw ScenarioError("state string: \(logits.count) samples but \(targets.count) targets")
    }
    let loss =
      try values["loss"].map { name in
        guard let loss = DashboardLoss(name: name) else {
          throw ScenarioError("state string: unknown loss \(TerminalSafe.quoted(String(name)))")
        }
        return loss
      } ?? .crossEntropy
    let reduction =
      try values["r"].map { name in
        guard let reduction = Reduction(rawValue: name) else {
          throw ScenarioError(
            "state string: unknown reduction \(TerminalSafe.quoted(String(name)))")
        }
        return reduction
      } ?? .mean
    let form =
      try values["yf"].map { name in
        guard let form = Scenario.TargetForm(rawValue: name), form != .classIndex else {
          throw ScenarioError(
            "state string: unknown target form \(TerminalSafe.quoted(name)) (multi or prob)")
        }
        return form
      } ?? .classIndex
    let labels = try values["yl"].map { text in
      try text.split(separator: "|", omittingEmptySubsequences: false).map {
        try floats(String($0), "yl")
      }
    }
    guard (form == .classIndex) == (labels == nil) else {
      throw ScenarioError("state string: yf= and yl= go together")
    }
    if let labels, labels.count != logits.count {
      throw ScenarioError("state string: \(logits.count) samples but \(labels.count) rows of yl")
    }
    return try Scenario(
      samples: logits.indices.map {
        Scenario.Sample(logits: logits[$0], target: targets[$0], labels: labels?[$0])
      },
      weights: try values["w"].map { try floats($0, "w") }, loss: loss, reduction: reduction,
      labelSmoothing: try values["ls"].map { try float($0, "ls") } ?? 0,
      focalGamma: try values["g"].map { try float($0, "g") } ?? 2,
      learningRate: try values["lr"].map { try float($0, "lr") } ?? 1, targetForm: form)
  }

  private static func floats(_ text: String, _ key: String) throws -> [Float] {
    try text.split(separator: ",", omittingEmptySubsequences: false).map {
      try float(String($0), key)
    }
  }

  private static func float(_ text: String, _ key: String) throws -> Float {
    guard let value = Float(text.trimmingCharacters(in: .whitespaces)) else {
      throw ScenarioError(
        "state string: \(key) value \(TerminalSafe.quoted(String(text))) is not a number")
    }
    return value
  }
}

import Foundation
