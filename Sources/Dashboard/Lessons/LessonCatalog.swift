import Autograd
import Foundation
import Losses

/// Every lesson, in the contract's order. Each one's numbers are computed by the Losses
/// library when shown, never typed in; the tests check them against the seed articles.
public enum LessonCatalog {
  public static let all: [Lesson] = [
    softmaxBasics, logsumexpOverflow, batchReduction, classWeights, nllLogSoftmax, bceWithLogits,
    labelSmoothing,
    focalLoss, trainLinear, largeVocab, whyNotMSE,
  ]

  /// The lesson with an ID.
  public static func lesson(_ id: String) -> Lesson? { all.first { $0.id == id } }

  // MARK: - The lessons

  static let seedBatch: [[Float]] = [[2, 1, 0.1], [0, 5, 0.2]]

  static let softmaxBasics = Lesson(
    id: "softmax-basics", title: "Softmax and cross-entropy on a batch",
    scenario: scenario(seedBatch, targets: [0, 1]),
    explanation: [
      "Softmax turns logits into probabilities: p = exp(z) / Σ exp(z).",
      "Cross-entropy is −log p of the true class; the batch loss is the mean over samples.",
      "Its gradient is (P − Y)/n: predicted probabilities minus the one-hot target, over the batch size.",
    ],
    figures: [
      figure("batch cross-entropy") {
        format(try crossEntropy(Tensor(seedBatch), target: .classes([0, 1], shape: [2])).item)
      },
      figure("∂L/∂z of sample 1 = (P − Y)/2") {
        let z = Tensor(seedBatch, requiresGrad: true)
        try crossEntropy(z, target: .classes([0, 1], shape: [2])).backward()
        return "[" + (z.grad ?? []).prefix(3).map(format).joined(separator: ", ") + "]"
      },
    ],
    suggestedKeys: "←/→ move a logit · ↑/↓ pick a class · t set the target · n next sample",
    mode: .standard)

  static let logsumexpOverflow = Lesson(
    id: "logsumexp-overflow", title: "Log-sum-exp: why the maximum is subtracted",
    scenario: scenario([[1000, 1001, 1002], [50, 100, 150]], targets: [2, 0]),
    explanation: [
      "exp(1000) overflows float32 (anything above about 88.7 does), so log(Σ exp z) becomes inf.",
      "The stable form subtracts the maximum first: m + log Σ exp(z − m), which never overflows.",
      "Cross-entropy computed this way stays finite; the numbers panel shows both forms.",
    ],
    figures: [
      figure("stable lse(1000, 1001, 1002)") {
        format(Tensor([1000, 1001, 1002] as [Float]).logsumexp(axis: 0).item)
      },
      figure("naive log Σ exp(1000, 1001, 1002)") {
        format(Foundation.log([1000, 1001, 1002].reduce(Float(0)) { $0 + Foundation.exp($1) }))
      },
      figure("cross-entropy of [50, 100, 150], target 0 (seed 002)") {
        format(try crossEntropy(Tensor([[50, 100, 150]]), target: .classes([0], shape: [1])).item)
      },
    ],
    suggestedKeys: "n switch to [50, 100, 150] · → push a logit further · g descend",
    mode: .standard)

  static let batchReduction = Lesson(
    id: "batch-reduction", title: "Reductions: mean, sum and none",
    scenario: scenario(seedBatch, targets: [0, 1]),
    explanation: [
      "none keeps one loss per sample; sum adds them; mean divides by the batch size.",
      "The mean is the empirical risk: an estimate of the expected loss over the data,",
      "so its scale does not grow with the batch and the learning rate means the same for any n.",
    ],
    figures: [
      figure("mean · sum · none") {
        let z = Tensor(seedBatch)
        let target = CrossEntropyTarget.classes([0, 1], shape: [2])
        let mean = try crossEntropy(z, target: target, reduction: .mean).item
        let sum = try crossEntropy(z, target: target, reduction: .sum).item
        let none = try crossEntropy(z, target: target, reduction: .none).data
        return "\(format(mean)) · \(format(sum)) · [\(none.map(format).joined(separator: ", "))]"
      }
    ],
    suggestedKeys: "r cycle mean → sum → none · a add a sample and watch the mean stay put",
    mode: .standard)

  static let classWeights = Lesson(
    id: "class-weights", title: "Class weights for imbalanced data",
    scenario: scenario([[2, 1], [2, 1]], targets: [1, 1], weights: [1, 10]),
    explanation: [
      "Each sample's loss is multiplied by its target class's weight w_y.",
      "The weighted mean divides by Σ w_y, not by n, so the loss stays on the same scale;",
      "the gradient of sample k is (w_yk / Σ w_y)·(P_k − Y_k).",
    ],
    figures: [
      figure("weighted cross-entropy") {
        format(
          try crossEntropy(
            Tensor([[2, 1], [2, 1]]), target: .classes([1, 1], shape: [2]), weight: [1, 10]
          ).item)
      },
      figure("∂L/∂z of each sample") {
        let z = Tensor([[2, 1], [2, 1]], requiresGrad: true)
        try crossEntropy(z, target: .classes([1, 1], shape: [2]), weight: [1, 10]).backward()
        return (z.grad ?? []).prefix(2).map(format).joined(separator: ", ")
      },
    ],
    suggestedKeys: "w / W change the selected class's weight and watch Σw_y · ↑/↓ pick the class",
    mode: .standard)

  static let seedLogProbabilities: [[Float]] = [
    [-0.5, -1.2, -2.0, -3.0], [-1.0, -0.2, -3.0, -2.0], [-2.0, -1.0, -0.1, -3.0],
  ]

  static let nllLogSoftmax = Lesson(
    id: "nll-logsoftmax", title: "NLL of log-softmax is cross-entropy",
    scenario: scenario(seedLogProbabilities, targets: [3, 1, 2], loss: .nllLogSoftmax),
    explanation: [
      "NLL picks −x_y from log-probabilities x; cross-entropy is NLL of log_softmax(z).",
      "Tab between cross-entropy and NLL of log-softmax: the numbers are identical.",
      "Give cross-entropy values that are already log-probabilities and log-softmax runs twice:",
      "the loss changes whenever the rows were not exactly normalised, and training breaks.",
    ],
    figures: [
      figure("NLL of the seed's log-probability table") {
        format(try nllLoss(Tensor(seedLogProbabilities), target: [3, 1, 2], targetShape: [3]).item)
      },
      figure("cross-entropy of the same table (log-softmax applied again)") {
        format(
          try crossEntropy(Tensor(seedLogProbabilities), target: .classes([3, 1, 2], shape: [3]))
            .item)
      },
    ],
    suggestedKeys: "Tab compare with cross-entropy · n step through the samples",
    mode: .standard)

  static let bceLogits: [[Float]] = [[0.2], [-1.0], [2.0]]
  static let bceTargets: [[Float]] = [[1], [0], [1]]

  static let bceWithLogits = Lesson(
    id: "bce-with-logits", title: "Binary cross-entropy: sigmoid + BCE vs with logits",
    scenario: scenario([[0.2, -1, 2]], targets: [2], loss: .bceOneVsRest),
    explanation: [
      "BCE = −[y log σ(z) + (1 − y) log(1 − σ(z))]; the same value comes from the logits directly.",
      "With logits it is computed as (1 − y)z + log(1 + e^−|z|) + max(−z, 0): no exp overflows.",
      "Through a sigmoid, σ(−120) is 0 in float32 and log(0) is clamped at −100: the loss is wrong.",
    ],
    figures: [
      figure("on screen: z = [0.2, −1, 2] one-vs-rest, y = [0, 0, 1], mean") {
        format(
          try binaryCrossEntropyWithLogits(Tensor([[0.2, -1, 2]]), target: Tensor([[0, 0, 1]])).item
        )
      },
      figure("seed: BCE of sigmoid(z), z = [0.2, −1, 2], y = [1, 0, 1]") {
        format(try binaryCrossEntropy(Tensor(bceLogits).sigmoid(), target: Tensor(bceTargets)).item)
      },
      figure("seed: BCE with logits, same z and y") {
        format(try binaryCrossEntropyWithLogits(Tensor(bceLogits), target: Tensor(bceTargets)).item)
      },
      figure("z = −100, y = 1: via sigmoid · with logits") {
        let z = Tensor([-100] as [Float]), y = Tensor([1] as [Float])
        return
          "\(format(try binaryCrossEntropy(z.sigmoid(), target: y).item)) · \(format(try binaryCrossEntropyWithLogits(z, target: y).item))"
      },
      figure("z = −120, y = 1: via sigmoid (clamped) · with logits (exact)") {
        let z = Tensor([-120] as [Float]), y = Tensor([1] as [Float])
        return
          "\(format(try binaryCrossEntropy(z.sigmoid(), target: y).item)) · \(format(try binaryCrossEntropyWithLogits(z, target: y).item))"
      },
    ],
    suggestedKeys: "⇧← / ⇧→ push the target's logit far out · Tab compare with softmax losses",
    mode: .standard)

  static let labelSmoothing = Lesson(
    id: "label-smoothing", title: "Label smoothing",
    scenario: scenario([[2, 1, 0.1]], targets: [0], smoothing: 0.1),
    explanation: [
      "Smoothing replaces the one-hot target with y_smooth = (1 − ε)·onehot + ε/C.",
      "The curve no longer falls to 0 at p = 1: its minimum moves to p = 1 − ε + ε/C,",
      "and the gradient becomes p − y_smooth, which stops pushing once p reaches it.",
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
      },
      figure("∂L/∂z = p − y_smooth") {
        let z = Tensor([[2, 1, 0.1]], requiresGrad: true)
        try crossEntropy(z, target: .classes([0], shape: [1]), labelSmoothing: 0.1).backward()
        return "[" + (z.grad ?? []).map(format).joined(separator: ", ") + "]"
      },
    ],
    suggestedKeys: "s / S change ε and watch the curve's minimum · g descend to the optimum",
    mode: .standard)

  static let focalLoss = Lesson(
    id: "focal-loss", title: "Focal loss: down-weighting easy examples",
    scenario: scenario([[2, 1, 0.1]], targets: [0], loss: .focal),
    explanation: [
      "Focal loss multiplies cross-entropy by (1 − p_y)^γ: confident, easy samples count less.",
      "γ = 0 is plain cross-entropy (the dim curve); larger γ flattens the curve near p = 1.",
    ],
    figures: [0, 1, 2, 5].map { gamma in
      figure(
        "γ = \(Int(gamma)): loss at p_y = \(format(Tensor([[2, 1, 0.1]]).softmax(axis: 1).data[0])) (CE × (1 − p)^γ)"
      ) {
        format(
          try softmaxFocalLoss(Tensor([[2, 1, 0.1]]), target: [0], targetShape: [1], gamma: gamma)
            .item)
      }
    },
    suggestedKeys:
      "f / F change γ (0 … 5) · ←/→ move p_y along the curve · Tab compare with cross-entropy",
    mode: .standard)

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
