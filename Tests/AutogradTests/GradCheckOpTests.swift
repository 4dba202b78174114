import Autograd
import Testing

/// Every operation's backward rule against central finite differences.
@Suite struct GradCheckOpTests {
  @Test func arithmeticWithBroadcasting() {
    let a = randomTensor([2, 3], seed: 1), b = randomTensor([3], seed: 2)
    let column = randomTensor([2, 1], in: 0.5...2, seed: 3)
    expectGradientsMatch([a, b]) { $0[0] + $0[1] }
    expectGradientsMatch([a, b]) { $0[0] - $0[1] }
    expectGradientsMatch([a, b]) { $0[0] * $0[1] }
    expectGradientsMatch([a, column]) { $0[0] / $0[1] }
    expectGradientsMatch([a]) { -$0[0] }
    expectGradientsMatch([a]) { 3 * $0[0] - 1 }
  }

  @Test func elementwiseFunctions() {
    let x = randomTensor([3, 4], seed: 4)
    let positive = randomTensor([3, 4], in: 0.2...3, seed: 5)
    expectGradientsMatch([x]) { $0[0].exp() }
    expectGradientsMatch([positive]) { $0[0].log() }
    expectGradientsMatch([positive]) { $0[0].log1p() }
    expectGradientsMatch([x]) { $0[0].sigmoid() }
    expectGradientsMatch([x]) { $0[0].tanh() }
    // Kinks (relu, abs, clamp) are checked away from their corners, where the derivative exists.
    let awayFromZero = Tensor([-1.5, -0.3, 0.4, 2.0, -0.7, 1.1], shape: [6], requiresGrad: true)
    expectGradientsMatch([awayFromZero]) { $0[0].relu() }
    expectGradientsMatch([awayFromZero]) { $0[0].abs() }
    expectGradientsMatch([awayFromZero]) { $0[0].clamp(min: -0.5, max: 1.5) }
    expectGradientsMatch([positive]) { $0[0].pow(2.5) }
    expectGradientsMatch([x]) { $0[0].pow(3) }
  }

  @Test func tensorExponentAndMaximum() {
    let base = randomTensor([2, 3], in: 0.5...2, seed: 6), exponent = randomTensor([3], seed: 7)
    expectGradientsMatch([base, exponent]) { $0[0].pow($0[1]) }
    let a = Tensor([1, 5, -2, 0.5], shape: [4], requiresGrad: true)
    let b = Tensor([2, 3, -1, -4], shape: [4], requiresGrad: true)
    expectGradientsMatch([a, b]) { $0[0].maximum($0[1]) }
  }

  @Test func reductions() {
    let x = randomTensor([2, 3, 4], seed: 8)
    for axis in [0, 1, 2, -1] {
      expectGradientsMatch([x]) { $0[0].sum(axis: axis) }
      expectGradientsMatch([x]) { $0[0].mean(axis: axis, keepDims: true) }
      expectGradientsMatch([x]) { $0[0].max(axis: axis) }
      expectGradientsMatch([x]) { $0[0].logsumexp(axis: axis) }
    }
    expectGradientsMatch([x]) { $0[0].sum() }
    expectGradientsMatch([x]) { $0[0].mean() }
    expectGradientsMatch([x]) { $0[0].max() }
  }

  @Test func softmaxAndLogSoftmax() {
    let x = randomTensor([3, 5], seed: 9)
    let kdim = randomTensor([2, 3, 2], seed: 10)
    expectGradientsMatch([x]) { $0[0].softmax(axis: 1) }
    expectGradientsMatch([x]) { $0[0].logSoftmax(axis: -1) }
    expectGradientsMatch([kdim]) { $0[0].softmax(axis: 1) }
    expectGradientsMatch([kdim]) { $0[0].logSoftmax(axis: 0) }
  }

  @Test func linearAlgebraAndIndexing() {
    let a = randomTensor([2, 3], seed: 11), b = randomTensor([3, 4], seed: 12)
    expectGradientsMatch([a, b]) { $0[0].matmul($0[1]) }
    let cube = randomTensor([2, 3, 4], seed: 13)
    expectGradientsMatch([cube]) { $0[0].transpose(0, 2) }
    // A matrix takes a path of its own (no index map); a rectangular one shows a mixed-up layout.
    expectGradientsMatch([a]) { $0[0].transpose() }
    expectGradientsMatch([a]) { $0[0].transpose(1, 0).matmul($0[0]) }
    expectGradientsMatch([cube]) { $0[0].reshape([6, -1]) }
    expectGradientsMatch([a]) { $0[0].gather(axis: 1, indices: [2, 0, 1, 1], indexShape: [2, 2]) }
    expectGradientsMatch([cube]) {
      $0[0].gather(axis: 1, indices: [Int](repeating: 1, count: 8), indexShape: [2, 1, 4])
    }
    let c = randomTensor([2, 3], seed: 14)
    expectGradientsMatch([a, c]) {
      Tensor.where([true, false, true, false, false, true], $0[0], $0[1])
    }
  }

  @Test func aCompositionSuchAsCrossEntropy() {
    let logits = randomTensor([4, 5], seed: 15)
    expectGradientsMatch([logits]) { inputs in
      let picked = inputs[0].logSoftmax(axis: 1).gather(
        axis: 1, indices: [0, 3, 4, 1], indexShape: [4, 1])
      return -picked.mean()
    }
  }

  @Test func gradcheckCatchesAWrongGradient() {
    // A deliberately wrong backward rule: d/dx x² reported as x instead of 2x.
    let x = randomTensor([5], in: 0.5...2, seed: 16)
    let result = gradcheck([x]) { inputs in
      let squared = inputs[0] * inputs[0]
      return squared.detach() + (inputs[0] * inputs[0].detach()) * 0.5
    }
    #expect(!result.passed)
    #expect(result.mismatches.count == 5)
  }
}
