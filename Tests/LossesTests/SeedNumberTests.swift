import Foundation
import Autograd
import Losses
import Testing

/// The numbers printed in the seed articles, through the library's own API.
@Suite struct SeedNumberTests {
  @Test func batchCrossEntropyAndItsGradient() throws {
    // Seed 001: loss 0.2159, gradient (P − Y)/n.
    let x = Tensor([[2, 1, 0.1], [0, 5, 0.2]], requiresGrad: true)
    let loss = try crossEntropy(x, target: .classes([0, 1], shape: [2]))
    loss.backward()
    #expect(String(format4: loss.item) == "0.2159")
    let expected: [Float] = [
      -0.17049944, 0.12121648, 0.04928295, 0.00331929, -0.00737348, 0.00405419,
    ]
    for (g, e) in zip(x.grad!, expected) { #expect(abs(g - e) < 1e-6) }
  }

  @Test func weightedCrossEntropy() throws {
    // Seed 001: weight [1, 10], loss 1.3133, gradients ±0.3655293.
    let x = Tensor([[2, 1], [2, 1]], requiresGrad: true)
    let loss = try crossEntropy(x, target: .classes([1, 1], shape: [2]), weight: [1, 10])
    loss.backward()
    #expect(String(format4: loss.item) == "1.3133")
    for (g, e) in zip(x.grad!, [0.3655293, -0.3655293, 0.3655293, -0.3655293] as [Float]) {
      #expect(abs(g - e) < 1e-6)
    }
  }

  @Test func reductionsOfTheBatch() throws {
    // Seed 000: mean 0.2159, sum 0.4319, none [0.4170, 0.0149].
    let x = Tensor([[2, 1, 0.1], [0, 5, 0.2]])
    let target = CrossEntropyTarget.classes([0, 1], shape: [2])
    #expect(String(format4: try crossEntropy(x, target: target, reduction: .sum).item) == "0.4319")
    let none = try crossEntropy(x, target: target, reduction: .none).data
    #expect(none.map { String(format4: $0) } == ["0.4170", "0.0149"])
  }

  @Test func nllOfLogProbabilities() throws {
    // Seed 004: targets [3, 1, 2] pick −3.0, −0.2, −0.1: NLL 1.1000.
    let logP = Tensor([
      [-0.5, -1.2, -2.0, -3.0], [-1.0, -0.2, -3.0, -2.0], [-2.0, -1.0, -0.1, -3.0],
    ])
    #expect(
      String(format4: try nllLoss(logP, target: [3, 1, 2], targetShape: [3]).item) == "1.1000")
  }

  @Test func crossEntropyEqualsNLLOfLogSoftmax() throws {
    let x = Tensor([[1, 2, 3, 4], [2, 1, 0, -1], [0.5, 0.5, 0.5, 0.5]])
    let ce = try crossEntropy(x, target: .classes([3, 0, 2], shape: [3])).item
    let nll = try nllLoss(x.logSoftmax(axis: 1), target: [3, 0, 2], targetShape: [3]).item
    let twice = try nllLoss(
      x.logSoftmax(axis: 1).logSoftmax(axis: 1), target: [3, 0, 2], targetShape: [3]
    ).item
    #expect(abs(ce - nll) < 1e-6)
    #expect(String(format4: ce) == "0.7556")
    // log_softmax is idempotent on log-probabilities, so applying it twice hides the bug here;
    // applying it to already-normalised probabilities does not.
    #expect(abs(twice - nll) < 1e-5)
    let onProbabilities = try nllLoss(
      x.softmax(axis: 1).logSoftmax(axis: 1), target: [3, 0, 2], targetShape: [3]
    ).item
    #expect(abs(onProbabilities - ce) > 0.1)
  }

  @Test func binaryCrossEntropyBothWays() throws {
    // Seed 004: logits [0.2, −1, 2], targets [1, 0, 1]: 0.3461 from probabilities and from logits.
    let logits = Tensor([[0.2], [-1.0], [2.0]])
    let target = Tensor([[1], [0], [1]])
    let fromLogits = try binaryCrossEntropyWithLogits(logits, target: target).item
    let fromProbabilities = try binaryCrossEntropy(logits.sigmoid(), target: target).item
    #expect(String(format4: fromLogits) == "0.3461")
    #expect(String(format4: fromProbabilities) == "0.3461")
  }

  @Test func saturatedLogitsStayExactOnlyInTheLogitsForm() throws {
    // At x = −100 with target 1 the true loss is 100 + log1p(e⁻¹⁰⁰) ≈ 100; sigmoid(−100) is 3.7e-44
    // in float32 (a subnormal), and at x = −120 it is 0, where BCE clamps log at −100.
    let x = Tensor([-120], shape: [1])
    let target = Tensor([1], shape: [1])
    #expect(try binaryCrossEntropyWithLogits(x, target: target).item == 120)
    #expect(try binaryCrossEntropy(x.sigmoid(), target: target).item == 100)
  }

  @Test func stableLogSumExpOfLargeLogits() throws {
    // Seed 002: [50, 100, 150] with target 0 gives 100 exactly; naive exp overflows for 1000s.
    let loss = try crossEntropy(Tensor([[50, 100, 150]]), target: .classes([0], shape: [1])).item
    #expect(loss == 100)
    let big = try crossEntropy(Tensor([[1000, 1001, 1002]]), target: .classes([2], shape: [1])).item
    #expect(String(format4: big) == "0.4076")
  }
}

extension String {
  /// Four decimals, as the seeds print.
  init(format4 value: Float) {
    self = String(format: "%.4f", Double(value))
  }
}
