import Autograd
import Foundation
import Losses

/// Every lesson, in the contract's order. Each one's numbers are computed by the Losses
/// library when shown, never typed in; the tests check them against the seed articles.
public enum LessonCatalog {
  public static let all: [Lesson] = [
    softmaxBasics, logsumexpOverflow, batchReduction, classWeights, nllLogSoftmax, bceWithLogits,
    labelSmoothing,
    focalLoss, trainLinear, largeVocab, whyNotMSE, fromScratch,
  ]

  /// The lesson with an ID.
  public static func lesson(_ id: String) -> Lesson? { all.first { $0.id == id } }

  // MARK: - The lessons

  static let seedBatch: [[Float]] = [[2, 1, 0.1], [0, 5, 0.2]]

  static let softmaxBasics = Lesson(
    id: "softmax-basics", title: "Softmax and cross-entropy on a batch",
    scenario: scenario(seedBatch, targets: [0, 1]),
    steps: [
      Lesson.Step(
        title: "Logits to probabilities",
        text: [
          "Softmax turns logits into probabilities: p = exp(z) / Σ exp(z).",
          "Cross-entropy is −log p of the true class: the lower p_y, the larger the loss.",
        ],
        figures: [
          figure("sample 1, z = [2, 1, 0.1], y = 0: ℓ = −log p_y") {
            format(try crossEntropy(Tensor([seedBatch[0]]), target: .classes([0], shape: [1])).item)
          }
        ],
        keys: "←/→ move the selected logit · ↑/↓ pick a class",
        demo: """
          Caption "Softmax turns logits into probabilities; cross-entropy is −log p of the target"
          Sleep 2s
          Key right x10
          Caption "Raising the target's logit by 1: p_y grows, the loss falls"
          Sleep 2s
          """),
      Lesson.Step(
        title: "The batch mean",
        text: [
          "The batch loss is the mean of the samples' losses (the numbers panel: ℓ).",
          "The second sample, [0, 5, 0.2], target 1, is almost certain: its loss is tiny.",
        ],
        figures: [
          figure("batch cross-entropy") {
            format(try crossEntropy(Tensor(seedBatch), target: .classes([0, 1], shape: [2])).item)
          }
        ],
        keys: "n next sample · p previous sample · 0 start again",
        demo: """
          Key 0
          Key n
          Caption "n: the batch's second sample, [0, 5, 0.2]"
          Sleep 2s
          Key p
          Sleep 1s
          """),
      Lesson.Step(
        title: "Predict the sign",
        text: [
          "Before the reveal: the gradient's numbers and arrows are hidden. Is ∂L/∂z of",
          "the target class + or −? (↓ asks about class 1.) Type + or −, then Enter.",
        ],
        keys: "+ or − then Enter reveals · ↑/↓ another class · Page Down the next step",
        quiz: .gradientSign,
        demo: """
          Caption "Predict: is the gradient on the target's logit positive or negative?"
          Sleep 2.5s
          Key -
          Key enter
          Caption "Negative: descent raises the target's logit"
          Sleep 2s
          """),
      Lesson.Step(
        title: "The gradient",
        text: [
          "The gradient on the logits is (P − Y)/n: the probabilities minus the one-hot",
          "target, over the batch size. Negative on the target, positive elsewhere.",
        ],
        figures: [
          figure("∂L/∂z of sample 1 = (P − Y)/2") {
            let z = Tensor(seedBatch, requiresGrad: true)
            try crossEntropy(z, target: .classes([0, 1], shape: [2])).backward()
            return "[" + (z.grad ?? []).prefix(3).map(format).joined(separator: ", ") + "]"
          }
        ],
        keys: "↓ then t: class 1 becomes the target and the signs move with it",
        demo: """
          Caption "The gradient: p − y over the batch size, negative only on the target"
          Sleep 2s
          Key down
          Key t
          Caption "t: class 1 is now the target; the loss jumps and the signs move"
          Sleep 2s
          """),
    ],
    mode: .standard)

  static let logsumexpOverflow = Lesson(
    id: "logsumexp-overflow", title: "Log-sum-exp: why the maximum is subtracted",
    scenario: scenario([[1000, 1001, 1002], [50, 100, 150]], targets: [2, 0]),
    steps: [
      Lesson.Step(
        title: "exp overflows",
        text: [
          "exp(1000) overflows float32 (anything above 88.7 does): log Σ exp z is inf."
        ],
        figures: [
          figure("naive log Σ exp(1000, 1001, 1002)") {
            format(Foundation.log([1000, 1001, 1002].reduce(Float(0)) { $0 + Foundation.exp($1) }))
          }
        ],
        keys: "→ push a logit further: the naive form stays inf",
        demo: """
          Caption "exp(1000) overflows float32: the naive log Σ exp is inf"
          Sleep 2.5s
          """),
      Lesson.Step(
        title: "Subtract the maximum",
        text: [
          "The stable form subtracts the maximum first: m + log Σ exp(z − m).",
          "The largest term is exp(0) = 1: nothing overflows. The numbers panel has both.",
        ],
        figures: [
          figure("stable lse(1000, 1001, 1002)") {
            format(Tensor([1000, 1001, 1002] as [Float]).logsumexp(axis: 0).item)
          }
        ],
        keys: "the numbers panel: lse beside the naive log Σe^z",
        demo: """
          Caption "The stable form is finite; the naive one is inf"
          Sleep 2.5s
          """),
      Lesson.Step(
        title: "Seed 002's large logits",
        text: [
          "Seed 002's [50, 100, 150], target 0: a huge but finite loss, computed stably."
        ],
        figures: [
          figure("cross-entropy of [50, 100, 150], target 0") {
            format(
              try crossEntropy(Tensor([[50, 100, 150]]), target: .classes([0], shape: [1])).item)
          }
        ],
        keys: "n switch to this sample · g descend on it",
        demo: """
          Key n
          Caption "Seed 002's [50, 100, 150]: still finite when computed stably"
          Sleep 2s
          Key g x3
          Caption "Descent works on these logits too"
          Sleep 1.5s
          """),
    ],
    mode: .standard)

  static let batchReduction = Lesson(
    id: "batch-reduction", title: "Reductions: mean, sum and none",
    scenario: scenario(seedBatch, targets: [0, 1]),
    steps: [
      Lesson.Step(
        title: "mean, sum, none",
        text: ["none keeps one loss per sample; sum adds them; mean divides by the batch size."],
        figures: [
          figure("mean · sum · none") {
            let z = Tensor(seedBatch)
            let target = CrossEntropyTarget.classes([0, 1], shape: [2])
            let mean = try crossEntropy(z, target: target, reduction: .mean).item
            let sum = try crossEntropy(z, target: target, reduction: .sum).item
            let none = try crossEntropy(z, target: target, reduction: .none).data
            return
              "\(format(mean)) · \(format(sum)) · [\(none.map(format).joined(separator: ", "))]"
          }
        ],
        keys: "r cycle mean → sum → none",
        demo: """
          Caption "mean: the loss averaged over the batch"
          Sleep 1.5s
          Key r
          Caption "sum: the same losses added"
          Sleep 1.5s
          Key r
          Caption "none: one loss per sample"
          Sleep 1.5s
          Key r
          """),
      Lesson.Step(
        title: "Why the mean",
        text: [
          "The mean is the empirical risk: an estimate of the expected loss on the data.",
          "Its scale does not grow with n, so a learning rate means the same for any n.",
        ],
        keys: "a add a copy of the sample: the mean stays put · r then a: the sum grows",
        demo: """
          Key a
          Caption "a: a copy of the sample; the mean stays where it was"
          Sleep 2s
          Key r
          Key a
          Caption "With sum, every copy adds its loss"
          Sleep 2s
          """),
    ],
    mode: .standard)

  static let classWeights = Lesson(
    id: "class-weights", title: "Class weights for imbalanced data",
    scenario: scenario([[2, 1], [2, 1]], targets: [1, 1], weights: [1, 10]),
    steps: [
      Lesson.Step(
        title: "Weighted samples",
        text: [
          "Each sample's loss is multiplied by its target class's weight w_y.",
          "The weighted mean divides by Σ w_y, not by n: the loss keeps its scale.",
        ],
        figures: [
          figure("weighted cross-entropy") {
            format(
              try crossEntropy(
                Tensor([[2, 1], [2, 1]]), target: .classes([1, 1], shape: [2]), weight: [1, 10]
              ).item)
          }
        ],
        keys: "W / w raise or lower the selected class's weight: Σw_y follows",
        demo: """
          Caption "Class weights multiply each sample's loss by w of its target"
          Sleep 2s
          Key W x10
          Caption "W raises the target's weight: Σw_y, the mean's divisor, grows with it"
          Sleep 2s
          """),
      Lesson.Step(
        title: "The weighted gradient",
        text: ["The gradient of sample k is (w_yk / Σ w_y)·(P_k − Y_k)."],
        figures: [
          figure("∂L/∂z of each sample") {
            let z = Tensor([[2, 1], [2, 1]], requiresGrad: true)
            try crossEntropy(z, target: .classes([1, 1], shape: [2]), weight: [1, 10]).backward()
            return (z.grad ?? []).prefix(2).map(format).joined(separator: ", ")
          }
        ],
        keys: "↑/↓ pick class 0: its weight changes nothing until it is a target",
        demo: """
          Key up
          Key w x5
          Caption "Class 0's weight changes nothing: no sample has it as its target"
          Sleep 2s
          """),
    ],
    mode: .standard)

  static let seedLogProbabilities: [[Float]] = [
    [-0.5, -1.2, -2.0, -3.0], [-1.0, -0.2, -3.0, -2.0], [-2.0, -1.0, -0.1, -3.0],
  ]

  static let nllLogSoftmax = Lesson(
    id: "nll-logsoftmax", title: "NLL of log-softmax is cross-entropy",
    scenario: scenario(seedLogProbabilities, targets: [3, 1, 2], loss: .nllRows),
    steps: [
      Lesson.Step(
        title: "NLL picks −x_y",
        text: [
          "NLL takes rows of log-probabilities x and returns −x_y, the batch's mean.",
          "Seed 004's rows are not normalised (Σ e^x ≠ 1); nll_loss does not check.",
        ],
        figures: [
          figure("NLL of the seed's rows as they are (PyTorch's nll_loss)") {
            format(
              try nllLoss(Tensor(seedLogProbabilities), target: [3, 1, 2], targetShape: [3]).item)
          },
          figure("Σ e^x of the first row") {
            format(seedLogProbabilities[0].reduce(Float(0)) { $0 + Foundation.exp($1) })
          },
        ],
        keys: "n step through the samples: the numbers panel sums each row",
        loss: .nllRows,
        demo: """
          Caption "NLL picks −x_y: the loss panel shows the seed's 1.1000"
          Sleep 2.5s
          Key n
          Caption "The second row: Σ e^x is not 1 either"
          Sleep 2s
          """),
      Lesson.Step(
        title: "Cross-entropy normalises first",
        text: [
          "Cross-entropy is NLL of log_softmax(z): it normalises rows, then takes −x_y.",
          "On the seed's rows that gives another number, now on screen.",
        ],
        figures: [
          figure("cross-entropy of the same rows (NLL of log-softmax)") {
            format(
              try crossEntropy(
                Tensor(seedLogProbabilities), target: .classes([3, 1, 2], shape: [3])
              ).item)
          }
        ],
        keys: "Tab compare with cross-entropy: the numbers are identical",
        loss: .nllLogSoftmax,
        demo: """
          Caption "NLL of log-softmax normalises first: 1.3606, not 1.1000"
          Sleep 2s
          Key tab
          Caption "Tab: cross-entropy gives exactly the same numbers"
          Sleep 2s
          Key shift-tab
          """),
      Lesson.Step(
        title: "Normalising twice",
        text: [
          "Feed log-probabilities to cross-entropy and log-softmax runs again: the loss",
          "changes whenever the rows were not exactly normalised, and training breaks.",
        ],
        keys: "n step through the samples · , back to the rows as given",
        demo: """
          Key n
          Caption "The third row: normalised again before its −x_y is taken"
          Sleep 2s
          """),
    ],
    mode: .standard)

  static let bceLogits: [[Float]] = [[0.2], [-1.0], [2.0]]
  static let bceTargets: [[Float]] = [[1], [0], [1]]

  /// Seed 004's batch: three binary samples of one logit each, with their targets.
  static let seedBinaryBatch: Scenario =
    (try? Scenario(
      samples: zip(bceLogits, bceTargets).map {
        Scenario.Sample(logits: $0, target: 0, labels: $1)
      }, loss: .bceOneVsRest, targetForm: .multiLabel)) ?? .standard

  /// One sample of three logits, BCE one-vs-rest against its class.
  static let oneVsRest = scenario([[0.2, -1, 2]], targets: [2], loss: .bceOneVsRest)

  static let bceWithLogits = Lesson(
    id: "bce-with-logits", title: "Binary cross-entropy: sigmoid + BCE vs with logits",
    scenario: seedBinaryBatch,
    steps: [
      Lesson.Step(
        title: "The seed's three samples",
        text: [
          "Seed 004: three binary samples of one logit, z = [0.2, −1, 2], y = [1, 0, 1].",
          "BCE = −[y log σ(z) + (1 − y) log(1 − σ(z))]; the loss panel is the batch mean.",
        ],
        figures: [
          figure("seed: BCE of sigmoid(z), z = [0.2, −1, 2], y = [1, 0, 1]") {
            format(
              try binaryCrossEntropy(Tensor(bceLogits).sigmoid(), target: Tensor(bceTargets)).item)
          },
          figure("seed: BCE with logits, same z and y") {
            format(
              try binaryCrossEntropyWithLogits(Tensor(bceLogits), target: Tensor(bceTargets)).item)
          },
        ],
        keys: "n / p the samples · t flips its target · A all three on the curve",
        scenario: seedBinaryBatch,
        demo: """
          Caption "Seed 004's batch: three binary samples, BCE 0.3461 on the loss panel"
          Sleep 2.5s
          Key A
          Caption "All three on the curve: the second (y = 0) is the hardest"
          Sleep 2s
          Key A
          """),
      Lesson.Step(
        title: "One sigmoid per class",
        text: [
          "With several logits, BCE takes one sigmoid per class, one-vs-rest against the",
          "one-hot target; with logits, (1 − y)z + log(1 + e^−|z|) + max(−z, 0) is exact.",
        ],
        figures: [
          figure("on screen: z = [0.2, −1, 2] one-vs-rest, y = [0, 0, 1], mean") {
            format(
              try binaryCrossEntropyWithLogits(
                Tensor([[0.2, -1, 2]]), target: Tensor([[0, 0, 1]])
              )
              .item)
          }
        ],
        keys: "⇧← / ⇧→ push the target's logit · Y targets per logit: t toggles each",
        scenario: oneVsRest,
        demo: """
          Caption "BCE with logits: one sigmoid per class against the one-hot target"
          Sleep 2s
          Key shift-right x3
          Caption "The target's logit pushed out: its sigmoid saturates, the loss stays exact"
          Sleep 2s
          """),
      Lesson.Step(
        title: "When the sigmoid saturates",
        text: [
          "Far out, σ(z) is 0 in float32 and log 0 is clamped at −100: the loss is wrong."
        ],
        figures: [
          figure("σ(−100) here (PyTorch's float32 σ(−100) is 0)") {
            String(format: "%.2e", Double(Tensor([-100] as [Float]).sigmoid().item))
          },
          figure("z=−100, y=1: via σ · σ=0 (PyTorch) · logits") {
            let z = Tensor([-100] as [Float]), y = Tensor([1] as [Float])
            let viaSigmoid = try binaryCrossEntropy(z.sigmoid(), target: y).item
            let clamped = try binaryCrossEntropy(Tensor([0] as [Float]), target: y).item
            let exact = try binaryCrossEntropyWithLogits(z, target: y).item
            return "\(format(viaSigmoid)) · \(format(clamped)) · \(format(exact))"
          },
          figure("z = −120, y = 1: via σ (clamped) · with logits (exact)") {
            let z = Tensor([-120] as [Float]), y = Tensor([1] as [Float])
            return
              "\(format(try binaryCrossEntropy(z.sigmoid(), target: y).item)) · \(format(try binaryCrossEntropyWithLogits(z, target: y).item))"
          },
        ],
        keys: "Tab compare with the softmax losses",
        demo: """
          Caption "Through a sigmoid the loss stops at 100; with logits it is exact"
          Sleep 2.5s
          Key tab
          Sleep 1.5s
          """),
    ],
    mode: .standard)

  static let labelSmoothing = Lesson(
    id: "label-smoothing", title: "Label smoothing",
    scenario: scenario([[2, 1, 0.1]], targets: [0], smoothing: 0.1),
    steps: [
      Lesson.Step(
        title: "Smoothed targets",
        text: [
          "Smoothing replaces the one-hot target with y_smooth = (1 − ε)·onehot + ε/C.",
          "The gradient becomes p − y_smooth: it stops pushing once p reaches y_smooth.",
        ],
        figures: [
          figure("∂L/∂z = p − y_smooth") {
            let z = Tensor([[2, 1, 0.1]], requiresGrad: true)
            try crossEntropy(z, target: .classes([0], shape: [1]), labelSmoothing: 0.1).backward()
            return "[" + (z.grad ?? []).map(format).joined(separator: ", ") + "]"
          }
        ],
        keys: "s / S change ε and watch the curve's minimum move",
        demo: """
          Caption "Label smoothing spreads ε of the target over every class"
          Sleep 2s
          Key S x4
          Caption "S: more smoothing moves the curve's minimum below p_y = 1"
          Sleep 2s
          Key s x4
          """),
      Lesson.Step(
        title: "A finite optimum",
        text: [
          "The loss no longer falls to 0 at p = 1: its minimum is at p = 1 − ε + ε/C.",
          "In the landscape, descent stops there instead of pushing the logits apart.",
        ],
        figures: [
          figure("p_y after 400 descent steps (the optimum 1 − ε + ε/C)") {
            // Found by descending the library's smoothed loss, not by the formula it confirms.
            var z: [Float] = [2, 1, 0.1]
            for _ in 0..<400 {
              let logits = Tensor([z], requiresGrad: true)
              try crossEntropy(logits, target: .classes([0], shape: [1]), labelSmoothing: 0.1)
                .backward()
              z = zip(z, logits.grad ?? []).map { $0 - 5 * $1 }
            }
            return format(Tensor([z]).softmax(axis: 1).data[0])
          }
        ],
        keys: "space descend to the optimum · [ ] zoom · v the next view",
        view: .landscape,
        demo: """
          Caption "The landscape over two logits: the minimum is finite"
          Sleep 2s
          Key space
          Sleep 2.5s
          Key space
          Caption "Descent stops at the minimum instead of pushing the logits apart"
          Sleep 2.5s
          """),
    ],
    mode: .standard)

  static let focalLoss = Lesson(
    id: "focal-loss", title: "Focal loss: down-weighting easy examples",
    scenario: scenario([[2, 1, 0.1]], targets: [0], loss: .focal),
    steps: [
      Lesson.Step(
        title: "Easy samples count less",
        text: [
          "Focal loss scales cross-entropy by (1 − p_y)^γ: confident samples count less.",
          "γ = 0 is plain cross-entropy (the dim curve).",
        ],
        figures: [0, 2].map(focalFigure),
        keys: "f / F change γ (0 … 5)",
        demo: """
          Caption "Focal loss turns down easy examples by (1 − p_y)^γ"
          Sleep 2s
          Key f x4
          Caption "γ = 0 is plain cross-entropy"
          Sleep 1.5s
          Key F x4
          """),
      Lesson.Step(
        title: "Larger γ",
        text: ["Larger γ flattens the curve near p = 1: easy samples barely move the weights."],
        figures: [1, 5].map(focalFigure),
        keys: "F / f change γ · v the compare view: focal's gradient as p_y → 1",
        demo: """
          Key F x6
          Caption "F: γ = 5 flattens the curve near p_y = 1"
          Sleep 2s
          Key v
          Caption "The compare view: focal's gradient vanishes as p_y → 1"
          Sleep 2.5s
          """),
    ],
    mode: .standard)

  static func focalFigure(_ gamma: Float) -> Lesson.Figure {
    figure(
      "γ = \(Int(gamma)): loss at p_y = \(format(Tensor([[2, 1, 0.1]]).softmax(axis: 1).data[0])) (CE × (1 − p)^γ)"
    ) {
      format(
        try softmaxFocalLoss(Tensor([[2, 1, 0.1]]), target: [0], targetShape: [1], gamma: gamma)
          .item)
    }
  }

  // MARK: - Helpers

  static func scenario(
    _ logits: [[Float]], targets: [Int], weights: [Float]? = nil,
    loss: DashboardLoss = .crossEntropy,
    smoothing: Float = 0, learningRate: Float = 1
  ) -> Scenario {
    let samples = zip(logits, targets).map { Scenario.Sample(logits: $0, target: $1) }
    var made =
      (try? Scenario(samples: samples, weights: weights, loss: loss, labelSmoothing: smoothing))
      ?? .standard
    made.learningRate = learningRate
    return made
  }

  static func figure(_ label: String, _ compute: @escaping @Sendable () throws -> String)
    -> Lesson.Figure
  {
    Lesson.Figure(label: label) { (try? compute()) ?? "error" }
  }

  static func format(_ value: Float) -> String { NumberFormat.fixed4(value) }
  static func format(_ value: Double) -> String { NumberFormat.fixed4(Float(value)) }
}
