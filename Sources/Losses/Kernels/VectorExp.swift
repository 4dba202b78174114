/// The vector width the kernels work in.
package typealias FloatVector = SIMD16<Float>

/// `eˣ` for sixteen lanes at once, accurate to about 1 ulp for results in the normal range.
///
/// Cody–Waite reduction `x = n·ln 2 + r` with `|r| ≀ ln 2 / 2` (ln 2 split into a short high part
/// and a correction so `n·ln2_hi` is exact), a degree-6 minimax polynomial for `eʳ` (Cephes'
/// `expf` coefficients), and `2ⁿ` built directly in the exponent bits. Inputs below
/// −87.33654 (where `eˣ` leaves the normal range) give 0, and inputs above 88.72283 give `+∞`;
/// NaN lanes give NaN.
///
/// - Parameter x: The exponents.
/// - Returns: `eˣ` lane by lane.
/// - Complexity: Branch-free, about 20 vector operations.
@inline(__always)
package func vectorExp(_ x: FloatVector) -> FloatVector {
  let underflow: Float = -87.336_54
  let overflow: Float = 88.722_83
  let clamped = x.clamped(lowerBound: FloatVector(repeating: underflow), upperBound: FloatVector(repeating: overflow))
  let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
  var r = clamped - n * 0.693_359_375
  r = r + n * 2.121_944_4e-4
  var p = FloatVector(repeating: 1.987_569_15e-4)
  p = p * r + 1.398_199_950_7e-3
  p = p * r + 8.333_451_907_3e-3
  p = p * r + 4.166_579_589_4e-2
  p = p * r + 1.666_666_545_9e-1
  p = p * r + 5.000_000_120_1e-1
  p = p * (r * r) + r + 1
  // Multiply by 2ⁿ in two halves so that n = 128 (x near the overflow bound) stays representable.
  let half = SIMD16<Int32>(n, rounding: .towardZero) &>> 1
  let rest = SIMD16<Int32>(n, rounding: .towardZero) &- half
  let scaleA = unsafeBitCast((half &+ 127) &<< 23, to: FloatVector.self)
  let scaleB = unsafeBitCast((rest &+ 127) &<< 23, to: FloatVector.self)
  var result = p * scaleA * scaleB
  result.replace(with: 0, where: x .< underflow)
  result.replace(with: .infinity, where: x .> overflow)
  result.replace(with: .nan, where: x .!= x)
  return result
}
