/// An n-dimensional float32 array that records the operations applied to it.
///
/// A `Tensor` is a node in a computation graph, in the manner of micrograd's `Value`: it holds
/// its data, the tensors it was computed from (`parents`) and a rule that sends the gradient of
/// its output back to them. Calling ``backward(gradient:)`` on a result walks that graph in
/// reverse topological order and accumulates `∂result/∂x` into the `grad` of every tensor `x`
/// that requires a gradient.
///
/// Tensors are reference types: a parameter shared by several expressions is one node, and its
/// gradient accumulates contributions from all of them.
public final class Tensor {
  /// The elements in row-major order.
  ///
  /// Optimizers update parameters in place through this property. Backward rules read the data
  /// of their inputs when ``backward(gradient:)`` runs, so change data only between a backward
  /// pass and the next forward pass, as an optimizer step does.
  public var data: [Float]

  /// The extents of the tensor.
  public let shape: Shape

  /// The accumulated gradient, in the layout of ``data``, or `nil` before any backward pass.
  public var grad: [Float]?

  /// Whether backward passes compute a gradient for this tensor.
  public var requiresGrad: Bool

  /// The tensors this one was computed from; empty for a leaf.
  package var parents: [Tensor]

  /// Sends `self.grad` to the parents' gradients; `nil` for a leaf.
  package var backwardRule: BackwardRule?

  /// Scratch mark used by the topological sort.
  var visited = false

  /// Creates a leaf tensor.
  ///
  /// - Parameters:
  ///   - data: The elements in row-major order; `data.count` must equal `shape.count`.
  ///   - shape: The extents.
  ///   - requiresGrad: Whether backward passes compute a gradient for it.
  public init(_ data: [Float], shape: Shape, requiresGrad: Bool = false) {
    precondition(data.count == shape.count, "\(data.count) values cannot fill shape \(shape)")
    self.data = data
    self.shape = shape
    self.requiresGrad = requiresGrad
    self.parents = []
    self.backwardRule = nil
  }

  /// Creates a 0-d tensor holding one value.
  public convenience init(_ value: Float, requiresGrad: Bool = false) {
    self.init([value], shape: [], requiresGrad: requiresGrad)
  }

  /// Creates a 1-d tensor.
  public convenience init(_ values: [Float], requiresGrad: Bool = false) {
    self.init(values, shape: [values.count], requiresGrad: requiresGrad)
  }

  /// Creates a 2-d tensor from rows of equal length.
  public convenience init(_ rows: [[Float]], requiresGrad: Bool = false) {
    let columns = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == columns }, "rows of unequal length")
    self.init(rows.flatMap { $0 }, shape: [rows.count, columns], requiresGrad: requiresGrad)
  }

  /// A tensor of the given shape filled with one value.
  public static func full(_ value: Float, shape: Shape, requiresGrad: Bool = false) -> Tensor {
    Tensor([Float](repeating: value, count: shape.count), shape: shape, requiresGrad: requiresGrad)
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: Shape, requiresGrad: Bool = false) -> Tensor {
    full(0, shape: shape, requiresGrad: requiresGrad)
  }

  /// The number of elements.
  public var count: Int { data.count }

  /// The single element of a one-element tensor.
  public var item: Float {
    precondition(data.count == 1, "item() needs one element, shape is \(shape)")
    return data[0]
  }

  /// Whether this tensor was produced by a recorded operation (it is not a leaf).
  public var isRecorded: Bool { backwardRule != nil }

  /// Creates the result of an operation, recording it when gradients are enabled and some input
  /// requires one.
  package init(result data: [Float], shape: Shape, parents: [Tensor], rule: @escaping BackwardRule)
  {
    self.data = data
    self.shape = shape
    if GradMode.isEnabled && parents.contains(where: { $0.requiresGrad }) {
      self.requiresGrad = true
      self.parents = parents
      self.backwardRule = rule
    } else {
      self.requiresGrad = false
      self.parents = []
      self.backwardRule = nil
    }
  }

  /// Adds `contribution` to the gradient, creating it on first use.
  package func accumulateGrad(_ contribution: [Float]) {
    guard requiresGrad else { return }
    if grad == nil {
      grad = contribution
    } else {
      grad!.withUnsafeMutableBufferPointer { g in
        for i in 0..<g.count { g[i] += contribution[i] }
      }
    }
  }

  /// Releases a long chain of parents without recursing once per link.
  ///
  /// The default release of a 100,000-op chain would run 100,000 nested deinitializers and
  /// overflow the stack; this moves uniquely owned ancestors onto a heap-allocated worklist.
  deinit {
    guard !parents.isEmpty else { return }
    var pending = parents
    parents = []
    while var node = pending.popLast() {
      if isKnownUniquelyReferenced(&node) {
        pending.append(contentsOf: node.parents)
        node.parents = []
      }
    }
  }
}

/// Accumulates `output.grad` into the gradients of `output.parents`.
package typealias BackwardRule = (_ output: Tensor) -> Void

extension Tensor: CustomStringConvertible {
  /// A short description: the shape and up to eight leading elements.
  public var description: String {
    let shown = data.prefix(8).map { "\($0)" }.joined(separator: ", ")
    let more = data.count > 8 ? ", …" : ""
    return "Tensor(shape: \(shape), data: [\(shown)\(more)])"
  }
}
