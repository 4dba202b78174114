import Autograd
import Losses
import Training

/// A guided scenario from the source material: the example's numbers on screen, a short
/// explanation, and the keys that show the point.
public struct Lesson: Sendable {
  /// What a lesson does beyond an ordinary scenario.
  public enum Mode: Sendable, Equatable {
    /// Keys act on the logits as everywhere else.
    case standard
    /// The logits are the outputs of a real `Linear` layer; `g` trains it one SGD step.
    case trainLinear(TrainingSetup)
    /// `g` measures the fused kernel against the composed graph at growing vocabulary sizes.
    case largeVocab
  }

  /// A number the lesson computes through the Losses library and shows beside the explanation.
  public struct Figure: Sendable {
    public var label: String
    public var value: @Sendable () -> String
  }

  public let id: String
  public let title: String
  public let scenario: Scenario
  /// Two to six lines.
  public let explanation: [String]
  public let figures: [Figure]
  /// Keys to try, and what they show.
  public let suggestedKeys: String
  public let mode: Mode
  /// The view the lesson opens in.
  public var view: DashboardView = .dashboard
}

/// The `train-linear` lesson's layer and data: `Linear(D, C)` on one input.
public struct TrainingSetup: Sendable, Equatable {
  public var input: [Float]
  public var weight: [[Float]]
  public var bias: [Float]
  public var steps = 0

  /// The layer's output for the input, `W·x + b`, through Autograd's `Linear`.
  public var logits: [Float] {
    withNoGrad { Linear(weight: weight, bias: bias)(Tensor(input, shape: [1, input.count])).data }
  }

  /// One training step, as `lossscope train` and PyTorch run it: forward, cross-entropy against
  /// `target`, backward through Autograd, SGD step, zero grad.
  ///
  /// - Parameters:
  ///   - target: The class to learn.
  ///   - learningRate: The rate the dashboard shows (`[` and `]` change it).
  /// - Returns: The setup after the step, or `nil` if the loss cannot be computed.
  func stepped(target: Int, learningRate: Float) -> TrainingSetup? {
    let layer = Linear(weight: weight, bias: bias)
    guard
      let trainer = try? LinearTrainer(
        layer: layer, inputs: [input], targets: [target], optimizer: .sgd,
        learningRate: learningRate),
      (try? trainer.step()) != nil
    else { return nil }
    var next = self
    let columns = input.count
    next.weight = (0..<weight.count).map {
      Array(layer.weight.data[($0 * columns)..<(($0 + 1) * columns)])
    }
    next.bias = layer.bias.data
    next.steps += 1
    return next
  }
}
