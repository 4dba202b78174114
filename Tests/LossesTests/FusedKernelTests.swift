import Evaluation
import JSON
import Autograd
import Foundation
@testable import Losses
import Testing

/// The fused cross-entropy kernel against the composed Autograd graph.
@Suite struct FusedKernelTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var rows: Int
    var classes: Int
    var weighted: Bool
    var smoothing: Float
    var ignoreSome: Bool
    var reduction: Reduction
    var testDescription: String {
      "\(rows)×\(classes) weighted=\(weighted) ε=\(smoothing) ignore=\(ignoreSome) \(reduction)"
    }
  }

  // Class counts straddle the 16-lane vector width (ragged tails, exact multiples, tiny rows)
  // and the 512 logits whose maximum is the kernel's guessed shift.
  static let cases: [Case] = [1, 2, 7, 15, 16, 17, 33, 100, 257, 512, 513, 1000, 4099].flatMap {
    classes in
    [
      Case(
        rows: 3, classes: classes, weighted: false, smoothing: 0, ignoreSome: false,
        reduction: .mean),
      Case(
        rows: 5, classes: classes, weighted: true, smoothing: 0, ignoreSome: true, reduction: .mean),
      Case(
        rows: 4, classes: classes, weighted: true, smoothing: 0.2, ignoreSome: true, reduction: .sum
      ),
      Case(
        rows: 6, classes: classes, weighted: false, smoothing: 0.1, ignoreSome: false,
        reduction: .none),
    ]
  }

  @Test(arguments: FusedKernelTests.cases)
  func agreesWithTheComposedGraph(_ c: Case) throws {
    var generator = SeededGenerator(seed: UInt64(c.rows * 1000 + c.classes))
    let values = (0..<(c.rows * c.classes)).map { _ in Float.random(in: -6...6, using: &generator) }
    var targets = (0..<c.rows).map { _ in Int.random(in: 0..<c.classes, using: &generator) }
    if c.ignoreSome { targets[0] = -100 }
    let weight =
      c.weighted ? (0..<c.classes).map { _ in Float.random(in: 0.1...3, using: &generator) } : nil
    let fusedInput = Tensor(values, shape: [c.rows, c.classes], requiresGrad: true)
    let composedInput = Tensor(values, shape: [c.rows, c.classes], requiresGrad: true)
    let target = CrossEntropyTarget.classes(targets, shape: [c.rows])
    let fused = try FusedCrossEntropy.loss(
      fusedInput, target: targets, targetShape: [c.rows], weight: weight, ignoreIndex: -100,
      labelSmoothing: c.smoothing, reduction: c.reduction)
    let composed = try crossEntropyComposed(
      composedInput, target: target, weight: weight, labelSmoothing: c.smoothing,
      reduction: c.reduction)
    let upstream = (0..<fused.count).map { Float($0 % 3) + 0.5 }
    fused.backward(gradient: upstream)
    composed.backward(gradient: upstream)
    #expect(fused.shape == composed.shape)
    expectRelative(fused.data, composed.data, 1e-5)
    expectRelative(fusedInput.grad!, composedInput.grad!, 1e-5)
  }

  @Test func inPlaceGradientOverwritesTheLogits() throws {
    var generator = SeededGenerator(seed: 9)
    let rows = 3, classes = 37
    var logits = (0..<(rows * classes)).map { _ in Float.random(in: -4...4, using: &generator) }
    let copy = Tensor(logits, shape: [rows, classes], requiresGrad: true)
    let problem = FusedCrossEntropy.Problem(
      classes: classes, targets: [1, 36, 0], weight: nil, ignoreIndex: -100, labelSmoothing: 0.1)
    let total = logits.withUnsafeMutableBufferPointer { buffer in
      FusedCrossEntropy.run(
        logits: buffer.baseAddress!, problem: problem, gradientScale: 1 / 3,
        gradient: buffer.baseAddress!, rowLosses: nil)
    }
    let reference = try crossEntropyComposed(
      copy, target: .classes([1, 36, 0], shape: [3]), labelSmoothing: 0.1)
    reference.backward()
    expectRelative([Float(total / 3)], reference.data, 1e-5)
    expectRelative(logits, copy.grad!, 1e-5)
  }

  @Test func threadsGiveTheSameAnswer() {
    var generator = SeededGenerator(seed: 11)
    let rows = 37, classes = 301
    let logits = (0..<(rows * classes)).map { _ in Float.random(in: -5...5, using: &generator) }
    let targets = (0..<rows).map { _ in Int.random(in: 0..<classes, using: &generator) }
    let problem = FusedCrossEntropy.Problem(
      classes: classes, targets: targets, weight: nil, ignoreIndex: -100, labelSmoothing: 0)
    func run(threads: Int) -> (Double, [Float]) {
      var gradient = [Float](repeating: 0, count: rows * classes)
      let total = logits.withUnsafeBufferPointer { x in
        gradient.withUnsafeMutableBufferPointer { g in
          FusedCrossEntropy.run(
            logits: x.baseAddress!, problem: problem, gradientScale: 1, gradient: g.baseAddress,
            rowLosses: nil, threads: threads)
        }
      }
      return (total, gradient)
    }
    let (single, singleGradient) = run(threads: 1)
    let (multi, multiGradient) = run(threads: 4)
    #expect(abs(single - multi) <= 1e-9 * abs(single))
    #expect(singleGradient == multiGradient)
  }

  /// The kernel aligns its vectors on the gradient's cache lines, so where they begin in a row
  /// depends on where the gradient was allocated; the lane sums are kept by residue so that the
  /// answer does not. Every one of the 16 offsets (and the logits at every offset, in place)
  /// must give the same bits.
  @Test(arguments: [(false, Float(0)), (true, Float(0)), (true, Float(0.1))])
  func answersDoNotDependOnWhereTheGradientLies(weighted: Bool, smoothing: Float) {
    var generator = SeededGenerator(seed: 31)
    let rows = 5, classes = 1003
    let values = (0..<(rows * classes)).map { _ in Float.random(in: -9...9, using: &generator) }
    let targets = (0..<rows).map { _ in Int.random(in: 0..<classes, using: &generator) }
    let weight =
      weighted ? (0..<classes).map { _ in Float.random(in: 0.1...3, using: &generator) } : nil
    let problem = FusedCrossEntropy.Problem(
      classes: classes, targets: targets, weight: weight, ignoreIndex: -100,
      labelSmoothing: smoothing)
    for inPlace in [false, true] {
      var answers: [(Double, [Float])] = []
      for offset in 0..<16 {
        var logits = [Float](repeating: 0, count: values.count + 16)
        var gradient = [Float](repeating: 0, count: values.count + 16)
        let total = logits.withUnsafeMutableBufferPointer { x in
          gradient.withUnsafeMutableBufferPointer { g in
            let input = x.baseAddress! + offset
            input.update(from: values, count: values.count)
            let output = inPlace ? input : g.baseAddress! + offset
            let total = FusedCrossEntropy.run(
              logits: input, problem: problem, gradientScale: 0.5, gradient: output, rowLosses: nil)
            return (total, Array(UnsafeBufferPointer(start: output, count: values.count)))
          }
        }
        answers.append(total)
      }
      for (offset, answer) in answers.enumerated().dropFirst() {
        #expect(answer.0 == answers[0].0, "loss, offset \(offset), in place \(inPlace)")
        #expect(answer.1 == answers[0].1, "gradient, offset \(offset), in place \(inPlace)")
      }
    }
  }

  /// Each row is exponentiated shifted by the maximum of its first 512 logits, a guess, and
  /// exponentiated again when its maximum lies more than 60 above it; in place every row is
  /// scanned first. Rows that test the guess (far above it, just within it, a head of −∞, NaN and
  /// `+∞` after it, in the ragged tail) and rows that give NaN or are ignored, at the edges of
  /// thread ranges and in place, must all give the composed graph's answer.
  @Test(arguments: [(false, Float(0)), (true, Float(0)), (false, Float(0.15)), (true, Float(0.15))])
  func rowsWhoseGuessedShiftIsWrongAgree(weighted: Bool, smoothing: Float) throws {
    var generator = SeededGenerator(seed: weighted ? 21 : 22)
    let rows = 15, classes = 600  // 37 whole vectors and a ragged tail of 8
    var values = (0..<(rows * classes)).map { _ in Float.random(in: -30...30, using: &generator) }
    var targets = (0..<rows).map { _ in Int.random(in: 0..<classes, using: &generator) }
    func row(_ r: Int) -> Range<Int> { (r * classes)..<((r + 1) * classes) }
    targets[2] = -100  // ignored, between two valid rows
    targets[3] = -100  // and a second one right after it
    values[5 * classes + 599] = .nan  // a NaN in the ragged tail of row 5
    values[6 * classes + 4] = .infinity
    for i in row(7) { values[i] = -.infinity }
    // The NaN just above +∞, in a full vector.
    values[8 * classes + 17] = Float(bitPattern: 0x7F80_0001)
    // The maximum ≥ 100 above the guess (e¹⁰⁰ overflows): retried.
    values[9 * classes + 530] = 30 + 100
    values[10 * classes] = 29.5
    values[10 * classes + 540] = 29.5 + 59  // at most 59 above the guess: kept, sums near e⁵⁹
    targets[10] = 540
    for i in row(11).prefix(512) { values[i] = -.infinity }  // no guess at all
    // A negative NaN and +∞ after the guess's logits.
    values[12 * classes + 555] = Float(bitPattern: 0xFF80_0001)
    values[13 * classes + 556] = .infinity
    // −∞ among large logits (−5·10⁴ with smoothing, which would make the loss +∞).
    for i in row(14) {
      values[i] = i % 3 == 0 ? (smoothing > 0 ? -5e4 : -.infinity) : values[i] * 1e3
    }
    values[14 * classes + 590] = 1e5  // far above the guess, every other logit underflows
    let weight =
      weighted ? (0..<classes).map { _ in Float.random(in: 0.1...3, using: &generator) } : nil
    let problem = FusedCrossEntropy.Problem(
      classes: classes, targets: targets, weight: weight, ignoreIndex: -100,
      labelSmoothing: smoothing)
    let composedInput = Tensor(values, shape: [rows, classes], requiresGrad: true)
    let composed = try crossEntropyComposed(
      composedInput, target: .classes(targets, shape: [rows]), weight: weight,
      labelSmoothing: smoothing, reduction: .none)
    composed.backward(gradient: [Float](repeating: 1, count: rows))
    for threads in [1, 2, 3, 11] {
      for inPlace in [false, true] {
        var logits = values
        var gradient = [Float](repeating: 7, count: rows * classes)
        var losses = [Float](repeating: 7, count: rows)
        logits.withUnsafeMutableBufferPointer { x in
          gradient.withUnsafeMutableBufferPointer { g in
            losses.withUnsafeMutableBufferPointer { l in
              _ = FusedCrossEntropy.run(
                logits: x.baseAddress!, problem: problem, gradientScale: 1,
                gradient: inPlace ? x.baseAddress! : g.baseAddress!, rowLosses: l.baseAddress!,
                threads: threads)
            }
          }
        }
        let fusedGradient = inPlace ? logits : gradient
        for row in 0..<rows {
          let expected = composed.data[row]
          let got = losses[row]
          let sameLoss =
            expected.isNaN
            ? got.isNaN : got == expected || abs(got - expected) <= 1e-5 * max(abs(expected), 1)
          #expect(
            sameLoss, "row \(row), \(threads) threads, in place \(inPlace): \(got) vs \(expected)")
          let g = Array(fusedGradient[(row * classes)..<((row + 1) * classes)])
          let h = Array(composedInput.grad![(row * classes)..<((row + 1) * classes)])
          if expected.isNaN {
            let allNaN = g.allSatisfy { $0.isNaN }
            #expect(allNaN, "row \(row) gradient should be NaN")
          } else {
            expectRelative(g, h, 1e-5)
          }
        }
      }
    }
  }

  @Test func exponentialInRangeIsWithinTwoUlpOfFoundation() {
    // Four million points from where results leave the normal range up to 88, and the edges.
    // Measured: 0.88 ulp with fused multiply-add, 1.16 without (LOSSSCOPE_PORTABLE=1).
    let (worst, worstAt) = worstUlpError(
      of: exponentialInRange, from: -87.336_54, to: 88, points: 4_000_000)
    #expect(worst <= 2, "worst error \(worst) ulp at x = \(worstAt)")
    var edges = FloatVector(repeating: 0)
    edges[0] = -.infinity; edges[1] = -87.34; edges[2] = -1e30; edges[3] = 87.9;
    edges[4] = -.leastNonzeroMagnitude
    let e = exponentialInRange(edges)
    #expect(
      e[0] == 0 && e[1] == 0 && e[2] == 0
        && abs(e[3] - Float(Foundation.exp(Double(edges[3])))) <= e[3].ulp && e[4] == 1
        && e[5] == 1, "\(e)")
  }

  /// The largest error, in ulps of the correctly rounded result, of a vector exponential at
  /// evenly spaced points of `[lower, upper)`, and where it was.
  private func worstUlpError(
    of exponential: (FloatVector) -> FloatVector, from lower: Float, to upper: Float, points: Int
  ) -> (Float, Float) {
    var worst: Float = 0
    var worstAt: Float = 0
    var lanes = FloatVector()
    for start in stride(from: 0, to: points, by: FloatVector.scalarCount) {
      for lane in 0..<FloatVector.scalarCount {
        lanes[lane] = lower + (upper - lower) * Float(start + lane) / Float(points)
      }
      let approximate = exponential(lanes)
      for lane in 0..<FloatVector.scalarCount {
        let exact = Foundation.exp(Double(lanes[lane]))
        let error = Float(abs(Double(approximate[lane]) - exact)) / Float(exact).ulp
        if error > worst {
          worst = error
          worstAt = lanes[lane]
        }
      }
    }
    return (worst, worstAt)
  }

  private func expectRelative(
    _ a: [Float], _ b: [Float], _ tolerance: Float,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    let scale = b.map(abs).max() ?? 1
    // Elements far below the largest one carry float32 cancellation error (p_y − 1 near 0), so
    // they are held to the tolerance relative to 1% of the largest magnitude.
    for (x, y) in zip(a, b) where !(abs(x - y) <= tolerance * max(abs(y), scale * 1e-2) + 1e-7) {
      Issue.record("\(x) vs \(y)", sourceLocation: sourceLocation)
      return
    }
  }
}

/// The fused path against the composed one on every class-index cross-entropy fixture.
@Suite struct FusedFixtureTests {
  @Test func everyCrossEntropyFixtureGivesTheSameAnswerBothWays() throws {
    var compared = 0
    var refusedBoth = 0
    for c in Fixtures.lossCases("loss_cases.jsonl") {
      guard case .object(let f) = try JSONValue.parse(c.requestLine),
        f["loss"] == .string("cross_entropy"),
        let inputValue = f["input"], let targetValue = f["target"]
      else { continue }
      let (x, inputDims) = try NestedArray.flatten(inputValue, field: "input")
      let (t, targetDims) = try NestedArray.flatten(targetValue, field: "target")
      let shape = Shape(inputDims), targetShape = Shape(targetDims)
      guard shape.rank <= 2, targetShape != shape,
        let indices = try? TargetValues(values: t, shape: targetShape).classIndices()
      else { continue }
      guard let options = try? EvalService.readOptions(f) else { continue }
      let reduction = options.reduction ?? .mean
      let weight = options.weight?.values
      let a = Tensor(x.map { Float($0) }, shape: shape, requiresGrad: true)
      let b = Tensor(x.map { Float($0) }, shape: shape, requiresGrad: true)
      let fusedResult = Result {
        try FusedCrossEntropy.loss(
          a, target: indices, targetShape: targetShape, weight: weight,
          ignoreIndex: options.ignoreIndex, labelSmoothing: options.labelSmoothing,
          reduction: reduction)
      }
      let composedResult = Result {
        try crossEntropyComposed(
          b, target: .classes(indices, shape: targetShape), weight: weight,
          ignoreIndex: options.ignoreIndex, labelSmoothing: options.labelSmoothing,
          reduction: reduction)
      }
      // Both refuse (a case PyTorch rejects too), or both answer: one path throwing alone is a
      // disagreement, not a case to skip.
      guard case .success(let fused) = fusedResult, case .success(let composed) = composedResult
      else {
        if case .success = fusedResult {
          Issue.record("\(c.id): only the composed graph refused it")
        }
        if case .success = composedResult {
          Issue.record("\(c.id): only the fused kernel refused it")
        }
        refusedBoth += 1
        continue
      }
      fused.backward(gradient: [Float](repeating: 1, count: fused.count))
      composed.backward(gradient: [Float](repeating: 1, count: composed.count))
      let fusedValues = fused.data + (a.grad ?? []), composedValues = composed.data + (b.grad ?? [])
      #expect(fusedValues.count == composedValues.count, "\(c.id): as many values both ways")
      for (p, q) in zip(fusedValues, composedValues) {
        let same =
          q.isNaN ? p.isNaN : (q.isInfinite ? p == q : abs(p - q) <= 1e-5 * max(abs(q), 1e-2))
        if !same {
          Issue.record("\(c.id): fused \(p) vs composed \(q)")
          break
        }
      }
      compared += 1
    }
    #expect(compared >= 150)
    #expect(refusedBoth < compared, "\(refusedBoth) refused both ways")
  }
}
