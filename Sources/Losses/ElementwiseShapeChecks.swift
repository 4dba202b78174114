import Autograd

/// Checks that an elementwise loss's target broadcasts against its input.
///
/// PyTorch broadcasts the two (with a warning when the sizes differ); shapes that cannot broadcast
/// are an error.
///
/// - Throws: ``LossError/shapeMismatch(input:target:reason:)``.
func requireBroadcastable(_ input: Shape, _ target: Shape) throws {
  guard input.broadcast(with: target) != nil else {
    throw LossError.shapeMismatch(input: input, target: target, reason: "they do not broadcast")
  }
}

/// Checks that a target has exactly the input's shape, as the binary cross-entropies require.
func requireSameShape(_ input: Shape, _ target: Shape) throws {
  guard input == target else {
    throw LossError.shapeMismatch(input: input, target: target, reason: "they must be equal")
  }
}

/// Expands optional elementwise weights to the input's shape.
///
/// - Throws: ``LossError/weightShape(weight:input:)`` if they do not broadcast to it.
func expandWeight(_ weight: Tensor?, to shape: Shape) throws -> [Float]? {
  guard let weight else { return nil }
  guard let joint = weight.shape.broadcast(with: shape), joint == shape else {
    throw LossError.weightShape(weight: weight.shape, input: shape)
  }
  if weight.shape == shape { return weight.data }
  return BroadcastPlan.indexMap(from: weight.shape, to: shape).map { weight.data[$0] }
}
