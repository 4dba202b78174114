import Autograd
import Foundation

/// Binary cross-entropy on logits, PyTorch's `F.binary_cross_entropy_with_logits`.
///
/// With `lwᵢ = 1 + (pos_weight − 1)·yᵢ` (1 without `pos_weight`), the stable form is
///
///     ℓᵢ = wᵢ · ( (1 − yᵢ)·xᵢ + lwᵢ · (log(1 + e^(−|xᵢ|)) + max(−xᵢ, 0)) )
///
/// which never exponentiates a positive number, so `x = ±100` stays exact where
/// `binary_cross_entropy(sigmoid(x))` clamps. Loss and gradient come from one vectorized pass
/// (``FusedBinaryCrossEntropy``); the backward pass only scales the stored gradient. The gradient is PyTorch's closed form,
/// `wᵢ · ((pos_weight·yᵢ + 1 − yᵢ)·σ(xᵢ) − pos_weight·yᵢ)`, which is `wᵢ·(σ(xᵢ) − yᵢ)` without
/// `pos_weight`. `pos_weight` broadcasts against the input from the right, so a vector of length
/// `C` applies per class along the last dimension. `mean` averages over all elements.
///
/// - Parameters:
///   - input: Logits.
///   - target: Targets, same shape as the input.
///   - weight: Elementwise weights broadcast to the input, or `nil`.
///   - posWeight: Weights of the positive term, broadcast to the input, or `nil`.
///   - reduction: `none`, `sum` or `mean`.
/// - Returns: The loss.
/// - Throws: Shape errors when the target, weight or `posWeight` do not fit.
public func binaryCrossEntropyWithLogits(
  _ input: Tensor, target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
  reduction: Reduction = .mean
) throws -> Tensor {
  let (w, pw) = try checkedBCEWithLogits(input, target, weight, posWeight, reduction)
  let n = input.count
  let wantsGradient = GradMode.isEnabled && input.requiresGrad
  let scale: Float = reduction == .mean ? 1 / Float(n) : 1
  var losses = [Float](repeating: 0, count: reduction == .none ? n : 0)
  var gradient = [Float](repeating: 0, count: wantsGradient ? n : 0)
  var total = 0.0
  input.data.withUnsafeBufferPointer { x in
    target.data.withUnsafeBufferPointer { y in
      withOptionalPointer(w) { w in
        withOptionalPointer(pw) { pw in
          losses.withUnsafeMutableBufferPointer { l in
            gradient.withUnsafeMutableBufferPointer { g in
              // An empty array's base address is shared storage: never hand it out for writing.
              guard let x = x.baseAddress, let y = y.baseAddress else { return }
              total = FusedBinaryCrossEntropy.run(
                logits: x, targets: y, count: n, weight: w, posWeight: pw, gradientScale: scale,
                gradient: g.isEmpty ? nil : g.baseAddress, losses: l.isEmpty ? nil : l.baseAddress)
            }
          }
        }
      }
    }
  }
  switch reduction {
  case .none:
    return Tensor(result: losses, shape: input.shape, parents: [input]) { result in
      let g = result.grad!
      result.parents[0].accumulateGrad((0..<n).map { g[$0] * gradient[$0] })
    }
  case .sum, .mean, .batchmean:
    let value = reduction == .sum ? total : total / Double(n)
    return Tensor(result: [Float(value)], shape: [], parents: [input]) { result in
      let g = result.grad![0]
      result.parents[0].accumulateGrad(g == 1 ? gradient : gradient.map { $0 * g })
    }
  }
}

/// The scalar, double-precision form of
/// ``binaryCrossEntropyWithLogits(_:target:weight:posWeight:reduction:)``: the reference its
/// fused kernel is tested against, one element at a time.
package func binaryCrossEntropyWithLogitsReference(
  _ input: Tensor, target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
  reduction: Reduction = .mean
) throws -> Tensor {
  let (w, pw) = try checkedBCEWithLogits(input, target, weight, posWeight, reduction)
  let y = target.data
  let n = input.count
  var losses = [Float](repeating: 0, count: n)
  for i in 0..<n {
    let x = Double(input.data[i]), t = Double(y[i])
    let logWeight = pw.map { 1 + (Double($0[i]) - 1) * t } ?? 1
    let softplus = Foundation.log1p(Foundation.exp(-Swift.abs(x))) + Swift.max(-x, 0)
    losses[i] = Float(Double(w?[i] ?? 1) * ((1 - t) * x + logWeight * softplus))
  }
  let perElement = Tensor(result: losses, shape: input.shape, parents: [input]) { result in
    let source = result.parents[0]
    let g = result.grad!
    var gx = [Float](repeating: 0, count: n)
    for i in 0..<n {
      let sigma = Double(Tensor.sigmoid(source.data[i])), t = Double(y[i])
      let positive = Double(pw?[i] ?? 1) * t
      let d = (positive + 1 - t) * sigma - positive
      gx[i] = Float(Double(g[i]) * Double(w?[i] ?? 1) * d)
    }
    source.accumulateGrad(gx)
  }
  return reduction.apply(perElement)
}

/// What both forms of BCE with logits check first: a standard reduction, a target of the
/// input's shape, and the weights expanded to it.
///
/// - Returns: The elementwise weight and positive weight, or `nil` for each left out.
/// - Throws: The reduction's or the shapes' error.
private func checkedBCEWithLogits(
  _ input: Tensor, _ target: Tensor, _ weight: Tensor?, _ posWeight: Tensor?,
  _ reduction: Reduction
) throws -> (weight: [Float]?, posWeight: [Float]?) {
  try reduction.requireStandard()
  try requireSameShape(input.shape, target.shape)
  return (try expandWeight(weight, to: input.shape), try expandWeight(posWeight, to: input.shape))
}
