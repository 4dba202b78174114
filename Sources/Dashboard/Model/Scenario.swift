import Losses

/// What the dashboard shows: a batch of logits with their targets, and the loss settings.
///
/// A scenario is plain data. It can be written as a short state string (see ``StateString``)
/// and restored from one, so a teacher can share exactly what is on screen.
public struct Scenario: Equatable, Sendable {
  /// One sample: its logits and its target class.
  public struct Sample: Equatable, Sendable {
    public var logits: [Float]
    public var target: Int

    public init(logits: [Float], target: Int) {
      self.logits = logits
      self.target = target
    }
  }

  public var samples: [Sample]
  /// One weight per class.
  public var weights: [Float]
  public var loss: DashboardLoss
  public var reduction: Reduction
  public var labelSmoothing: Float
  /// The focal loss's `γ`.
  public var focalGamma: Float
  /// The step size of gradient descent on the logits.
  public var learningRate: Float

  /// The number of classes.
  public var classes: Int { weights.count }

  /// Creates a scenario, checking that it is one the dashboard can show.
  ///
  /// - Throws: ``ScenarioError`` for an empty batch, ragged logits, a target out of range, a
  ///   wrong number of weights or a setting out of range.
  public init(
    samples: [Sample], weights: [Float]? = nil, loss: DashboardLoss = .crossEntropy,
    reduction: Reduction = .mean, labelSmoothing: Float = 0, focalGamma: Float = 2,
    learningRate: Float = 1
  ) throws {
    guard let first = samples.first else { throw ScenarioError("the batch has no samples") }
    let classes = first.logits.count
    guard (2...Scenario.maximumClasses).contains(classes) else {
      throw ScenarioError("a sample needs 2 to \(Scenario.maximumClasses) logits, got \(classes)")
    }
    guard samples.count <= Scenario.maximumSamples else {
      throw ScenarioError("at most \(Scenario.maximumSamples) samples, got \(samples.count)")
    }
    for (index, sample) in samples.enumerated() {
      guard sample.logits.count == classes else {
        throw ScenarioError(
          "sample \(index) has \(sample.logits.count) logits, sample 0 has \(classes)")
      }
      guard (0..<classes).contains(sample.target) else {
        throw ScenarioError("Target \(sample.target) is out of bounds for \(classes) classes")
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
