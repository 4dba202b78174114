import Autograd
import Foundation
import Losses
import Benchmarks

/// The lessons with a mode or a view of their own: a layer trained for real, measurements, and
/// the compare view.
extension LessonCatalog {
  static let trainingSetup: TrainingSetup = {
    var generator = SeededGenerator(seed: 60)
    let layer = Linear(3, 3, using: &generator)
    return TrainingSetup(
      input: [1, 0, 0], weight: (0..<3).map { Array(layer.weight.data[($0 * 3)..<($0 * 3 + 3)]) },
      bias: layer.bias.data)
  }()

  static let trainLinear = Lesson(
    id: "train-linear", title: "Training a Linear layer (seed 001)",
    scenario: scenario([trainingSetup.logits], targets: [2], learningRate: 0.1),
    explanation: [
      "The logits are Linear(3, 3) applied to x = [1, 0, 0]; the target is class 2.",
      "g runs one real training step through Autograd: forward, cross-entropy, backward, SGD at lr.",
      "The history shows the loss falling from about 2 to below 0.1 in 50 steps, as in the seed.",
    ],
    figures: [],
    suggestedKeys:
      "g one training step · space train continuously · [ ] halve or double lr · u undo · 0 start again",
    mode: .trainLinear(trainingSetup))

  static let largeVocab = Lesson(
    id: "large-vocab", title: "Cross-entropy at vocabulary scale (seed 002)",
    scenario: scenario([[2, 1, 0.1, -0.5, 0.3, 1.2, -1, 0.8]], targets: [5]),
    explanation: [
      "A language model's cross-entropy runs over the whole vocabulary: B × C logits per step.",
      largestSizeLine,
      "g measures the fused kernel against the composed graph (log-softmax, gather, mean, backward)",
      "from 1 × 1,000 to 128 × 50,257, then Linear(768 → 50,257) + cross-entropy fused over 512 tokens.",
    ],
    figures: [],
    suggestedKeys: "g measure (takes a few seconds) · Tab compare losses on the small example",
    mode: .largeVocab)

  static let confidentlyWrong: [Float] = [-2, 4, 0.5]

  static let whyNotMSE = Lesson(
    id: "why-not-mse", title: "Why not MSE for classification?",
    scenario: scenario([confidentlyWrong], targets: [0]),
    explanation: [
      "The seed pairs MSE with regression and cross-entropy with classification. Here is why.",
      "This sample is confidently wrong. MSE on the softmax's probabilities has a gradient that",
      "vanishes as p_y → 0, so the worse the answer, the less it learns; cross-entropy's gradient",
      "on the target logit is p_y − 1, largest exactly there. ←/→ move p_y and watch both plots.",
    ],
    figures: [
      figure("|∂ℓ/∂z_y| of cross-entropy at this sample") {
        format(compared(.crossEntropy).currentGradient)
      },
      figure("|∂ℓ/∂z_y| of MSE on p at this sample") { format(compared(.mse).currentGradient) },
    ],
    suggestedKeys: "←/→ move p_y · Tab highlight a curve · f/F focal γ · s/S smoothing ε · v views",
    mode: .standard, view: .compare)

  /// A compared loss at the why-not-MSE lesson's sample, through the library and Autograd.
  static func compared(_ loss: ComparedLoss) -> CompareCurves.Curve {
    let curves = CompareCurves(
      scenario([confidentlyWrong], targets: [0]), sample: 0, resolution: 2)
    return curves.curves.first { $0.loss == loss }!
  }

  /// The largest size's scale, from the sizes the lesson measures.
  static let largestSizeLine: String = {
    let size = VocabularyMeasurement.sizes[VocabularyMeasurement.sizes.count - 1]
    let elements = Double(size.batch * size.classes)
    return String(
      format: "At B = %d and C = %d that is %.1f million exponentials and a %.1f MB gradient.",
      size.batch, size.classes,
      elements / 1e6, elements * 4 / 1e6)
  }()
}
