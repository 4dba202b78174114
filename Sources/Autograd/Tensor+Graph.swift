extension Tensor {
  /// Backpropagates from this tensor, accumulating gradients into every tensor that requires one.
  ///
  /// The graph is sorted with an explicit stack, so a graph of any depth is safe. Gradients of
  /// leaves accumulate across calls, as in PyTorch; gradients of intermediate results are
  /// released once they have been passed on.
  ///
  /// - Parameter gradient: The gradient of some scalar with respect to this tensor. It defaults
  ///   to 1 and may be omitted only for a one-element tensor.
  public func backward(gradient: [Float]? = nil) {
    let seed =
      gradient
      ?? {
        precondition(
          count == 1, "backward() without a gradient needs one element, shape is \(shape)")
        return [1]
      }()
    precondition(seed.count == count, "gradient has \(seed.count) elements, tensor has \(count)")
    guard requiresGrad else { return }
    let order = topologicalOrder()
    if isRecorded {
      grad = seed
    } else {
      accumulateGrad(seed)
    }
    for node in order.reversed() {
      guard let rule = node.backwardRule, node.grad != nil else { continue }
      rule(node)
      node.grad = nil
    }
  }

  /// Every recorded ancestor of this tensor (and itself), parents before children.
  func topologicalOrder() -> [Tensor] {
    // Room for a small graph up front: growing both arrays one step at a time was a third of
    // the sort's cost in the seed's training step.
    var order: [Tensor] = []
    order.reserveCapacity(16)
    var stack: [(node: Tensor, nextParent: Int)] = []
    stack.reserveCapacity(16)
    stack.append((self, 0))
    visited = true
    while let (node, next) = stack.last {
      if next < node.parents.count {
        stack[stack.count - 1].nextParent += 1
        let parent = node.parents[next]
        if !parent.visited && parent.requiresGrad {
          parent.visited = true
          stack.append((parent, 0))
        }
      } else {
        stack.removeLast()
        order.append(node)
      }
    }
    for node in order { node.visited = false }
    return order
  }

  /// Clears the accumulated gradient.
  public func zeroGrad() { grad = nil }

  /// A new leaf sharing this tensor's values but not its history.
  public func detach() -> Tensor { Tensor(data, shape: shape) }
}
