import Autograd

/// The sizes of a linear + cross-entropy call, checked: `input` `(N, D)` or `(D)`,
/// `linear_weight` `(V, D)`, `linear_bias` `(V)`.
struct LinearLayout {
  let tokens: Int
  let hidden: Int
  let vocabulary: Int
  /// Whether the input has a batch dimension.
  let isBatched: Bool

  /// The logits' shape: `(N, V)`, or `(V)` for a `(D)` input.
  var logitsShape: Shape { isBatched ? [tokens, vocabulary] : [vocabulary] }

  /// - Throws: ``LossError/invalidArgument(_:)`` naming the shape that does not fit, in
  ///   PyTorch's terms.
  static func checked(input: Shape, linearWeight: Shape, bias: Shape?) throws -> LinearLayout {
    guard input.rank == 1 || input.rank == 2 else {
      throw LossError.invalidArgument(
        "input must be (N, D) or (D), got shape \(input) (\(input.rank) dimensions)")
    }
    guard linearWeight.rank == 2 else {
      throw LossError.invalidArgument("linear_weight must be (V, D), got shape \(linearWeight)")
    }
    let hidden = input.dims[input.rank - 1]
    let vocabulary = linearWeight.dims[0]
    guard linearWeight.dims[1] == hidden else {
      throw LossError.invalidArgument(
        "input of shape \(input) and linear_weight of shape \(linearWeight) cannot be multiplied "
          + "(\(hidden) and \(linearWeight.dims[1]) features)")
    }
    if let bias, bias != [vocabulary] {
      throw LossError.invalidArgument(
        "linear_bias must be (V) = (\(vocabulary)), got shape \(bias)")
    }
    return LinearLayout(
      tokens: input.rank == 2 ? input.dims[0] : 1, hidden: hidden, vocabulary: vocabulary,
      isBatched: input.rank == 2)
  }
}
