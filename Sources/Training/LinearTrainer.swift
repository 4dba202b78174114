import Losses
import Autograd

/// Trains one `Linear` layer with cross-entropy: the seed's "practical training example".
///
/// Each ``step()`` runs, in PyTorch's order: forward, loss, backward, optimizer step, zero grad,
/// and reports the loss and logits of its forward pass (before the update).
public final class LinearTrainer {
  /// Which optimizer updates the layer.
  public enum OptimizerKind: String, Sendable, CaseIterable {
    case sgd, adam
  }

  /// One step's forward-pass results.
  public struct StepResult: Sendable {
    public var step: Int
    public var loss: Float
    /// `N × C` logits, row-major.
    public var logits: [Float]
  }

  public let layer: Linear
  public let inputs: Tensor
  public let targets: [Int]
  public let classWeight: [Float]?
  public let labelSmoothing: Float
  private var optimizer: any Optimizer
  private var completed = 0

  /// Sets up a training run.
  ///
  /// - Parameters:
  ///   - layer: The layer to train.
  ///   - inputs: `N × D` features.
  ///   - targets: `N` class indices.
  ///   - optimizer: SGD or Adam.
  ///   - learningRate: `lr`.
  ///   - momentum: SGD's momentum.
  ///   - classWeight: Cross-entropy class weights, or `nil`.
  ///   - labelSmoothing: Cross-entropy label smoothing.
  /// - Throws: ``LossError`` if the targets, weights or smoothing do not fit the layer.
  public init(
    layer: Linear, inputs: [[Float]], targets: [Int], optimizer: OptimizerKind,
    learningRate: Float, momentum: Float = 0, classWeight: [Float]? = nil, labelSmoothing: Float = 0
  ) throws {
    let features = layer.weight.shape.dims[1], classes = layer.weight.shape.dims[0]
    guard !inputs.isEmpty, inputs.allSatisfy({ $0.count == features }) else {
      throw LossError.invalidArgument("inputs must be N rows of \(features) features")
    }
    guard targets.count == inputs.count else {
      throw LossError.invalidArgument("\(inputs.count) input rows but \(targets.count) targets")
    }
    for t in targets where t < 0 || t >= classes {
      throw LossError.targetOutOfBounds(target: t, classes: classes)
    }
    if let classWeight, classWeight.count != classes {
      throw LossError.weightLength(expected: classes, got: classWeight.count)
    }
    try validateSmoothing(labelSmoothing)
    self.layer = layer
    self.inputs = Tensor(inputs)
    self.targets = targets
    self.classWeight = classWeight
    self.labelSmoothing = labelSmoothing
    switch optimizer {
    case .sgd:
      self.optimizer = SGD(layer.parameters, learningRate: learningRate, momentum: momentum)
    case .adam: self.optimizer = Adam(layer.parameters, learningRate: learningRate)
    }
  }

  /// Runs one training step.
  ///
  /// - Returns: The loss and logits of this step's forward pass.
  /// - Throws: ``LossError``; `init` validated everything, so in practice it does not.
  public func step() throws -> StepResult {
    let logits = layer(inputs)
    let loss = try crossEntropy(
      logits, target: .classes(targets, shape: [targets.count]), weight: classWeight,
      labelSmoothing: labelSmoothing)
    loss.backward()
    optimizer.step()
    optimizer.zeroGrad()
    defer { completed += 1 }
    return StepResult(step: completed, loss: loss.item, logits: logits.data)
  }
}
