import Autograd
import Testing

@Suite struct OptimizerTests {
  @Test func sgdMomentumFollowsPyTorchsFormula() {
    // b₁ = g, b₂ = Όb₁ + g, p ← p − lr·b with a constant gradient g = 2 (from p·2).
    let p = Tensor([1], shape: [1], requiresGrad: true)
    var sgd = SGD([p], learningRate: 0.1, momentum: 0.9)
    for _ in 0..<2 {
      (p * 2).sum().backward()
      sgd.step()
      sgd.zeroGrad()
    }
    // 1 − 0.1·2 − 0.1·(0.9·2 + 2)
    #expect(abs(p.data[0] - (1 - 0.2 - 0.38)) < 1e-6)
  }

  @Test func adamsFirstStepMovesByTheLearningRate() {
    // With bias correction, m̂ = g and v̂ = g², so the first step is lr·g/(|g| + ε).
    let p = Tensor([0.5, -0.5], shape: [2], requiresGrad: true)
    var adam = Adam([p], learningRate: 0.01)
    (p * p).sum().backward()
    adam.step()
    expectClose(p.data, [0.49, -0.49], tolerance: 1e-6)
  }

  @Test func linearUsesPyTorchsLayoutAndInitBounds() {
    var generator = SeededGenerator(seed: 3)
    let layer = Linear(4, 3, using: &generator)
    #expect(layer.weight.shape == [3, 4])
    #expect(layer.bias.shape == [3])
    #expect(layer.weight.data.allSatisfy { abs($0) <= 0.5 })
    let fixed = Linear(weight: [[1, 0], [0, 2]], bias: [0.5, -1])
    #expect(fixed(Tensor([[3, 4]])).data == [3.5, 7])
  }
}
