import Losses

/// What the dashboard shows: a batch of logits with their targets, and the loss settings.
///
/// A scenario is plain data. It can be written as a short state string (see ``StateString``)
/// and restored from one, so a teacher can share exactly what is on screen.
public struct Scenario: Equatable, Sendable {
  /// One sample: its logits and its target class, and in the per-logit target forms its
  /// targets (`labels`).
  public struct Sample: Equatable, Sendable {
    public var logits: [Float]
    /// The true class: given in the class-index form; in the others the class with the largest
    /// target (the one the curve and p_y follow, and what NLL and focal loss take).
    public var target: Int
    /// One target per logit (multi-label y ∈ [0, 1], or a probability row), or `nil` in the
    /// class-index form.
    public var labels: [Float]?

    public init(logits: [Float], target: Int, labels: [Float]? = nil) {
      self.logits = logits
      self.target = target
      self.labels = labels
    }

    /// The target as a row of the `(N, C)` target tensor: the labels, or the class one-hot.
    public func targetRow(classes: Int) -> [Float] {
      labels ?? (0..<classes).map { $0 == target ? 1 : 0 }
    }

    /// The first class with the largest label.
    static func largest(_ labels: [Float]) -> Int {
      labels.indices.max { labels[$0] < labels[$1] || (labels[$0] == labels[$1] && $0 > $1) } ?? 0
    }
  }

  /// How the samples' targets are given.
  public enum TargetForm: String, CaseIterable, Sendable {
    /// One class index per sample (the default).
    case classIndex = "index"
    /// A target y ∈ [0, 1] for each logit: multi-label, or binary with one logit per sample.
    /// BCE and MSE take the targets as they are, cross-entropy as (unnormalised) soft targets.
    case multiLabel = "multi"
    /// A probability distribution over the classes (PyTorch's soft targets for cross-entropy).
    case probabilities = "prob"

    /// What the form is, for notices.
    public var description: String {
      switch self {
      case .classIndex: "a class index per sample (t sets it)"
      case .multiLabel: "a target per logit, multi-label (t toggles the selected one)"
      case .probabilities: "class probabilities, soft targets (t moves 0.1 to the selected class)"
      }
    }

    /// The next form, for key Y: index → multi-label → probabilities → index.
    func next() -> TargetForm {
      let all = TargetForm.allCases
      return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
  }

  public var samples: [Sample]
  /// How the targets are given (every sample alike, as PyTorch takes one target tensor).
  public var targetForm: TargetForm = .classIndex
  /// One weight per class.
  public var weights: [Float]
  public var loss: DashboardLoss
  public var reduction: Reduction
  public var labelSmoothing: Float
  /// The focal loss's `γ`.
  public var focalGamma: Float
  /// The step size of gradient descent on the logits.
  public var learningRate: Float

  /// The loss's name for titles: BCE against per-logit targets is not one-vs-rest.
  public var lossTitle: String {
    loss == .bceOneVsRest && targetForm != .classIndex ? "BCE with logits" : loss.title
  }

  /// The selected sample's target as titles show it: `target 2`, or `y [1 0 1]`, `y [0.7 0.3]`.
  public func targetTitle(_ sample: Sample) -> String {
    guard let labels = sample.labels else { return "target \(sample.target)" }
    let shown = labels.prefix(8).map(NumberFormat.short).joined(separator: " ")
    return "y [\(shown)\(labels.count > 8 ? " …" : "")]"
  }

  /// The number of classes.
  public var classes: Int { weights.count }

  /// Creates a scenario, checking that it is one the dashboard can show.
  ///
  /// - Throws: ``ScenarioError`` for an empty batch, ragged logits, a target out of range, a
  ///   wrong number of weights or a setting out of range.
  public init(
    samples: [Sample], weights: [Float]? = nil, loss: DashboardLoss = .crossEntropy,
    reduction: Reduction = .mean, labelSmoothing: Float = 0, focalGamma: Float = 2,
    learningRate: Float = 1, targetForm: TargetForm = .classIndex
  ) throws {
    guard let first = samples.first else { throw ScenarioError("the batch has no samples") }
    let classes = first.logits.count
    // One logit per sample is a binary sample: it needs a per-logit target.
    let fewest = targetForm == .multiLabel ? 1 : 2
    guard (fewest...Scenario.maximumClasses).contains(classes) else {
      throw ScenarioError(
        "a sample needs \(fewest) to \(Scenario.maximumClasses) logits, got \(classes)"
          + (classes == 1 ? " (one logit is a binary sample: give it a target per logit)" : ""))
    }
    var samples = samples
    guard samples.count <= Scenario.maximumSamples else {
      throw ScenarioError("at most \(Scenario.maximumSamples) samples, got \(samples.count)")
    }
    for (index, sample) in samples.enumerated() {
      guard sample.logits.count == classes else {
        throw ScenarioError(
          "sample \(index) has \(sample.logits.count) logits, sample 0 has \(classes)")
      }
      switch targetForm {
      case .classIndex:
        guard (0..<classes).contains(sample.target) else {
          throw ScenarioError("Target \(sample.target) is out of bounds for \(classes) classes")
        }
        samples[index].labels = nil
      case .multiLabel, .probabilities:
        guard let labels = sample.labels, labels.count == classes else {
          throw ScenarioError(
            "sample \(index) needs one target per logit (\(classes)), got \(sample.labels?.count ?? 0)"
          )
        }
        guard labels.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
          throw ScenarioError("sample \(index): every target must be in [0, 1]")
        }
        if targetForm == .probabilities {
          let total = labels.reduce(0, +)
          guard abs(total - 1) <= 1e-3 else {
            throw ScenarioError(
              "sample \(index): probability targets must add up to 1, these add up to \(total)")
          }
        }
        samples[index].target = Sample.largest(labels)
      }
      guard sample.logits.allSatisfy({ $0.isFinite && abs($0) <= Scenario.logitLimit }) else {
        throw ScenarioError(
          "sample \(index): logits must be finite numbers within ±1e6 (inf and nan cannot be drawn)"
        )
      }
    }
    let weights = weights ?? [Float](repeating: 1, count: classes)
    guard weights.count == classes else {
      throw ScenarioError(
        "weights has \(weights.count) entries, expected one per class (\(classes))")
    }
    guard weights.allSatisfy({ $0 >= 0 && $0 <= Scenario.weightLimit }) else {
      throw ScenarioError("weights must be numbers in [0, 1e6]")
    }
    guard reduction != .batchmean else {
      throw ScenarioError("reduction must be mean, sum or none")
    }
    guard (0...1).contains(labelSmoothing) else {
      throw ScenarioError("label smoothing must be in [0, 1]")
    }
    guard focalGamma >= 0, focalGamma <= 10 else {
      throw ScenarioError("focal gamma must be in [0, 10]")
    }
    guard Scenario.learningRates.contains(learningRate) else {
      throw ScenarioError("learning rate must be in [1/1024, 1024]")
    }
    self.samples = samples
    self.targetForm = targetForm
    self.weights = weights
    self.loss = loss
    self.reduction = reduction
    self.labelSmoothing = labelSmoothing
    self.focalGamma = focalGamma
    self.learningRate = learningRate
  }

  /// The most classes a scenario may have; the bars and gradients need a row each.
  public static let maximumClasses = 64
  /// The most samples in a batch.
  public static let maximumSamples = 256
  /// The largest logit magnitude: far past where any softmax saturates, and small enough that
  /// no loss, gradient or descent step computed from it overflows a Float. Edits (keys, the
  /// mouse, descent) clamp to it, so every state's string can be read back.
  public static let logitLimit: Float = 1e6
  /// The largest class weight.
  public static let weightLimit: Float = 1e6
  /// The learning rates a scenario may have: what `[` and `]` can reach.
  public static let learningRates: ClosedRange<Float> = (1.0 / 1024)...1024

  /// The built-in scenario: the seed articles' first example, `[2, 1, 0.1]` with target 0.
  public static let standard = Scenario(
    unchecked: [Sample(logits: [2, 1, 0.1], target: 0)], weights: [1, 1, 1])

  /// A scenario from values known to be valid (the built-in ones).
  private init(unchecked samples: [Sample], weights: [Float]) {
    self.samples = samples
    self.weights = weights
    loss = .crossEntropy
    reduction = .mean
    labelSmoothing = 0
    focalGamma = 2
    learningRate = 1
  }
}

/// Why a scenario could not be built or parsed.
public struct ScenarioError: Error, Equatable, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
