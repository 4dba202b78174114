import Foundation

/// Something that updates parameters from their gradients.
public protocol Optimizer {
  /// The tensors being optimised.
  var parameters: [Tensor] { get }
  /// Applies one update from the current gradients. Parameters without a gradient are skipped.
  mutating func step()
}

extension Optimizer {
  /// Clears every parameter's gradient.
  public func zeroGrad() { for p in parameters { p.zeroGrad() } }
}

/// Stochastic gradient descent with optional momentum, as `torch.optim.SGD` computes it.
///
/// With momentum `Ό`: `b ← g` on the first step and `b ← Ό·b + g` after, then `p ← p − lr·b`.
/// Without momentum: `p ← p − lr·g`. (No dampening, Nesterov or weight decay.)
public struct SGD: Optimizer {
  public let parameters: [Tensor]
  /// The learning rate.
  public var learningRate: Float
  /// The momentum factor `Ό`.
  public var momentum: Float
  private var buffers: [[Float]?]

  /// Creates the optimizer.
  ///
  /// - Parameters:
  ///   - parameters: The tensors to update.
  ///   - learningRate: `lr`.
  ///   - momentum: `Ό`, 0 for plain SGD.
  public init(_ parameters: [Tensor], learningRate: Float, momentum: Float = 0) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    buffers = Array(repeating: nil, count: parameters.count)
  }

  public mutating func step() {
    for (index, p) in parameters.enumerated() {
      guard let g = p.grad else { continue }
      var direction = g
      if momentum != 0 {
        if var b = buffers[index] {
          for i in 0..<b.count { b[i] = momentum * b[i] + g[i] }
          direction = b
        }
        buffers[index] = direction
      }
      for i in 0..<p.count { p.data[i] -= learningRate * direction[i] }
    }
  }
}

/// Adam, as `torch.optim.Adam` computes it with its defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
///
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, and with the step count `t`:
/// `p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)`.
public struct Adam: Optimizer {
  public let parameters: [Tensor]
  /// The learning rate.
  public var learningRate: Float
  /// `β₁` and `β₂`.
  public var betas: (Float, Float)
  /// `ε`.
  public var epsilon: Float
  private var first: [[Float]]
  private var second: [[Float]]
  private var steps: [Int]

  /// Creates the optimizer.
  ///
  /// - Parameters:
  ///   - parameters: The tensors to update.
  ///   - learningRate: `lr` (PyTorch's default is 0.001).
  ///   - betas: `(β₁, β₂)`.
  ///   - epsilon: `ε`.
  public init(
    _ parameters: [Tensor], learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
    epsilon: Float = 1e-8
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.betas = betas
    self.epsilon = epsilon
    first = parameters.map { [Float](repeating: 0, count: $0.count) }
    second = first
    steps = Array(repeating: 0, count: parameters.count)
  }

  public mutating func step() {
    let (beta1, beta2) = betas
    for (index, p) in parameters.enumerated() {
      guard let g = p.grad else { continue }
      steps[index] += 1
      let t = Float(steps[index])
      let correction1 = 1 - Foundation.pow(beta1, t)
      let correction2Root = (1 - Foundation.pow(beta2, t)).squareRoot()
      let stepSize = learningRate / correction1
      for i in 0..<p.count {
        first[index][i] = beta1 * first[index][i] + (1 - beta1) * g[i]
        second[index][i] = beta2 * second[index][i] + (1 - beta2) * g[i] * g[i]
        let denominator = second[index][i].squareRoot() / correction2Root + epsilon
        p.data[i] -= stepSize * first[index][i] / denominator
      }
    }
  }
}
