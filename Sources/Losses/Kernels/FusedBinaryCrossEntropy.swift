import Dispatch
import Foundation

/// Binary cross-entropy on logits, loss and gradient in one pass, sixteen elements at a time.
///
/// Per element, with `e = exp(−|x|)` (the one exponential, never of a positive number),
/// `lw = 1 + (pw − 1)·y` and `σ = 1/(1 + e)` for `x ≥ 0`, `e/(1 + e)` otherwise:
///
///     ℓ = w · ((1 − y)·x + lw · (log1p(e) + max(−x, 0)))
///     ∂ℓ/∂x = w · ((pw·y + 1 − y)·σ − pw·y)
///
/// the same stable form and PyTorch closed-form gradient as the scalar reference
/// (``binaryCrossEntropyWithLogitsReference(_:target:weight:posWeight:reduction:)``), with the
/// linear part regrouped as `(1 − y)·x` for `x ≥ 0` and `−x·pw·y` below, so that no two large
/// terms cancel in float32 (at `x = −100, y = 0` the loss is `log1p(e)` exactly, not
/// `−100 + 100.000…`). The gradient is taken as `(1 − y)·σ − pw·y·(1 − σ)`, with `σ` and `1 − σ`
/// each computed directly. It runs in float32 lanes with ``exponentialInRange(_:)`` and a `log1p`
/// for arguments in `[0, 1]`. NaN logits give NaN,
/// `±∞` give what the formula gives (as in the reference).
package enum FusedBinaryCrossEntropy {
  /// Runs the kernel over `count` elements.
  ///
  /// - Parameters:
  ///   - logits: The inputs `x`.
  ///   - targets: `y`, as many.
  ///   - count: How many elements each pointer holds.
  ///   - weight: Elementwise weights `w` (already broadcast), or `nil` for ones.
  ///   - posWeight: Positive-term weights `pw` (already broadcast), or `nil` for ones.
  ///   - gradientScale: Multiplies every gradient element (`1/n` for `mean`).
  ///   - gradient: Where to write the gradient, or `nil`. May be the logits' memory.
  ///   - losses: Where to write each element's loss, or `nil`.
  ///   - threads: How many threads share the elements.
  /// - Returns: The sum of the losses (summed in float32 lanes per block of 4,096, then in
  ///   double precision).
  package static func run(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
    weight: UnsafePointer<Float>?, posWeight: UnsafePointer<Float>?, gradientScale: Float,
    gradient: UnsafeMutablePointer<Float>?, losses: UnsafeMutablePointer<Float>?, threads: Int = 1
  ) -> Double {
    let kernel = Kernel(
      logits: logits, targets: targets, weight: weight, posWeight: posWeight, scale: gradientScale,
      gradient: gradient, losses: losses)
    // Below a block per thread, threads cost more than they save.
    let workers = Swift.max(1, Swift.min(threads, count / Kernel.block))
    if workers == 1 { return kernel.run(0..<count) }
    let partials = UnsafeMutableBufferPointer<Double>.allocate(capacity: workers)
    defer { partials.deallocate() }
    let partialsAddress = UInt(bitPattern: partials.baseAddress!)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      // Split on block boundaries so every thread but the last runs whole vectors.
      let blocks = (count + Kernel.block - 1) / Kernel.block
      let start = Swift.min(count, blocks * worker / workers * Kernel.block)
      let end =
        worker == workers - 1
        ? count : Swift.min(count, blocks * (worker + 1) / workers * Kernel.block)
      UnsafeMutablePointer<Double>(bitPattern: partialsAddress)![worker] = kernel.run(start..<end)
    }
    return partials.reduce(0, +)
  }
}

/// The pointers and the loop of ``FusedBinaryCrossEntropy``.
private struct Kernel: @unchecked Sendable {
  /// Elements summed in float32 lanes before the block's sum goes into a double.
  static let block = 4096

  let logits: UnsafePointer<Float>
  let targets: UnsafePointer<Float>
  let weight: UnsafePointer<Float>?
  let posWeight: UnsafePointer<Float>?
  let scale: Float
  let gradient: UnsafeMutablePointer<Float>?
  let losses: UnsafeMutablePointer<Float>?

  init(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
    posWeight: UnsafePointer<Float>?, scale: Float, gradient: UnsafeMutablePointer<Float>?,
    losses: UnsafeMutablePointer<Float>?
  ) {
    self.logits = logits
    self.targets = targets
    self.weight = weight
    self.posWeight = posWeight
    self.scale = scale
    self.gradient = gradient
    self.losses = losses
  }

  /// Runs a range of elements and returns their loss sum. Never inlined, so that its loop is
  /// compiled once with ``exponentialInRange(_:)`` inlined into it.
  @inline(never)
  func run(_ range: Range<Int>) -> Double {
    let width = FloatVector.scalarCount
    var total = 0.0
    var start = range.lowerBound
    while start < range.upperBound {
      let end = Swift.min(start + Self.block, range.upperBound)
      var blockSum = FloatVector(repeating: 0)
      // Whole vectors end at `whole`; the count cannot overflow below it, so it is not checked.
      let whole = start + (end - start) / width * width
      var k = start
      while k < whole {
        let (loss, slope) = element(
          x: load(logits, k), y: load(targets, k), w: weight.map { load($0, k) },
          pw: posWeight.map { load($0, k) })
        blockSum += loss
        if let losses {
          UnsafeMutableRawPointer(losses + k).storeBytes(of: loss, as: FloatVector.self)
        }
        if let gradient {
          UnsafeMutableRawPointer(gradient + k).storeBytes(of: slope, as: FloatVector.self)
        }
        k &+= width
      }
      var sum = Double(blockSum.sum())
      if k < end {
        // The ragged tail, padded with x = 0, y = 0 and weights 1; only real lanes are kept.
        var x = FloatVector(repeating: 0), y = FloatVector(repeating: 0)
        var w = FloatVector(repeating: 1), pw = FloatVector(repeating: 1)
        for j in k..<end {
          x[j - k] = logits[j]
          y[j - k] = targets[j]
          if let weight { w[j - k] = weight[j] }
          if let posWeight { pw[j - k] = posWeight[j] }
        }
        let (loss, slope) = element(
          x: x, y: y, w: weight == nil ? nil : w, pw: posWeight == nil ? nil : pw)
        for j in k..<end {
          sum += Double(loss[j - k])
          losses?[j] = loss[j - k]
          gradient?[j] = slope[j - k]
        }
      }
      total += sum
      start = end
    }
    return total
  }

  @inline(__always)
  private func load(_ p: UnsafePointer<Float>, _ k: Int) -> FloatVector {
    UnsafeRawPointer(p + k).loadUnaligned(as: FloatVector.self)
  }

  /// Sixteen losses and their (scaled) gradients.
  @inline(__always)
  private func element(x: FloatVector, y: FloatVector, w: FloatVector?, pw: FloatVector?) -> (
    FloatVector, FloatVector
  ) {
    let signMask = SIMD16<UInt32>(repeating: 0x7FFF_FFFF)
    let magnitude = unsafeBitCast(
      unsafeBitCast(x, to: SIMD16<UInt32>.self) & signMask, to: FloatVector.self)
    // Garbage for a NaN lane, whose loss is NaN through the linear part and whose slope is
    // made NaN below.
    let e = exponentialInRange(-magnitude)
    let one = FloatVector(repeating: 1)
    let reciprocal = one / (one + e)
    let negative = x .< 0
    let sigma = reciprocal.replacing(with: e * reciprocal, where: negative)
    let complement = (e * reciprocal).replacing(with: reciprocal, where: negative)
    var loss: FloatVector
    var slope: FloatVector
    if let pw {
      let positive = pw * y
      // (1 − y)·x + lw·max(−x, 0) without cancellation: (1 − y)·x for x ≥ 0, −x·pw·y below.
      let linear = ((one - y) * x).replacing(with: -x * positive, where: negative)
      loss = linear + (one + (pw - one) * y) * log1pUnit(e)
      slope = (one - y) * sigma - positive * complement
    } else {
      let linear = ((one - y) * x).replacing(with: -x * y, where: negative)
      loss = linear + log1pUnit(e)
      slope = sigma - y
    }
    // At x = −∞ the reference's (1 − y)·x + lw·(log1p(0) + max(−x, 0)) is (1 − y)·(−∞) + lw·∞,
    // as PyTorch's (1 − y)·x − lw·log σ(x) is: NaN for y ≀ 1, +∞ for a target above 1.
    let logWeight = pw.map { one + ($0 - one) * y } ?? one
    loss.replace(
      with: (one - y) * x + logWeight * FloatVector(repeating: .infinity),
      where: x .== -.infinity)
    slope.replace(with: .nan, where: x .!= x)
    if let w {
      loss *= w
      slope *= w
    }
    return (loss, slope * scale)
  }
}

/// `log(1 + e)` for `e` in `[0, 1]`, as `2·atanh(s)` with `s = e/(2 + e) ≀ 1/3`: no rounding of
/// `1 + e` (so tiny `e` keep their digits), and `atanh(s)/s − 1 = z·q(z)` with `z = s² ≀ 1/9`,
/// `q` a cubic fitted for the least largest relative error of the result (0.08 ulp before
/// rounding; the Taylor series needs seven terms for float32). `Benchmarks/fit_polynomials.py`
/// refits it.
@inline(__always)
package func log1pUnit(_ e: FloatVector) -> FloatVector {
  let s = e / (FloatVector(repeating: 2) + e)
  let z = s * s
  var q = FloatVector(repeating: 0.140_063_35)
  q = multiplyAdd(q, z, FloatVector(repeating: 0.140_008_39))
  q = multiplyAdd(q, z, FloatVector(repeating: 0.200_107_68))
  q = multiplyAdd(q, z, FloatVector(repeating: 0.333_332_09))
  let twoS = s + s
  return multiplyAdd(twoS * z, q, twoS)
}
