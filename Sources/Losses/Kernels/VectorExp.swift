/// The vector width the kernels work in.
package typealias FloatVector = SIMD16<Float>

/// `eᵛ` in every lane for `v < 88`, the kernels' exponential: accurate to 0.9 ulp (1.2 without
/// fused multiply-add), with nine multiply-adds and no multiplication besides.
///
/// Cody–Waite reduction `v = n·ln 2 + r` with `|r| ≀ ln 2 / 2` (ln 2 split into a short high part
/// and a correction, so `n·ln2_hi` is exact); `eʳ` as a degree-6 polynomial evaluated by Horner's
/// rule down to `1 + r·(1 + r·(…))`, its five other coefficients fitted for the least largest
/// relative error on that interval (5% of an ulp; `Benchmarks/fit_polynomials.py` refits them);
/// and `2ⁿ` applied by adding `n` to the
/// exponent bits of the polynomial. That addition is exact while the result is a normal float,
/// which it is for every `v` in `[−87.33654, 88)`; below, the lane gives 0 (masked), `−∞`
/// included. There is no clamp and no NaN handling: NaN and `v ≥ 88` give garbage (never a
/// trap), so a caller must know that no lane holds them or discard such lanes' results (the
/// cross-entropy kernel scans the same values for NaN and its maximum; the BCE kernel makes NaN
/// lanes NaN afterwards).
///
/// Why it looks the way it does (the measurements are in `README.md`):
/// - Only lane-wise arithmetic, comparisons and bit casts: the standard library's SIMD
///   `clamped`, `rounded` and float-to-integer conversions become one scalar call per lane on
///   Linux. `n` is rounded with the `1.5·2²³` trick, which also leaves `n` in the low mantissa
///   bits.
/// - The multiply-adds set the pace (on Zen 4 a 16-lane one takes both multiply pipes for a
///   cycle), so there are as few as the accuracy allows: nine.
/// - It must be inlined into the loop (a call per vector costs as much as the math). It is,
///   within this module's whole-module build.
/// - Fused multiply-adds only where the target has them (`LOSSSCOPE_FMA`, set in
///   `Package.swift`); elsewhere `addingProduct` would be a libm call per lane.
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
  let scaled = (unsafeBitCast(p, to: SIMD16<Int32>.self) &+ exponent).replacing(
    with: 0, where: v .< underflow)
  return unsafeBitCast(scaled, to: FloatVector.self)
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
