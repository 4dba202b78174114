import Autograd
import Foundation

/// Kullback–Leibler divergence, PyTorch's `F.kl_div`, with the input as log-probabilities:
///
///     ℓᵢ = yᵢ · (log yᵢ − xᵢ)         (log_target = false; 0 where yᵢ = 0)
///     ℓᵢ = e^{yᵢ} · (yᵢ − xᵢ)          (log_target = true)
///
/// `batchmean` divides the sum by the size of dim 0 (the mathematically correct KL for a batch);
/// `mean` divides by the number of elements, as PyTorch does (and warns about).
///
/// - Parameters:
///   - input: Log-probabilities.
///   - target: Probabilities, or log-probabilities when `logTarget` is set; broadcast to input.
///   - reduction: `none`, `sum`, `mean` or `batchmean`.
///   - logTarget: Whether the target is given in log space.
/// - Returns: The loss.
/// - Throws: ``LossError/shapeMismatch(input:target:reason:)`` when the shapes do not broadcast.
public func klDiv(
  _ input: Tensor, target: Tensor, reduction: Reduction = .mean, logTarget: Bool = false
) throws -> Tensor {
  try requireBroadcastable(input.shape, target.shape)
  let perElement: Tensor
  if logTarget {
    perElement = target.exp() * (target - input)
  } else {
    // xlogy(y, y): y·log y, defined as 0 at y = 0.
    let entropyTerm = target.data.map { y in y == 0 ? 0 : y * Foundation.log(y) }
    perElement = Tensor(entropyTerm, shape: target.shape) - target * input
  }
  switch reduction {
  case .batchmean:
    let batch = input.shape.rank == 0 ? 1 : input.shape.dims[0]
    return perElement.sum() / Float(batch)
  default:
    return reduction.apply(perElement)
  }
}
