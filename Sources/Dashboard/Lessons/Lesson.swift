import Autograd
import Losses
import Training

/// A guided scenario from the source material, as a teacher runs it: a list of steps, each with
/// its text, the numbers it states (computed through the Losses library when shown), the keys a
/// student should press, and the demo that plays under it.
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

  /// One slide of a lesson: what the teacher says, the numbers that prove it and what to press.
  /// A step change (`.` or Page Down, `,` or Page Up) is an input to the core, so a recording
  /// replays it and marks it with the step's title.
  public struct Step: Sendable {
    /// A few words: the marker's label and the panel's title.
    public var title: String
    /// The explanation, a sentence a line (each fits 78 columns: 80×24 shows a step whole).
    public var text: [String]
    public var figures: [Figure] = []
    /// What to press, and what it shows.
    public var keys: String
    /// The view the step shows, if it changes it.
    public var view: DashboardView?
    /// The scenario the step sets, if it sets one (an undoable edit; 0 still returns to the
    /// lesson's own).
    public var scenario: Scenario?
    /// The loss the step sets, if it sets one (an undoable edit, like Tab).
    public var loss: DashboardLoss?
    /// Whether the step shows every sample on the curve (key A), if it says.
    public var allSamples: Bool?
    /// A prediction step: the quiz it opens (its numbers hidden until Enter reveals them).
    public var quiz: Quiz.Question?
    /// The demo script's lines played under this step (``DemoScript``'s format), or `nil` in a
    /// lesson without a demo.
    public var demo: String?
  }

  public let id: String
  public let title: String
  public let scenario: Scenario
  public let steps: [Step]
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
