import Foundation

extension Tensor {
  /// Elementwise sum with broadcasting.
  public static func + (a: Tensor, b: Tensor) -> Tensor {
    a.zipWith(b, +) { _, _, _ in (1, 1) }
  }

  /// Elementwise difference with broadcasting.
  public static func - (a: Tensor, b: Tensor) -> Tensor {
    a.zipWith(b, -) { _, _, _ in (1, -1) }
  }

  /// Elementwise product with broadcasting.
  public static func * (a: Tensor, b: Tensor) -> Tensor {
    a.zipWith(b, *) { x, y, _ in (y, x) }
  }

  /// Elementwise quotient with broadcasting.
  public static func / (a: Tensor, b: Tensor) -> Tensor {
    a.zipWith(b, /) { _, y, q in (1 / y, -q / y) }
  }

  /// Negation.
  public static prefix func - (a: Tensor) -> Tensor {
    a.map({ -$0 }, derivative: { _, _ in -1 })
  }

  /// Adds a constant.
  public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(b) }
  /// Adds a constant.
  public static func + (a: Float, b: Tensor) -> Tensor { Tensor(a) + b }
  /// Subtracts a constant.
  public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(b) }
  /// Subtracts from a constant.
  public static func - (a: Float, b: Tensor) -> Tensor { Tensor(a) - b }
  /// Multiplies by a constant.
  public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(b) }
  /// Multiplies by a constant.
  public static func * (a: Float, b: Tensor) -> Tensor { Tensor(a) * b }
  /// Divides by a constant.
  public static func / (a: Tensor, b: Float) -> Tensor { a / Tensor(b) }
  /// Divides a constant.
  public static func / (a: Float, b: Tensor) -> Tensor { Tensor(a) / b }

  /// Elementwise `selfᵉ` for a constant exponent: `d/dx xᵉ = e·xᵉ⁻¹`.
  public func pow(_ exponent: Float) -> Tensor {
    map({ Foundation.pow($0, exponent) }) { x, _ in
      exponent == 0 ? 0 : exponent * Foundation.pow(x, exponent - 1)
    }
  }

  /// Elementwise `selfᵉ` with a tensor exponent, broadcast.
  ///
  /// `∂/∂x = e·xᵉ⁻¹` and `∂/∂e = xᵉ·ln x`; the latter is taken as 0 where `x = 0`, as PyTorch does.
  public func pow(_ exponent: Tensor) -> Tensor {
    zipWith(exponent, { Foundation.pow($0, $1) }) { x, e, y in
      let dx = e == 0 ? 0 : e * Foundation.pow(x, e - 1)
      let de = x == 0 ? 0 : y * Foundation.log(x)
      return (dx, de)
    }
  }

  /// Elementwise maximum with broadcasting.
  ///
  /// The gradient goes to the larger operand; on a tie it is split evenly, as in PyTorch.
  public func maximum(_ other: Tensor) -> Tensor {
    zipWith(other, { Swift.max($0, $1) }) { x, y, _ in
      x > y ? (1, 0) : (x < y ? (0, 1) : (0.5, 0.5))
    }
  }

  /// Selects elementwise from `a` where `condition` holds and from `b` elsewhere.
  ///
  /// `a` and `b` broadcast together; `condition` has the broadcast shape. The gradient flows to
  /// the selected operand only.
  ///
  /// - Parameters:
  ///   - condition: One flag per result element.
  ///   - a: Values taken where the flag is set.
  ///   - b: Values taken elsewhere.
  /// - Returns: The selection.
  public static func `where`(_ condition: [Bool], _ a: Tensor, _ b: Tensor) -> Tensor {
    let plan = BroadcastPlan(a.shape, b.shape)
    precondition(
      condition.count == plan.shape.count, "condition does not match shape \(plan.shape)")
    var out = [Float](repeating: 0, count: plan.shape.count)
    for i in 0..<out.count {
      out[i] = condition[i] ? a.data[plan.lhsIndex?[i] ?? i] : b.data[plan.rhsIndex?[i] ?? i]
    }
    return Tensor(result: out, shape: plan.shape, parents: [a, b]) { result in
      let g = result.grad!
      let ga = zip(g, condition).map { $1 ? $0 : 0 }
      let gb = zip(g, condition).map { $1 ? 0 : $0 }
      let lhs = result.parents[0], rhs = result.parents[1]
      lhs.accumulateGrad(BroadcastPlan.reduce(ga, through: plan.lhsIndex, count: lhs.count))
      rhs.accumulateGrad(BroadcastPlan.reduce(gb, through: plan.rhsIndex, count: rhs.count))
    }
  }
}
