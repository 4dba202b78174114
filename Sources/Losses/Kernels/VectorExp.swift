/// The vector width the kernels work in.
package typealias FloatVector = SIMD16<Float>

/// Writes `exp(xᵢ − shift)` for a run of floats and returns their sum, sixteen lanes at a time.
///
/// The exponential is accurate to about 1 ulp for results in the normal range. It uses Cody–Waite
/// reduction `x = n·ln 2 + r` with `|r| ≀ ln 2 / 2` (ln 2 split into a short high part and a
/// correction, so `n·ln2_hi` is exact), a degree-6 polynomial for `eʳ` (Cephes' `expf`
/// coefficients), and `2ⁿ` built directly in the exponent bits. Inputs below −87.33654 (where
/// `eˣ` leaves the normal range) give 0, inputs above 88.72283 give `+∞`, and NaN gives NaN.
///
/// Why it looks the way it does, all measured on 128 × 50257 logits:
/// - Only lane-wise arithmetic, comparisons and bit casts: the standard library's SIMD
///   `clamped`, `rounded` and float-to-integer conversions become one scalar call per lane on
///   Linux (30× slower). `n` is rounded with the `1.5·2²³` trick, which also leaves `n` in the
///   low mantissa bits.
/// - ``exponential(_:boundedAbove:)`` must be inlined into the loop (a call per vector costs as
///   much as the math). It is, within this module's whole-module build; a build of single files
///   without whole-module optimisation (`swiftc` without `-wmo`) cannot, and runs 2–10× slower.
/// - Fused multiply-adds only where the target has them (`LOSSSCOPE_FMA`, set in
///   `Package.swift`); elsewhere `addingProduct` would be a libm call per lane.
///
/// - Parameters:
///   - x: The inputs.
///   - count: How many.
///   - shift: Subtracted from every input first (the row maximum, for a softmax).
///   - out: Where to write the exponentials, or `nil` to only sum them. May equal `x`.
///   - boundedAbove: The caller guarantees every `xᵢ − shift ≀ 0` (a softmax shifted by its
///     maximum, or `−|x|`). The overflow handling is then skipped and `2ⁿ` (n ≀ 0) is one
///     multiplication; NaN still gives NaN.
/// - Returns: `Σ exp(xᵢ − shift)`, summed in float32 lanes.
/// - Complexity: O(count), about 25 vector operations per 16 values.
@inline(__always)
package func exponentiate(
  _ x: UnsafePointer<Float>, count: Int, shift: Float, into out: UnsafeMutablePointer<Float>?,
  boundedAbove: Bool = false
) -> Float {
  let width = FloatVector.scalarCount
  var total = FloatVector(repeating: 0)
  var k = 0
  while k < count {
    let full = k + width <= count
    var v: FloatVector
    if full {
      v = UnsafeRawPointer(x + k).loadUnaligned(as: FloatVector.self) - shift
    } else {
      // The ragged tail: padding lanes are −∞, whose exponential is 0.
      v = FloatVector(repeating: -.infinity)
      for j in k..<count { v[j - k] = x[j] - shift }
    }
    let e = exponential(v, boundedAbove: boundedAbove)
    total += e
    if let out {
      if full {
        UnsafeMutableRawPointer(out + k).storeBytes(of: e, as: FloatVector.self)
      } else {
        for j in k..<count { out[j] = e[j - k] }
      }
    }
    k += width
  }
  return total.sum()
}

/// `eᵛ` in every lane: the arithmetic of ``exponentiate(_:count:shift:into:boundedAbove:)``,
/// for loops that do more than exponentiate (the fused kernels).
///
/// - Parameter boundedAbove: The caller guarantees every lane is `≀ 0` or NaN-free padding
///   `−∞`; see ``exponentiate(_:count:shift:into:boundedAbove:)``.
@inline(__always)
package func exponential(_ v: FloatVector, boundedAbove: Bool = false) -> FloatVector {
  let underflow: Float = -87.336_54
  let overflow: Float = 88.722_83
  let magic: Float = 12_582_912  // 1.5·2²³
  let magicBits = unsafeBitCast(FloatVector(repeating: magic), to: SIMD16<Int32>.self)
  let bias = SIMD16<Int32>(repeating: 127)
  var clamped = v.replacing(with: underflow, where: v .< underflow)
  if !boundedAbove { clamped.replace(with: overflow, where: clamped .> overflow) }
  let shifted = multiplyAdd(clamped, FloatVector(repeating: 1.442_695_04), FloatVector(repeating: magic))
  let n = shifted - magic
  var r = multiplyAdd(n, FloatVector(repeating: -0.693_359_375), clamped)
  r = multiplyAdd(n, FloatVector(repeating: 2.121_944_4e-4), r)
  var p = FloatVector(repeating: 1.987_569_15e-4)
  p = multiplyAdd(p, r, FloatVector(repeating: 1.398_199_950_7e-3))
  p = multiplyAdd(p, r, FloatVector(repeating: 8.333_451_907_3e-3))
  p = multiplyAdd(p, r, FloatVector(repeating: 4.166_579_589_4e-2))
  p = multiplyAdd(p, r, FloatVector(repeating: 1.666_666_545_9e-1))
  p = multiplyAdd(p, r, FloatVector(repeating: 5.000_000_120_1e-1))
  p = multiplyAdd(p, r * r, r + 1)
  let integer = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- magicBits
  var e: FloatVector
  if boundedAbove {
    e = p * unsafeBitCast((integer &+ bias) &<< 23, to: FloatVector.self)
    e.replace(with: 0, where: v .< underflow)
  } else {
    // 2ⁿ in two halves, so that n = 128 (x near the overflow bound) stays representable.
    let half = integer &>> 1
    let scaleA = unsafeBitCast((half &+ bias) &<< 23, to: FloatVector.self)
    let scaleB = unsafeBitCast((integer &- half &+ bias) &<< 23, to: FloatVector.self)
    e = p * scaleA * scaleB
    e.replace(with: 0, where: v .< underflow)
    e.replace(with: .infinity, where: v .> overflow)
    e.replace(with: .nan, where: v .!= v)
  }
  return e
}

/// `eᵛ` in every lane for `v < 88`, the cross-entropy kernel's exponential: accurate to 0.9 ulp
/// (1.2 without fused multiply-add), with nine multiply-adds and no multiplication besides.
///
/// The reduction is that of ``exponential(_:boundedAbove:)``; `eʳ` is a degree-6 polynomial
/// evaluated by Horner's rule down to `1 + r·(1 + r·(…))`, its five coefficients fitted for the
/// least largest relative error on `|r| ≀ ln 2 / 2` (5% of an ulp), and `2ⁿ` is applied by adding
/// `n` to the exponent bits of the polynomial. That addition is exact while the result is a
/// normal float, which it is for every `v` in `[−87.33654, 88)`; below, the lane gives 0
/// (masked, like `−∞`). There is no clamp and no NaN handling: NaN and `v ≥ 88` give garbage
/// (never a trap), so the caller must know that no lane holds them or discard the result when
/// one did (the kernel scans the same values for NaN and its maximum). On Zen 4 a 16-lane
/// multiply-add takes the two multiply pipes for a cycle, so the multiply-adds set the pace:
/// 9 here against 11 in ``exponential(_:boundedAbove:)``, 3.05 against 3.7 ns per vector in L1.
@inline(__always)
package func exponentialInRange(_ v: FloatVector) -> FloatVector {
  let underflow: Float = -87.336_54
  let magic: Float = 12_582_912  // 1.5·2²³
  let shifted = multiplyAdd(v, FloatVector(repeating: 1.442_695_04), FloatVector(repeating: magic))
  let n = shifted - magic
  var r = multiplyAdd(n, FloatVector(repeating: -0.693_359_375), v)
  r = multiplyAdd(n, FloatVector(repeating: 2.121_944_4e-4), r)
  var p = FloatVector(repeating: Float(bitPattern: 0x3AB5_121A))  // 1.381460e-3
  p = multiplyAdd(p, r, FloatVector(repeating: Float(bitPattern: 0x3C09_1CF1)))  // 8.368717e-3
  p = multiplyAdd(p, r, FloatVector(repeating: Float(bitPattern: 0x3D2A_AC79)))  // 4.166839e-2
  p = multiplyAdd(p, r, FloatVector(repeating: Float(bitPattern: 0x3E2A_AA49)))  // 1.666652e-1
  p = multiplyAdd(p, r, FloatVector(repeating: Float(bitPattern: 0x3EFF_FFFE)))  // 4.999999e-1
  p = multiplyAdd(p, r, FloatVector(repeating: 1))
  p = multiplyAdd(p, r, FloatVector(repeating: 1))
  // n sits in the low bits of `shifted` (the 1.5·2²³ trick); shifted left by 23 it is n·2²³.
  let exponent = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &<< 23
  let scaled = unsafeBitCast(unsafeBitCast(p, to: SIMD16<Int32>.self) &+ exponent, to: FloatVector.self)
  return scaled.replacing(with: 0, where: v .< underflow)
}

/// `a·b + c`, fused where the target has fused multiply-add.
@inline(__always)
func multiplyAdd(_ a: FloatVector, _ b: FloatVector, _ c: FloatVector) -> FloatVector {
  #if LOSSSCOPE_FMA
    c.addingProduct(a, b)
  #else
    a * b + c
  #endif
}

/// `eˣ` for each lane of one vector, through ``exponentiate(_:count:shift:into:)``.
package func vectorExp(_ x: FloatVector) -> FloatVector {
  var input = x
  var output = FloatVector()
  withUnsafePointer(to: &input) { source in
    withUnsafeMutablePointer(to: &output) { target in
      source.withMemoryRebound(to: Float.self, capacity: FloatVector.scalarCount) { x in
        target.withMemoryRebound(to: Float.self, capacity: FloatVector.scalarCount) { out in
          _ = exponentiate(x, count: FloatVector.scalarCount, shift: 0, into: out)
        }
      }
    }
  }
  return output
}
