import Autograd
import PropertyBased
import Testing

/// Laws every correct gradient obeys, checked on generated inputs.
@Suite struct GradientLawTests {
  static let logits = Gen.float(in: -8...8).array(of: 2...12)

  @Test func softmaxGradientSumsToZeroAlongTheClassAxis() async {
    await propertyCheck(input: GradientLawTests.logits, Gen.float(in: -2...2).array(of: 12)) {
      z, upstream in
      let x = Tensor(z, shape: [1, z.count], requiresGrad: true)
      x.softmax(axis: 1).backward(gradient: Array(upstream.prefix(z.count)))
      let total = x.grad!.reduce(0, +)
      #expect(abs(total) < 1e-5)
    }
  }

  @Test func logsumexpGradientIsTheSoftmax() async {
    await propertyCheck(input: GradientLawTests.logits) { z in
      let x = Tensor(z, shape: [z.count], requiresGrad: true)
      x.logsumexp(axis: 0).backward()
      let softmax = withNoGrad { x.softmax(axis: 0) }.data
      expectClose(x.grad!, softmax, tolerance: 1e-6)
    }
  }

  @Test func crossEntropyGradientIsProbabilitiesMinusOneHot() async {
    await propertyCheck(input: GradientLawTests.logits, Gen.int(in: 0...11)) { z, rawTarget in
      let target = rawTarget % z.count
      let x = Tensor(z, shape: [1, z.count], requiresGrad: true)
      let loss = -x.logSoftmax(axis: 1).gather(axis: 1, indices: [target], indexShape: [1, 1]).sum()
      loss.backward()
      var expected = withNoGrad { x.softmax(axis: 1) }.data
      expected[target] -= 1
      expectClose(x.grad!, expected, tolerance: 1e-6)
    }
  }

  @Test func backwardIsLinearInTheUpstreamGradient() async {
    await propertyCheck(input: GradientLawTests.logits, Gen.float(in: -3...3)) { z, k in
      let x = Tensor(z, shape: [z.count], requiresGrad: true)
      let y = x.tanh() * x.sigmoid()
      y.backward(gradient: [Float](repeating: 1, count: z.count))
      let unit = x.grad!
      x.zeroGrad()
      y.backward(gradient: [Float](repeating: k, count: z.count))
      expectClose(x.grad!, unit.map { $0 * k }, tolerance: 1e-5)
    }
  }
}
