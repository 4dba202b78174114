import Autograd
import Foundation
import Testing

/// Forward values of the operations, against closed forms and the seeds' numbers.
@Suite struct OperationValueTests {
  @Test func logsumexpIsStableWhereTheNaiveFormOverflows() {
    let x = Tensor([1000, 1001, 1002], shape: [3])
    let stable = x.logsumexp(axis: 0).item
    #expect(abs(stable - 1002.4076) < 1e-3)
    #expect(x.exp().sum().log().item == .infinity)
  }

  @Test func softmaxOfTheSeedLogits() {
    let p = Tensor([[2, 1, 0.1]]).softmax(axis: 1).data
    expectClose(p, [0.6590012, 0.2424329, 0.0985659], tolerance: 1e-6)
    #expect(abs(p.reduce(0, +) - 1) < 1e-6)
  }

  @Test func softmaxHandlesInfinities() {
    let values: [Float] = [-.infinity, 0, 0]
    let p = Tensor(values, shape: [3]).softmax(axis: 0).data
    expectClose(p, [0, 0.5, 0.5])
    let allNegativeInfinity = Tensor([-.infinity, -.infinity], shape: [2]).logsumexp(axis: 0).item
    #expect(allNegativeInfinity == -.infinity)
  }

  @Test func maxSendsTheGradientToTheFirstArgmax() {
    let x = Tensor([1, 3, 3, 2], shape: [4], requiresGrad: true)
    x.max().backward()
    #expect(x.grad == [0, 1, 0, 0])
  }

  @Test func maximumSplitsTiesEvenly() {
    let a = Tensor([1, 2], shape: [2], requiresGrad: true),
      b = Tensor([1, 3], shape: [2], requiresGrad: true)
    a.maximum(b).sum().backward()
    #expect(a.grad == [0.5, 0])
    #expect(b.grad == [0.5, 1])
  }

  @Test func kinksFollowPyTorch() {
    let x = Tensor([0, -1, 1], shape: [3], requiresGrad: true)
    x.relu().sum().backward()
    #expect(x.grad == [0, 0, 1])
    x.zeroGrad()
    x.abs().sum().backward()
    #expect(x.grad == [0, -1, 1])
    x.zeroGrad()
    x.clamp(min: -1, max: 0.5).sum().backward()
    #expect(x.grad == [1, 1, 0])
  }

  @Test func matmulAndTranspose() {
    let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6], [7, 8]])
    #expect(a.matmul(b).data == [19, 22, 43, 50])
    #expect(a.transpose().data == [1, 3, 2, 4])
    let wide = Tensor([[1, 2, 3], [4, 5, 6]]).transpose()
    #expect(wide.shape == [3, 2] && wide.data == [1, 4, 2, 5, 3, 6])
    #expect(Tensor([[1, 2, 3], [4, 5, 6]]).transpose(1, 1).data == [1, 2, 3, 4, 5, 6])
  }

  @Test func gatherAndOneHot() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(x.gather(axis: 1, indices: [2, 0], indexShape: [2, 1]).data == [3, 4])
    #expect(x.gather(axis: 0, indices: [1, 0, 1], indexShape: [1, 3]).data == [4, 2, 6])
    #expect(Tensor.oneHot([2, 0], classes: 3).data == [0, 0, 1, 1, 0, 0])
  }
}
