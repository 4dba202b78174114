/// The outcome of comparing backpropagated gradients with finite differences.
public struct GradCheckResult: Sendable, CustomStringConvertible {
  /// One compared element.
  public struct Mismatch: Sendable {
    /// Which input, by position in the list passed to ``gradcheck(_:epsilon:absoluteTolerance:relativeTolerance:seed:_:)``.
    public var input: Int
    /// The flat element index within that input.
    public var element: Int
    /// The gradient from `backward()`.
    public var analytic: Double
    /// The central-difference estimate.
    public var numeric: Double
  }

  /// Whether every element agreed within tolerance.
  public var passed: Bool { mismatches.isEmpty }
  /// The elements that disagreed.
  public var mismatches: [Mismatch]
  /// The largest `|analytic − numeric|` seen.
  public var maxAbsoluteError: Double
  /// How many elements were compared.
  public var checked: Int

  /// A one-line summary naming the worst element when the check fails.
  public var description: String {
    guard
      let worst = mismatches.max(by: {
        Swift.abs($0.analytic - $0.numeric) < Swift.abs($1.analytic - $1.numeric)
      })
    else {
      return "gradcheck passed: \(checked) elements, max error \(maxAbsoluteError)"
    }
    return "gradcheck failed on \(mismatches.count) of \(checked) elements; worst: input "
      + "\(worst.input)[\(worst.element)] analytic \(worst.analytic) numeric \(worst.numeric)"
  }
}

/// Checks the gradients of a computation against central finite differences.
///
/// The output `y = f(inputs)` may have any shape: the check differentiates the scalar
/// `s = Σ rᵢ·yᵢ` for fixed pseudo-random weights `r`, which exercises every entry of the
/// Jacobian. Each input element `x` is moved to `x ± h` in float32 and `s` is evaluated without
/// recording; the quotient `(s₊ − s₋)/(x₊ − x₋)` is formed in float64 from the actual float32
/// step, so the only float32 error left is that of the forward pass itself.
///
/// An element passes when `|analytic − numeric| ≀ atol + rtol·|numeric|`.
///
/// - Parameters:
///   - inputs: The tensors to differentiate with respect to; they must require gradients.
///   - epsilon: The step `h`, relative to `max(1, |x|)`.
///   - absoluteTolerance: `atol`.
///   - relativeTolerance: `rtol`.
///   - seed: Seeds the projection weights `r`.
///   - f: The computation, built from the inputs it is given.
/// - Returns: Every mismatch, and the largest error seen.
public func gradcheck(
  _ inputs: [Tensor],
  epsilon: Float = 1e-2,
  absoluteTolerance: Double = 2e-3,
  relativeTolerance: Double = 2e-2,
  seed: UInt64 = 0x5EED,
  _ f: ([Tensor]) -> Tensor
) -> GradCheckResult {
  var generator = SeededGenerator(seed: seed)
  let probe = withNoGrad { f(inputs) }
  let weights = (0..<probe.count).map { _ in Double.random(in: 0.5...1.5, using: &generator) }
  func projected() -> Double {
    let y = withNoGrad { f(inputs) }
    var total = 0.0
    for (w, v) in zip(weights, y.data) { total += w * Double(v) }
    return total
  }

  for input in inputs { input.zeroGrad() }
  let y = f(inputs)
  y.backward(gradient: weights.map { Float($0) })

  var mismatches: [GradCheckResult.Mismatch] = []
  var maxError = 0.0
  var checked = 0
  for (which, input) in inputs.enumerated() {
    let analytic = input.grad ?? [Float](repeating: 0, count: input.count)
    for element in 0..<input.count {
      let original = input.data[element]
      let h = epsilon * Swift.max(1, Swift.abs(original))
      input.data[element] = original + h
      let plus = projected()
      let upper = input.data[element]
      input.data[element] = original - h
      let minus = projected()
      let lower = input.data[element]
      input.data[element] = original
      let numeric = (plus - minus) / (Double(upper) - Double(lower))
      let a = Double(analytic[element])
      let error = Swift.abs(a - numeric)
      maxError = Swift.max(maxError, error)
      checked += 1
      if !(error <= absoluteTolerance + relativeTolerance * Swift.abs(numeric)) {
        mismatches.append(.init(input: which, element: element, analytic: a, numeric: numeric))
      }
    }
  }
  for input in inputs { input.zeroGrad() }
  return GradCheckResult(mismatches: mismatches, maxAbsoluteError: maxError, checked: checked)
}
