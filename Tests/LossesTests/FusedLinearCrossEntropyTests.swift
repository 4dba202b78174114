import Autograd
@testable import Losses
import Testing

/// The fused linear + cross-entropy against the composed Autograd graph, its micro-kernels
/// against plain loops, and its results across thread counts.
@Suite struct FusedLinearCrossEntropyTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var tokens: Int
    var hidden: Int
    var vocabulary: Int
    var probabilities = false
    var bias = false
    var weighted = false
    var smoothing: Float = 0
    var ignoreSome = false
    var reduction = Reduction.mean
    var testDescription: String {
      "N=\(tokens) D=\(hidden) V=\(vocabulary) probabilities=\(probabilities) bias=\(bias) "
        + "weighted=\(weighted) ε=\(smoothing) ignore=\(ignoreSome) \(reduction)"
    }
  }

  // Sizes straddle the micro-kernels' tiles (4 × 6 logits, 12 × 32 gradients, 16 lanes of D)
  // and the blocks of tokens (N = 300 takes two blocks); upstream gradients are not all ones,
  // so `none` takes its second pass.
  static let cases: [Case] = [
    Case(tokens: 1, hidden: 1, vocabulary: 1),
    Case(tokens: 3, hidden: 5, vocabulary: 7, bias: true, reduction: .sum),
    Case(tokens: 4, hidden: 16, vocabulary: 6, weighted: true, ignoreSome: true),
    Case(tokens: 13, hidden: 33, vocabulary: 97, bias: true, weighted: true, smoothing: 0.2),
    Case(tokens: 9, hidden: 17, vocabulary: 130, smoothing: 0.1, reduction: .none),
    Case(tokens: 7, hidden: 40, vocabulary: 50, probabilities: true, bias: true, weighted: true),
    Case(
      tokens: 5, hidden: 3, vocabulary: 31, probabilities: true, smoothing: 0.3, reduction: .none),
    Case(tokens: 300, hidden: 19, vocabulary: 45, bias: true, ignoreSome: true, reduction: .sum),
    Case(tokens: 37, hidden: 64, vocabulary: 389, bias: true, weighted: true, ignoreSome: true),
  ]

  @Test(arguments: FusedLinearCrossEntropyTests.cases)
  func agreesWithTheComposedGraph(_ c: Case) throws {
    let (fused, composed) = try FusedLinearCrossEntropyTests.both(c, threads: 1)
    #expect(fused.loss.count == composed.loss.count)
    for (a, b) in zip(fused.loss, composed.loss) { expectFloatClose(a, b, "loss") }
    for (name, a, b) in [
      ("input", fused.input, composed.input), ("linear_weight", fused.weight, composed.weight),
      ("linear_bias", fused.bias, composed.bias),
    ] {
      #expect(a.count == b.count, "\(name)")
      let largest = b.map { Swift.abs($0) }.max() ?? 0
      for (x, y) in zip(a, b) { expectFloatClose(x, y, name, floor: largest * 1e-5) }
    }
  }

  /// Against the scalar reference at a size with two blocks of tokens, every tile edge and
  /// both target kinds; the kernel's own entry point, two threads.
  @Test(arguments: [false, true])
  func agreesWithTheScalarReference(probabilities: Bool) {
    let fixture = Self.kernelFixture(probabilities: probabilities)
    let fused = fixture.run(threads: 2, budget: FusedLinearCrossEntropy.panelBudget)
    let reference = fixture.reference()
    fused.expectClose(to: reference)
  }

  @Test func resultsAreIdenticalForOneTwoAndThreeThreads() throws {
    // Two blocks of tokens, vocabulary shares that fall inside tiles for 2 and 3 threads.
    let c = Case(
      tokens: 300, hidden: 45, vocabulary: 1001, bias: true, weighted: true, smoothing: 0.1,
      ignoreSome: true)
    let one = try FusedLinearCrossEntropyTests.both(c, threads: 1, composed: false).fused
    for threads in [2, 3] {
      let other = try FusedLinearCrossEntropyTests.both(c, threads: threads, composed: false).fused
      #expect(other.loss == one.loss, "\(threads) threads")
      #expect(other.input == one.input, "\(threads) threads")
      #expect(other.weight == one.weight, "\(threads) threads")
      #expect(other.bias == one.bias, "\(threads) threads")
    }
  }

  @Test func theDotTileAgreesBitForBitWithOneDotProduct() {
    for hidden in [1, 15, 16, 17, 100] {
      var generator = SeededGenerator(seed: UInt64(hidden))
      let x = (0..<(4 * hidden)).map { _ in Float.random(in: -1...1, using: &generator) }
      let w = (0..<(6 * hidden)).map { _ in Float.random(in: -1...1, using: &generator) }
      var out = [Float](repeating: 0, count: 24)
      x.withUnsafeBufferPointer { x in
        w.withUnsafeBufferPointer { w in
          out.withUnsafeMutableBufferPointer { out in
            DotMicroKernel.tile(
              x: x.baseAddress!, xStride: hidden, w: w.baseAddress!, wStride: hidden,
              count: hidden, out: out.baseAddress!, outRowStride: 6)
            for t in 0..<4 {
              for v in 0..<6 {
                let single = DotMicroKernel.dotProduct(
                  x.baseAddress! + t * hidden, w.baseAddress! + v * hidden, count: hidden)
                #expect(out[t * 6 + v] == single, "D=\(hidden) t=\(t) v=\(v)")
                var exact = 0.0
                for k in 0..<hidden {
                  exact += Double(x[t * hidden + k]) * Double(w[v * hidden + k])
                }
                #expect(Swift.abs(Double(single) - exact) <= 1e-5 * Double(hidden))
              }
            }
          }
        }
      }
    }
  }

  @Test func theOuterKernelAddsTheProductOnEveryTileAndEdge() {
    for (rows, columns, depth) in [(12, 32, 5), (13, 33, 7), (1, 1, 1), (25, 70, 16), (11, 31, 3)] {
      var generator = SeededGenerator(seed: UInt64(rows * 100 + columns))
      // A(r, k) = a[k·aStride + r] with aStride > rows, B(k, j) = b[k·bStride + j].
      let (aStride, bStride, cStride) = (rows + 3, columns + 5, columns + 2)
      let a = (0..<(depth * aStride)).map { _ in Float.random(in: -1...1, using: &generator) }
      let b = (0..<(depth * bStride)).map { _ in Float.random(in: -1...1, using: &generator) }
      var c = (0..<(rows * cStride)).map { _ in Float.random(in: -1...1, using: &generator) }
      var expected = c
      for r in 0..<rows {
        for j in 0..<columns {
          var sum = Double(c[r * cStride + j])
          for k in 0..<depth { sum += Double(a[k * aStride + r]) * Double(b[k * bStride + j]) }
          expected[r * cStride + j] = Float(sum)
        }
      }
      var scratch = [Float](repeating: .nan, count: OuterMicroKernel.scratchCount(depth: depth))
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          c.withUnsafeMutableBufferPointer { c in
            scratch.withUnsafeMutableBufferPointer { s in
              OuterMicroKernel.accumulateProduct(
                rowCount: rows, columnCount: columns, depth: depth, a: a.baseAddress!,
                aStride: aStride, b: b.baseAddress!, bStride: bStride, c: c.baseAddress!,
                cStride: cStride, scratch: s.baseAddress!)
            }
          }
        }
      }
      for i in 0..<c.count {
        // Elements outside the matrix (the stride's padding) are left alone.
        #expect(Swift.abs(c[i] - expected[i]) <= 1e-5, "\(rows)×\(columns)×\(depth) at \(i)")
      }
    }
  }

  @Test func theBlockOfLogitsStaysWithinItsBudget() {
    #expect(BlockPlan(tokens: 1024, vocabulary: 50257).blockTokens == 148)
    #expect(BlockPlan(tokens: 1024, vocabulary: 50257).isChunked == false)
    #expect(BlockPlan(tokens: 3, vocabulary: 10).blockTokens == 4)
    #expect(BlockPlan(tokens: 300, vocabulary: 10).blockTokens == 152)
    for vocabulary in [1, 1000, 50257, 200_000, 262_144, 262_145, 1_000_000, 10_000_000] {
      for tokens in [1, 31, 1024, 10_000] {
        let plan = BlockPlan(tokens: tokens, vocabulary: vocabulary)
        #expect(plan.panelFloats * 4 <= FusedLinearCrossEntropy.panelBudget, "V=\(vocabulary)")
        // Chunked only past 262,144 entries, and only when the block's tokens need it.
        if vocabulary <= 262_144 { #expect(!plan.isChunked, "V=\(vocabulary) N=\(tokens)") }
        #expect(plan.isChunked == (plan.blockTokens * vocabulary > 8_388_608))
      }
    }
    // Past 262,144 entries, 256 tokens and chunks of 32,640 (85 × 384).
    let large = BlockPlan(tokens: 1024, vocabulary: 1_000_000)
    #expect(large.blockTokens == 256 && large.chunkWidth == 32_640)
  }

  /// The chunked path (the vocabulary in chunks of 384 here, a 64 KB budget) against the scalar
  /// reference, both target kinds, with weights, smoothing, bias and ignored rows.
  @Test(arguments: [false, true])
  func theChunkedPathAgreesWithTheScalarReference(probabilities: Bool) {
    let fixture = Self.kernelFixture(probabilities: probabilities)
    #expect(BlockPlan(tokens: 301, vocabulary: 1_003, budget: 64 << 10).chunkWidth == 384)
    let chunked = fixture.run(threads: 2, budget: 64 << 10)
    let reference = fixture.reference()
    chunked.expectClose(to: reference)
    // Identical for any thread count here too.
    for threads in [1, 3] {
      let other = fixture.run(threads: threads, budget: 64 << 10)
      #expect(other.losses == chunked.losses && other.input == chunked.input, "\(threads)")
      #expect(other.weight == chunked.weight && other.bias == chunked.bias, "\(threads)")
    }
  }

  /// A row with NaN among its logits is NaN in both paths, an ignored one 0, the rest agree.
  @Test func aPoisonedRowIsNaNInTheChunkedPathAsInTheWholeOne() {
    var fixture = Self.kernelFixture(probabilities: false)
    for k in 0..<fixture.hidden { fixture.x[5 * fixture.hidden + k] = k == 3 ? .nan : 0.5 }
    for k in 0..<fixture.hidden { fixture.x[7 * fixture.hidden + k] = k == 3 ? .nan : 0.5 }
    guard case .classes(var indices) = fixture.problem.target else { return }
    indices[7] = -100
    fixture.problem.target = .classes(indices)
    let whole = fixture.run(threads: 1, budget: FusedLinearCrossEntropy.panelBudget)
    let chunked = fixture.run(threads: 1, budget: 64 << 10)
    #expect(whole.losses[5].isNaN && chunked.losses[5].isNaN)
    #expect(whole.losses[7] == 0 && chunked.losses[7] == 0)
    for t in whole.losses.indices where t != 5 && t != 7 {
      #expect(close(chunked.losses[t], whole.losses[t], floor: 1e-6), "row \(t)")
    }
  }

  // MARK: - Helpers

  /// 301 tokens × 70 features × 1,003 classes with weights, smoothing 0.1, a bias and (class
  /// indices) every seventh row ignored: two blocks of tokens and every tile edge.
  struct KernelFixture {
    var hidden = 70
    var x: [Float]
    var w: [Float]
    var b: [Float]
    var problem: FusedLinearCrossEntropy.Problem
    let scale: Float = 1 / 300

    struct Run {
      var total: Double
      var losses: [Float]
      var input: [Float]
      var weight: [Float]
      var bias: [Float]

      /// Every result within 1e-4 of the reference's, relative, or 1e-5 of its largest value.
      func expectClose(
        to reference: LinearCrossEntropyReference.Results,
        sourceLocation: SourceLocation = #_sourceLocation
      ) {
        expectFloatClose(
          Float(total), Float(reference.total), "total", sourceLocation: sourceLocation)
        for (name, got, want) in [
          ("row losses", losses, reference.rowLosses), ("input", input, reference.input),
          ("linear_weight", weight, reference.weight), ("linear_bias", bias, reference.bias),
        ] {
          let largest = Float(want.map { Swift.abs($0) }.max() ?? 0)
          for i in got.indices where !close(got[i], Float(want[i]), floor: largest * 1e-5) {
            Issue.record("\(name)[\(i)]: \(got[i]) vs \(want[i])", sourceLocation: sourceLocation)
            break
          }
        }
      }
    }

    func run(threads: Int, budget: Int) -> Run {
      let (n, d, v) = (problem.tokens, problem.hidden, problem.vocabulary)
      var out = Run(
        total: 0, losses: [Float](repeating: .nan, count: n),
        input: [Float](repeating: .nan, count: n * d),
        weight: [Float](repeating: .nan, count: v * d),
        bias: [Float](repeating: .nan, count: v))
      out.total = x.withUnsafeBufferPointer { x in
        w.withUnsafeBufferPointer { w in
          b.withUnsafeBufferPointer { b in
            out.input.withUnsafeMutableBufferPointer { dx in
              out.weight.withUnsafeMutableBufferPointer { dw in
                out.bias.withUnsafeMutableBufferPointer { db in
                  out.losses.withUnsafeMutableBufferPointer { losses in
                    FusedLinearCrossEntropy.run(
                      input: x.baseAddress!, linearWeight: w.baseAddress!, bias: b.baseAddress!,
                      problem: problem, gradientScale: scale,
                      gradients: .init(
                        input: dx.baseAddress, weight: dw.baseAddress, bias: db.baseAddress,
                        rowLosses: losses.baseAddress), threads: threads, panelBudget: budget)
                  }
                }
              }
            }
          }
        }
      }
      return out
    }

    func reference() -> LinearCrossEntropyReference.Results {
      LinearCrossEntropyReference.run(
        input: x, linearWeight: w, bias: b, problem: problem, gradientScale: Double(scale))
    }
  }

  static func kernelFixture(probabilities: Bool) -> KernelFixture {
    let (n, d, v) = (301, 70, 1_003)
    var generator = SeededGenerator(seed: probabilities ? 2 : 1)
    func values(_ count: Int, _ range: ClosedRange<Float>) -> [Float] {
      (0..<count).map { _ in Float.random(in: range, using: &generator) }
    }
    let x = values(n * d, -1...1)
    let w = values(v * d, -0.3...0.3)
    let b = values(v, -1...1)
    let weight = values(v, 0.2...2)
    var target = FusedLinearCrossEntropy.Target.classes(
      (0..<n).map { $0 % 7 == 0 ? -100 : Int.random(in: 0..<v, using: &generator) })
    if probabilities {
      var p = values(n * v, 0...1)
      for t in 0..<n {
        let sum = p[(t * v)..<((t + 1) * v)].reduce(0, +)
        for c in 0..<v { p[t * v + c] /= sum }
      }
      target = .probabilities(p)
    }
    return KernelFixture(
      x: x, w: w, b: b,
      problem: FusedLinearCrossEntropy.Problem(
        tokens: n, hidden: d, vocabulary: v, target: target, weight: weight, ignoreIndex: -100,
        labelSmoothing: 0.1))
  }

  struct Outputs {
    var loss: [Float]
    var input: [Float]
    var weight: [Float]
    var bias: [Float]
  }

  static func both(_ c: Case, threads: Int, composed wantsComposed: Bool = true) throws -> (
    fused: Outputs, composed: Outputs
  ) {
    var generator = SeededGenerator(seed: UInt64(c.tokens * 7919 + c.hidden * 31 + c.vocabulary))
    func values(_ count: Int, _ range: ClosedRange<Float>) -> [Float] {
      (0..<count).map { _ in Float.random(in: range, using: &generator) }
    }
    let x = values(c.tokens * c.hidden, -1...1)
    let w = values(c.vocabulary * c.hidden, -1...1)
    let b = c.bias ? values(c.vocabulary, -1...1) : nil
    let weight = c.weighted ? values(c.vocabulary, 0.1...3) : nil
    let target: CrossEntropyTarget
    if c.probabilities {
      var p = values(c.tokens * c.vocabulary, 0...1)
      for t in 0..<c.tokens {
        let sum = p[(t * c.vocabulary)..<((t + 1) * c.vocabulary)].reduce(0, +)
        for v in 0..<c.vocabulary { p[t * c.vocabulary + v] /= sum }
      }
      target = .probabilities(p, shape: [c.tokens, c.vocabulary])
    } else {
      var indices = (0..<c.tokens).map { _ in Int.random(in: 0..<c.vocabulary, using: &generator) }
      if c.ignoreSome { indices[0] = -100 }
      target = .classes(indices, shape: [c.tokens])
    }
    let upstream = (0..<(c.reduction == .none ? c.tokens : 1)).map { Float($0 % 3) + 0.5 }
    func outputs(fused: Bool) throws -> Outputs {
      let input = Tensor(x, shape: [c.tokens, c.hidden], requiresGrad: true)
      let linearWeight = Tensor(w, shape: [c.vocabulary, c.hidden], requiresGrad: true)
      let bias = b.map { Tensor($0, shape: [c.vocabulary], requiresGrad: true) }
      let loss =
        fused
        ? try linearCrossEntropy(
          input, linearWeight: linearWeight, target: target, linearBias: bias, weight: weight,
          labelSmoothing: c.smoothing, reduction: c.reduction, threads: threads)
        : try linearCrossEntropyComposed(
          input, linearWeight: linearWeight, target: target, linearBias: bias, weight: weight,
          labelSmoothing: c.smoothing, reduction: c.reduction)
      loss.backward(gradient: upstream)
      return Outputs(
        loss: loss.data, input: input.grad ?? [], weight: linearWeight.grad ?? [],
        bias: bias?.grad ?? [])
    }
    let fused = try outputs(fused: true)
    return (fused, wantsComposed ? try outputs(fused: false) : fused)
  }
}

/// Whether `a` is within 1e-4 of `b` relative, or within `floor`.
private func close(_ a: Float, _ b: Float, floor: Float) -> Bool {
  a == b || Swift.abs(a - b) <= Swift.max(1e-4 * Swift.abs(b), floor)
}

/// `a` within 1e-4 of `b` relative, or within `floor`.
private func expectFloatClose(
  _ a: Float, _ b: Float, _ what: String, floor: Float = 1e-6,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let ok = a == b || Swift.abs(a - b) <= Swift.max(1e-4 * Swift.abs(b), floor)
  #expect(ok, "\(what): \(a) vs \(b)", sourceLocation: sourceLocation)
}
