import Autograd
import Foundation

/// Binary cross-entropy on probabilities, PyTorch's `F.binary_cross_entropy`.
///
///     ℓᵢ = −wᵢ · ( yᵢ · max(log pᵢ, −100) + (1 − yᵢ) · max(log(1 − pᵢ), −100) )
///
/// The logs are clamped at −100, as PyTorch does, so `p = 0` or `p = 1` gives a finite loss.
/// The backward pass is PyTorch's formula, `wᵢ · (pᵢ − yᵢ) / max((1 − pᵢ)·pᵢ, 10⁻¹²)`, not the
/// derivative of the clamped expression; at `p = 0, y = 1` it is `−10¹²`, exactly as in PyTorch.
/// `mean` averages over all elements.
///
/// - Parameters:
///   - input: Probabilities in `[0, 1]`.
///   - target: Targets (usually 0 or 1), same shape as the input.
///   - weight: Elementwise weights broadcast to the input, or `nil`.
///   - reduction: `none`, `sum` or `mean`.
/// - Returns: The loss.
/// - Throws: ``LossError/inputOutOfRange(value:)`` for an input outside `[0, 1]` (NaN included),
///   and shape errors.
public func binaryCrossEntropy(
  _ input: Tensor, target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) throws -> Tensor {
  try reduction.requireStandard()
  try requireSameShape(input.shape, target.shape)
  if let bad = input.data.first(where: { !($0 >= 0 && $0 <= 1) }) {
    throw LossError.inputOutOfRange(value: bad)
  }
  let w = try expandWeight(weight, to: input.shape)
  let y = target.data
  var losses = [Float](repeating: 0, count: input.count)
  for i in 0..<input.count {
    let p = Double(input.data[i])
    let logP = Swift.max(Foundation.log(p), -100)
    let log1mP = Swift.max(Foundation.log1p(-p), -100)
    losses[i] = Float(-(Double(w?[i] ?? 1)) * (Double(y[i]) * logP + (1 - Double(y[i])) * log1mP))
  }
  let perElement = Tensor(result: losses, shape: input.shape, parents: [input]) { result in
    let source = result.parents[0]
    let g = result.grad!
    var gx = [Float](repeating: 0, count: g.count)
    for i in 0..<g.count {
      let p = Double(source.data[i])
      let d = (p - Double(y[i])) / Swift.max((1 - p) * p, 1e-12)
      gx[i] = Float(Double(g[i]) * Double(w?[i] ?? 1) * d)
    }
    source.accumulateGrad(gx)
  }
  return reduction.apply(perElement)
}
