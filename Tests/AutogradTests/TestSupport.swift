import Autograd
import Testing

/// Reproducible test data.
func randomTensor(
  _ shape: Shape, in range: ClosedRange<Float> = -2...2, seed: UInt64, requiresGrad: Bool = true
)
  -> Tensor
{
  var generator = SeededGenerator(seed: seed)
  let values = (0..<shape.count).map { _ in Float.random(in: range, using: &generator) }
  return Tensor(values, shape: shape, requiresGrad: requiresGrad)
}

/// Expects a gradcheck to pass, reporting the worst element if it does not.
func expectGradientsMatch(
  _ inputs: [Tensor], sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
) {
  let result = gradcheck(inputs, f)
  #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
  #expect(result.checked == inputs.reduce(0) { $0 + $1.count }, sourceLocation: sourceLocation)
}

func expectClose(
  _ a: [Float], _ b: [Float], tolerance: Float = 1e-5,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(a.count == b.count, sourceLocation: sourceLocation)
  for (x, y) in zip(a, b) {
    #expect(
      abs(x - y) <= tolerance * max(1, abs(y)), "\(x) vs \(y)", sourceLocation: sourceLocation)
  }
}
