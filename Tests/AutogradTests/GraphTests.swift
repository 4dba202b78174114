import Autograd
import Foundation
import Testing

@Suite struct GraphTests {
  @Test func gradientsAccumulateAcrossBackwardCalls() {
    let x = Tensor([1, 2, 3], shape: [3], requiresGrad: true)
    (x * x).sum().backward()
    #expect(x.grad == [2, 4, 6])
    (x * x).sum().backward()
    #expect(x.grad == [4, 8, 12])
    x.zeroGrad()
    #expect(x.grad == nil)
  }

  @Test func aSharedInputCollectsEveryPath() {
    let x = Tensor(3, requiresGrad: true)
    let y = x * x + x.exp() * x  // dy/dx = 2x + eˣ(x + 1)
    y.backward()
    #expect(abs(x.grad![0] - (6 + 4 * Float(20.085537))) < 1e-3)
  }

  @Test func backwardTwiceThroughTheSameGraphGivesTheSameContribution() {
    let x = Tensor([0.5, -1], shape: [2], requiresGrad: true)
    let loss = (x.sigmoid() * 3).sum()
    loss.backward()
    let first = x.grad!
    x.zeroGrad()
    loss.backward()
    #expect(x.grad == first)
  }

  @Test func noGradRecordsNothing() {
    let x = Tensor([1, 2], shape: [2], requiresGrad: true)
    let y = withNoGrad { (x * 2).exp() }
    #expect(!y.requiresGrad)
    #expect(!y.isRecorded)
    let z = x * 2
    #expect(z.requiresGrad)
    #expect(GradMode.isEnabled)
  }

  @Test func detachCutsTheGraph() {
    let x = Tensor([1, 2], shape: [2], requiresGrad: true)
    let y = (x.detach() * x).sum()
    y.backward()
    #expect(x.grad == [1, 2])
  }

  @Test func tensorsWithoutGradientsAreLeftAlone() {
    let x = Tensor([1, 2], shape: [2], requiresGrad: true)
    let constant = Tensor([5, 6], shape: [2])
    (x * constant).sum().backward()
    #expect(constant.grad == nil)
    #expect(x.grad == [5, 6])
  }

  @Test func aGraphOneHundredThousandOpsDeepBackpropagates() {
    let x = Tensor(1, requiresGrad: true)
    var y = x
    for _ in 0..<100_000 { y = y * 1.000001 }
    y.backward()
    let expected = Float(pow(1.000001, 100_000.0))
    #expect(abs(x.grad![0] - expected) < 1e-2)
    // Releasing the chain must not recurse once per link either.
    y = Tensor(0)
  }
}
