import Autograd
import Foundation
import Losses
import Benchmarks

/// The lessons with a mode or a view of their own: a layer trained for real, measurements, and
/// the compare view.
extension LessonCatalog {
  /// Seed 001's layer on x = [1, 0, 0]: the logits are W[:, 0] + b, so the layer starts at the
  /// article's step-0 logits. It prints them rounded, [0.221, −1.419, −1.514]; these lie inside
  /// that rounding and reproduce every line it prints (Tests/Fixtures/lesson_seeds.json).
  static let articleLogits: [Float] = [0.221, -1.4186, -1.5137]

  static let trainingSetup = TrainingSetup(
    input: [1, 0, 0], weight: articleLogits.map { [$0, 0, 0] }, bias: [0, 0, 0])

  /// The loss every ten steps from the article's start, through Autograd and SGD at lr 0.1.
  static let everyTenSteps: [Float] = {
    var setup = trainingSetup
    var losses: [Float] = []
    for step in 0...50 {
      if step % 10 == 0 {
        losses.append(
          (try? crossEntropy(Tensor([setup.logits]), target: .classes([2], shape: [1])).item)
            ?? .nan)
      }
      guard step < 50, let next = setup.stepped(target: 2, learningRate: 0.1) else { break }
      setup = next
    }
    return losses
  }()

  static func trainingFigure(_ steps: ClosedRange<Int>) -> Lesson.Figure {
    let shown = steps.map { "\($0 * 10)" }.joined(separator: ", ")
    return figure("loss here at steps \(shown)") {
      steps.map { everyTenSteps.indices.contains($0) ? format(everyTenSteps[$0]) : "?" }
        .joined(separator: " · ")
    }
  }

  static let trainLinear = Lesson(
    id: "train-linear", title: "Training a Linear layer (seed 001)",
    scenario: scenario([trainingSetup.logits], targets: [2], learningRate: 0.1),
    steps: [
      Lesson.Step(
        title: "Step 0",
        text: [
          "The logits are Linear(3, 3) applied to x = [1, 0, 0]; the target is class 2.",
          "They start at seed 001's step 0, printed rounded: [0.221, −1.419, −1.514].",
        ],
        figures: [trainingFigure(0...0)],
        keys: "g one real training step: forward, cross-entropy, backward, SGD at lr 0.1",
        demo: """
          Caption "The logits are a Linear layer's outputs; g is one real training step"
          Sleep 2.5s
          """),
      Lesson.Step(
        title: "Ten steps",
        text: ["Ten steps of SGD: seed 001's step 10 prints logits [−0.82, −1.713, −0.178]."],
        figures: [trainingFigure(1...1)],
        keys: "g ten times, and compare the status line with the article",
        demo: """
          Key g x10
          Caption "Ten steps of SGD at lr 0.1: the target's logit rises"
          Sleep 2.5s
          """),
      Lesson.Step(
        title: "Fifty steps",
        text: [
          "Steps 20 to 50 as the article prints them: below 0.1 by step 50."
        ],
        figures: [trainingFigure(2...5)],
        keys: "g to step 50 · space train on · [ ] lr ÷2 ×2 · u undo · 0 start again",
        demo: """
          Key g x40
          Caption "Fifty steps: the loss is below 0.1, as in the seed"
          Sleep 2.5s
          """),
    ],
    mode: .trainLinear(trainingSetup))

  /// Seed 002's memory example: logits, softmax and log-probabilities of B = 128, C = 50,000.
  static let memoryLine: String = {
    let megabytes = Double(3 * 128 * 50_000 * MemoryLayout<Float>.size) / 1e6
    return String(
      format: "Logits, softmax and log-probs at B = 128, C = 50,000 in float32: %.1f MB;", megabytes
    )
  }()

  static let largeVocab = Lesson(
    id: "large-vocab", title: "Cross-entropy at vocabulary scale (seed 002)",
    scenario: scenario([[2, 1, 0.1, -0.5, 0.3, 1.2, -1, 0.8]], targets: [5]),
    steps: [
      Lesson.Step(
        title: "B × C logits",
        text: [
          largestSizeLine,
          memoryLine,
          "seed 002 says 768 MB for the same three: ten times too much.",
        ],
        keys: "the next step measures it on this machine",
        demo: nil),
      Lesson.Step(
        title: "Fused against composed",
        text: [
          "g times fused against composed cross-entropy, 1 × 1,000 to 128 × 50,257,",
          "then Linear(768 → 50,257) + cross-entropy fused over 512 tokens.",
        ],
        keys: "g measure (a few seconds) · > / < scroll the table",
        demo: nil),
    ],
    mode: .largeVocab)

  static let confidentlyWrong: [Float] = [-2, 4, 0.5]

  static let whyNotMSE = Lesson(
    id: "why-not-mse", title: "Why not MSE for classification?",
    scenario: scenario([confidentlyWrong], targets: [0]),
    steps: [
      Lesson.Step(
        title: "Confidently wrong",
        text: [
          "Seed: cross-entropy for classification, MSE for regression. Here is why.",
          "Confidently wrong: CE's ∂ℓ/∂z_y = p_y − 1 is largest; MSE's on p vanishes.",
        ],
        figures: [
          figure("at the start, z = [−2, 4, 0.5]: |∂ℓ/∂z_y| of cross-entropy") {
            format(compared(.crossEntropy).currentGradient)
          },
          figure("at the start: |∂ℓ/∂z_y| of MSE on p") { format(compared(.mse).currentGradient) },
        ],
        keys: "⇧← push z_y down by 1 · Tab highlight a curve",
        demo: """
          Caption "A confidently wrong sample: p_y is tiny"
          Sleep 2s
          Key shift-left x3
          Caption "z_y down by 3: MSE's gradient vanishes, cross-entropy's stays near 1"
          Sleep 2.5s
          """),
      Lesson.Step(
        title: "Learning least when most wrong",
        text: [
          "⇧→ raises z_y by 1: as p_y grows, MSE's gradient grows; it was smallest where",
          "the answer was worst. Cross-entropy's shrinks steadily as the answer improves.",
        ],
        keys: "⇧→ / ⇧← move z_y by 1 · ←/→ by 0.1 · Tab highlight a curve",
        demo: """
          Key shift-right x6
          Caption "z_y back up by 6: p_y grows, and so does MSE's gradient"
          Sleep 2.5s
          Key shift-right x3
          Caption "Near p_y = 0.5 MSE finally learns; cross-entropy did from the start"
          Sleep 2.5s
          Key tab x3
          Sleep 1.5s
          """),
    ],
    mode: .standard, view: .compare)

  /// Seed 003's batch: `torch.manual_seed(0); torch.randn(4, 3)`, as PyTorch draws it
  /// (Tests/Fixtures/lesson_seeds.json holds the same values, generated there).
  static let seedRandomBatch: [[Float]] = [
    [1.5409960746765137, -0.293428897857666, -2.1787893772125244],
    [0.5684312582015991, -1.0845223665237427, -1.3985954523086548],
    [0.40334683656692505, 0.8380263447761536, -0.7192575931549072],
    [-0.40334352850914, -0.5966353416442871, 0.18203648924827576],
  ]

  static let fromScratch = Lesson(
    id: "from-scratch", title: "Cross-entropy from scratch (seed 003)",
    scenario: scenario(seedRandomBatch, targets: [0, 1, 2, 1]),
    steps: [
      Lesson.Step(
        title: "Four random samples",
        text: [
          "Seed 003: torch.manual_seed(0); randn(4, 3), targets [0, 1, 2, 1]. It writes",
          "cross-entropy itself: subtract each row's max, log Σ exp, −log p_y, mean.",
        ],
        figures: [
          figure("batch cross-entropy, as the seed prints it") {
            format(
              try crossEntropy(
                Tensor(seedRandomBatch), target: .classes([0, 1, 2, 1], shape: [4])
              ).item)
          }
        ],
        keys: "n / p step through the four samples",
        demo: """
          Caption "Seed 003's random batch: its own cross-entropy agrees with PyTorch's"
          Sleep 2.5s
          """),
      Lesson.Step(
        title: "Sample by sample",
        text: [
          "The mean hides a spread: one sample is easy, the other three are not. On the",
          "curve ①–④ are the samples; the panel splits the mean into their shares, ℓ_i/4.",
        ],
        figures: [
          figure("per sample (reduction none)") {
            let none = try crossEntropy(
              Tensor(seedRandomBatch), target: .classes([0, 1, 2, 1], shape: [4]),
              reduction: .none
            ).data
            return "[" + none.map(format).joined(separator: ", ") + "]"
          }
        ],
        keys: "n / p step through the samples · r the reduction · A hides the points",
        allSamples: true,
        demo: """
          Caption "All four samples on the curve: one easy, three hard"
          Sleep 2s
          Key n
          Caption "Sample 2: its target's probability is small, its loss large"
          Sleep 2s
          Key n
          Sleep 1.5s
          Key n
          Sleep 1.5s
          """),
    ],
    mode: .standard)

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
      format: "B = %d, C = %d: that is %.1f million exponentials and a %.1f MB gradient.",
      size.batch, size.classes,
      elements / 1e6, elements * 4 / 1e6)
  }()
}
