import Autograd
import Foundation
@testable import Losses
import Testing

/// The vectorized binary cross-entropy with logits against its scalar double-precision reference.
@Suite struct FusedBinaryCrossEntropyTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var shape: Shape
    var weighted: Bool
    var posWeighted: Bool
    var reduction: Reduction
    var testDescription: String { "\(shape) w=\(weighted) pw=\(posWeighted) \(reduction)" }
  }

  // Sizes straddle the 16-lane vector and the 4,096-element summing block.
  static let cases: [Case] = [[1], [15], [16], [17], [3, 33], [4097], [2, 3, 700]].flatMap { dims in
    [
      Case(shape: Shape(dims), weighted: false, posWeighted: false, reduction: .mean),
      Case(shape: Shape(dims), weighted: true, posWeighted: false, reduction: .sum),
      Case(shape: Shape(dims), weighted: false, posWeighted: true, reduction: .none),
      Case(shape: Shape(dims), weighted: true, posWeighted: true, reduction: .mean),
    ]
  }

  @Test(arguments: FusedBinaryCrossEntropyTests.cases)
  func agreesWithTheScalarReference(_ c: Case) throws {
    var generator = SeededGenerator(
      seed: UInt64(c.shape.count * 7 + (c.weighted ? 1 : 0) + (c.posWeighted ? 2 : 0)))
    let n = c.shape.count
    // Logits over the whole range the stable form must survive, including |x| = 100.
    var values = (0..<n).map { _ in Float.random(in: -20...20, using: &generator) }
    if n > 3 { values[0] = 100; values[1] = -100; values[2] = 0 }
    let targets = (0..<n).map { _ in Float.random(in: 0...1, using: &generator) }
    let weight =
      c.weighted
      ? Tensor((0..<n).map { _ in Float.random(in: 0...3, using: &generator) }, shape: c.shape)
      : nil
    // pos_weight per class along the last dimension, as PyTorch broadcasts it.
    let classes = c.shape.dims.last ?? 1
    let posWeight =
      c.posWeighted
      ? Tensor(
        (0..<classes).map { _ in Float.random(in: 0.2...5, using: &generator) }, shape: [classes])
      : nil
    let a = Tensor(values, shape: c.shape, requiresGrad: true)
    let b = Tensor(values, shape: c.shape, requiresGrad: true)
    let y = Tensor(targets, shape: c.shape)
    let fused = try binaryCrossEntropyWithLogits(
      a, target: y, weight: weight, posWeight: posWeight, reduction: c.reduction)
    let reference = try binaryCrossEntropyWithLogitsReference(
      b, target: y, weight: weight, posWeight: posWeight, reduction: c.reduction)
    let upstream = (0..<fused.count).map { Float($0 % 3) + 0.5 }
    fused.backward(gradient: upstream)
    reference.backward(gradient: upstream)
    #expect(fused.shape == reference.shape)
    expectClose(fused.data, reference.data, relative: 1e-5)
    // The gradient (1 − y)·σ − pw·y·(1 − σ) cancels where its two terms meet, in any float32
    // evaluation (PyTorch's included): each element is also allowed 1e-6 of its terms' size.
    let w = try expandWeight(weight, to: c.shape)
    let pw = try expandWeight(posWeight, to: c.shape)
    let scale: Float = c.reduction == .mean ? 1 / Float(n) : 1
    let terms = (0..<n).map { i in
      abs(upstream[c.reduction == .none ? i : 0]) * (w?[i] ?? 1) * (1 + (pw?[i] ?? 1) * targets[i])
        * scale
    }
    for i in 0..<n where !(abs(a.grad![i] - b.grad![i]) <= 1e-5 * abs(b.grad![i]) + 1e-6 * terms[i])
    {
      Issue.record("gradient element \(i): \(a.grad![i]) vs \(b.grad![i])")
      break
    }
  }

  @Test func log1pIsWithinTwoUlpOfFoundationOnTheUnitInterval() {
    // e = exp(−|x|) lies in [0, 1]: a million points across it, and tiny ones down to 1e-38.
    var worst: Float = 0
    var worstAt: Float = 0
    let points = (0...1_000_000).map { Float($0) / 1_000_000 } + (1...38).map { Float("1e-\($0)")! }
    for start in stride(from: 0, to: points.count, by: FloatVector.scalarCount) {
      var lanes = FloatVector(repeating: 0)
      for lane in 0..<FloatVector.scalarCount where start + lane < points.count {
        lanes[lane] = points[start + lane]
      }
      let approximate = log1pUnit(lanes)
      for lane in 0..<FloatVector.scalarCount where start + lane < points.count {
        let exact = Foundation.log1p(Double(lanes[lane]))
        let error =
          exact == 0
          ? Float(abs(approximate[lane]))
          : Float(abs(Double(approximate[lane]) - exact)) / Float(exact).ulp
        if error > worst {
          worst = error
          worstAt = lanes[lane]
        }
      }
    }
    #expect(worst <= 2, "worst error \(worst) ulp at e = \(worstAt)")
  }

  @Test func nonFiniteLogitsGiveWhatTheReferenceGives() throws {
    // NaNs with payloads too: the exponential gives garbage for NaN, and the kernel must not
    // rely on a payload of zeros carrying the NaN through it.
    let nans = [
      Float.nan, Float(bitPattern: 0x7F80_0001), Float(bitPattern: 0xFFC0_01FF),
      Float(bitPattern: 0x7FBF_FFFF),
    ]
    let values: [Float] =
      nans + [
        .infinity, -.infinity, .infinity, -.infinity, 0, 88, -88, 1e-30, -1e-30, 30, -30, 5, -5, 1,
        -1, 0.5,
      ]
    let targets: [Float] = [1, 0, 1, 0.5] + [0, 0, 1, 1, 0.5, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0.25]
    let a = Tensor(values, shape: [values.count], requiresGrad: true)
    let b = Tensor(values, shape: [values.count], requiresGrad: true)
    let y = Tensor(targets, shape: [values.count])
    let fused = try binaryCrossEntropyWithLogits(a, target: y, reduction: .none)
    let reference = try binaryCrossEntropyWithLogitsReference(b, target: y, reduction: .none)
    fused.backward(gradient: [Float](repeating: 1, count: values.count))
    reference.backward(gradient: [Float](repeating: 1, count: values.count))
    for i in values.indices {
      #expect(
        same(fused.data[i], reference.data[i]),
        "loss at x = \(values[i]): \(fused.data[i]) vs \(reference.data[i])")
      #expect(
        same(a.grad![i], b.grad![i]), "gradient at x = \(values[i]): \(a.grad![i]) vs \(b.grad![i])"
      )
    }
  }

  @Test func threadsAndInPlaceGiveTheSameAnswer() {
    var generator = SeededGenerator(seed: 5)
    let n = 3 * 4096 + 77
    let values = (0..<n).map { _ in Float.random(in: -8...8, using: &generator) }
    let targets = (0..<n).map { _ in Float(Int.random(in: 0...1, using: &generator)) }
    func run(threads: Int, inPlace: Bool) -> (Double, [Float]) {
      var logits = values
      var gradient = [Float](repeating: 0, count: n)
      let total = logits.withUnsafeMutableBufferPointer { x in
        targets.withUnsafeBufferPointer { y in
          gradient.withUnsafeMutableBufferPointer { g in
            FusedBinaryCrossEntropy.run(
              logits: x.baseAddress!, targets: y.baseAddress!, count: n, weight: nil,
              posWeight: nil,
              gradientScale: 1, gradient: inPlace ? x.baseAddress! : g.baseAddress!, losses: nil,
              threads: threads)
          }
        }
      }
      return (total, inPlace ? logits : gradient)
    }
    let (single, singleGradient) = run(threads: 1, inPlace: false)
    for (threads, inPlace) in [(2, false), (3, false), (1, true), (4, true)] {
      let (total, gradient) = run(threads: threads, inPlace: inPlace)
      #expect(abs(total - single) <= 1e-9 * abs(single))
      #expect(gradient == singleGradient)
    }
  }

  private func same(_ a: Float, _ b: Float) -> Bool {
    if b.isNaN { return a.isNaN }
    if b.isInfinite { return a == b }
    return abs(a - b) <= 1e-5 * max(abs(b), 1e-6)
  }

  private func expectClose(
    _ a: [Float], _ b: [Float], relative: Float, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    for (i, (x, y)) in zip(a, b).enumerated() where !(abs(x - y) <= relative * abs(y)) {
      Issue.record("element \(i): \(x) vs \(y)", sourceLocation: sourceLocation)
      return
    }
  }
}
