/// The extents of a tensor, outermost first, in row-major order.
///
/// A shape with no dimensions describes a 0-d tensor (a scalar) holding one element.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
  /// The size of each dimension, outermost first.
  public var dims: [Int]

  /// Creates a shape from its dimension sizes.
  public init(_ dims: [Int]) { self.dims = dims }

  /// The number of dimensions.
  public var rank: Int { dims.count }

  /// The number of elements a tensor of this shape holds.
  public var count: Int { dims.reduce(1, *) }

  /// Row-major strides, in elements.
  public var strides: [Int] {
    var strides = [Int](repeating: 1, count: dims.count)
    var running = 1
    for axis in stride(from: dims.count - 1, through: 0, by: -1) {
      strides[axis] = running
      running *= dims[axis]
    }
    return strides
  }

  /// The size of dimension `axis`; negative axes count from the end.
  public subscript(axis: Int) -> Int { dims[normalize(axis: axis)] }

  /// Turns a possibly negative axis into an index into `dims`.
  public func normalize(axis: Int) -> Int {
    let resolved = axis < 0 ? axis + rank : axis
    precondition(resolved >= 0 && resolved < rank, "axis \(axis) out of range for shape \(self)")
    return resolved
  }

  /// Splits the shape around `axis` into (elements before, the axis, elements after).
  ///
  /// Reductions and softmax along an axis walk a tensor as `outer × n × inner`.
  public func split(at axis: Int) -> (outer: Int, n: Int, inner: Int) {
    let axis = normalize(axis: axis)
    let outer = dims[..<axis].reduce(1, *)
    let inner = dims[(axis + 1)...].reduce(1, *)
    return (outer, dims[axis], inner)
  }

  /// The shape two shapes broadcast to under NumPy's rules, or `nil` if they are incompatible.
  ///
  /// Dimensions are aligned from the right; each pair must be equal or contain a 1.
  public func broadcast(with other: Shape) -> Shape? {
    let rank = Swift.max(self.rank, other.rank)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let a = i < rank - self.rank ? 1 : dims[i - (rank - self.rank)]
      let b = i < rank - other.rank ? 1 : other.dims[i - (rank - other.rank)]
      if a == b || b == 1 {
        result[i] = a
      } else if a == 1 {
        result[i] = b
      } else {
        return nil
      }
    }
    return Shape(result)
  }

  /// PyTorch's spelling: `[2, 3]`.
  public var description: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }
}

extension Shape: ExpressibleByArrayLiteral {
  /// Creates a shape from an array literal such as `[2, 3]`.
  public init(arrayLiteral elements: Int...) { self.init(elements) }
}
