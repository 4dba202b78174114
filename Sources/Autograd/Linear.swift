/// A fully connected layer, `y = x·Wᵀ + b`, with PyTorch's layout and initialisation.
///
/// `weight` is `out × in` like `torch.nn.Linear.weight`, and both `weight` and `bias` start
/// uniform in `(−1/√in, 1/√in)`, which is what PyTorch's `kaiming_uniform_(a=√5)` and its bias
/// rule give. The random stream is ``SeededGenerator``, not PyTorch's: to reproduce a PyTorch
/// run, pass its initial values to ``init(weight:bias:)``.
public final class Linear {
  /// The `out × in` weight matrix.
  public let weight: Tensor
  /// The `out` biases.
  public let bias: Tensor

  /// Creates a layer with random initial parameters.
  ///
  /// - Parameters:
  ///   - inputs: The number of input features.
  ///   - outputs: The number of output features.
  ///   - generator: The source of randomness.
  public init<G: RandomNumberGenerator>(_ inputs: Int, _ outputs: Int, using generator: inout G) {
    let bound = inputs > 0 ? 1 / Float(inputs).squareRoot() : 0
    let w = (0..<(inputs * outputs)).map { _ in Float.random(in: -bound...bound, using: &generator)
    }
    let b = (0..<outputs).map { _ in Float.random(in: -bound...bound, using: &generator) }
    weight = Tensor(w, shape: [outputs, inputs], requiresGrad: true)
    bias = Tensor(b, shape: [outputs], requiresGrad: true)
  }

  /// Creates a layer with the given parameters.
  ///
  /// - Parameters:
  ///   - weight: Rows of `in` values, one row per output.
  ///   - bias: One value per output.
  public init(weight: [[Float]], bias: [Float]) {
    precondition(weight.count == bias.count, "weight has \(weight.count) rows, bias \(bias.count)")
    self.weight = Tensor(weight, requiresGrad: true)
    self.bias = Tensor(bias, requiresGrad: true)
  }

  /// The trainable tensors, weight first.
  public var parameters: [Tensor] { [weight, bias] }

  /// Applies the layer to an `N × in` batch, giving `N × out`.
  public func callAsFunction(_ x: Tensor) -> Tensor {
    x.matmul(weight.transpose()) + bias
  }
}
