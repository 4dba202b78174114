import Autograd
import Foundation
import Losses

/// Everything the widgets show about a scenario, computed by the Losses library and Autograd.
///
/// Nothing here re-derives a loss or a gradient by hand: the loss is the library's (checked
/// against PyTorch), and the gradients come from `backward()` on it. The state computes it once
/// per change of its scenario (``DashboardState/analysis``); widgets only read it.
public struct Analysis: Sendable, Equatable {
  public let scenario: Scenario
  /// The reduced loss as the library returns it: one value, or one per sample for `none`.
  public let reducedLoss: [Float]
  /// Each sample's own loss (PyTorch's `none`; summed over classes for the elementwise losses).
  public let perSample: [Float]
  /// `softmax(z)` per sample (`sigmoid(z)` for BCE, whose classes are independent).
  public let probabilities: [[Float]]
  /// `e^(z − max z)` per sample: the softmax's numerators as it computes them.
  public let shiftedExponentials: [[Float]]
  /// The target each class is compared with: one-hot, smoothed to `(1 − ε)·onehot + ε/C` by
  /// label smoothing (cross-entropy only, as PyTorch applies it).
  public let targets: [[Float]]
  /// `log Σ exp(z)` computed stably, per sample.
  public let logSumExp: [Float]
  /// `softmax(z)_y` per sample, whatever the loss: the compare view's `p_y` (for BCE,
  /// ``probabilities`` are sigmoids).
  public let targetSoftmax: [Float]
  /// Plain cross-entropy `−log softmax(z)_y` per sample (no weight, no smoothing), from the
  /// library: the loss curve's comparison at the sample, so the legend's value is this number.
  public let plainCrossEntropy: [Float]
  /// `log(Σ exp(z))` computed naively in float32: `inf` once `exp` overflows (z ≳ 88.7).
  public let naiveLogSumExp: [Float]
  /// `H(p) = −Σ p log p` per sample, in nats.
  public let entropy: [Float]
  /// `∂L/∂z` for every logit of every sample (of `Σ L` for `none`).
  public let gradients: [[Float]]
  /// What `mean` divides by: `Σ w_y` for the class-weighted losses, `N·C` for the elementwise ones.
  public let normaliser: Float
  /// Whether any logit is NaN or infinite.
  public let hasNonFiniteInput: Bool
  /// The probabilities after one descent step `z − lr·∂L/∂z` (through Autograd's softmax or
  /// sigmoid): where `g` moves each sample.
  public let steppedProbabilities: [[Float]]
  /// `Σ_c e^{z_c}` per sample: 1 when a row is a normalised row of log-probabilities (what
  /// `nll_loss` assumes and does not check).
  public let rowExponentialSums: [Float]

  /// Two analyses are equal when they analyse the same scenario (an analysis is a pure function
  /// of it; comparing its numbers would make a NaN state unequal to itself).
  public static func == (a: Analysis, b: Analysis) -> Bool { a.scenario == b.scenario }

  /// Analyses a scenario.
  public init(_ scenario: Scenario) {
    self.scenario = scenario
    let n = scenario.samples.count, c = scenario.classes
    let flat = scenario.samples.flatMap(\.logits)
    hasNonFiniteInput = !flat.allSatisfy(\.isFinite)
    let input = Tensor(flat, shape: [n, c], requiresGrad: true)
    let targets = scenario.samples.map(\.target)
    let labels = Analysis.labelRows(scenario, scenario.samples)
    let reduced =
      (try? Analysis.lossFunction(
        scenario, input, targets, labels: labels, reduction: scenario.reduction))
      ?? Tensor(
        [Float](repeating: .nan, count: scenario.reduction == .none ? n : 1),
        shape: scenario.reduction == .none ? [n] : [])
    reduced.backward(gradient: [Float](repeating: 1, count: reduced.count))
    reducedLoss = reduced.data
    let unreduced = withNoGrad {
      try? Analysis.lossFunction(scenario, input, targets, labels: labels, reduction: .none)
    }
    perSample = (0..<n).map { i in
      guard let unreduced else { return .nan }
      let row = unreduced.count / n
      return unreduced.data[(i * row)..<((i + 1) * row)].reduce(0, +)
    }
    let grad = input.grad ?? [Float](repeating: .nan, count: n * c)
    gradients = (0..<n).map { Array(grad[($0 * c)..<(($0 + 1) * c)]) }
    let (softmax, probabilities, lse) = withNoGrad { () -> (Tensor, Tensor, Tensor) in
      let plain = Tensor(flat, shape: [n, c])
      let softmax = plain.softmax(axis: 1)
      return (softmax, Analysis.linked(plain, scenario.loss.link), plain.logsumexp(axis: 1))
    }
    self.probabilities = (0..<n).map { Array(probabilities.data[($0 * c)..<(($0 + 1) * c)]) }
    // p_y as the loss reads it: the softmax's, or e^{z_y} of rows taken as log-probabilities.
    let readProbabilities = scenario.loss == .nllRows ? probabilities : softmax
    targetSoftmax = targets.enumerated().map { readProbabilities.data[$0.offset * c + $0.element] }
    logSumExp = lse.data
    plainCrossEntropy = withNoGrad {
      (try? crossEntropy(
        Tensor(flat, shape: [n, c]), target: .classes(targets, shape: Shape([n])),
        reduction: .none))?.data ?? [Float](repeating: .nan, count: n)
    }
    naiveLogSumExp = scenario.samples.map { sample in
      var total: Float = 0
      for z in sample.logits { total += Foundation.exp(z) }
      return Foundation.log(total)
    }
    entropy = self.probabilities.map { row in
      // max(0, …): rounding can leave −0.0000 for a certain prediction.
      max(0, -row.reduce(Float(0)) { $0 + ($1 > 0 ? $1 * Foundation.log($1) : 0) })
    }
    let stepped = withNoGrad { () -> Tensor in
      let moved = Tensor(zip(flat, grad).map { $0 - scenario.learningRate * $1 }, shape: [n, c])
      return Analysis.linked(moved, scenario.loss.link)
    }
    steppedProbabilities = (0..<n).map { Array(stepped.data[($0 * c)..<(($0 + 1) * c)]) }
    let shifted = withNoGrad { () -> Tensor in
      let plain = Tensor(flat, shape: [n, c])
      return (plain - plain.max(axis: 1, keepDims: true)).exp()
    }
    shiftedExponentials = (0..<n).map { Array(shifted.data[($0 * c)..<(($0 + 1) * c)]) }
    let epsilon = scenario.loss == .crossEntropy ? scenario.labelSmoothing : 0
    self.targets = scenario.samples.map { sample in
      sample.targetRow(classes: c).map { (1 - epsilon) * $0 + epsilon / Float(c) }
    }
    switch scenario.loss {
    case .bceOneVsRest, .mseProbabilities:
      normaliser = Float(n * c)
    case .crossEntropy where labels != nil:
      // PyTorch's mean over probability targets divides by N, whatever the weights.
      normaliser = Float(n)
    case .crossEntropy, .nllLogSoftmax, .focal, .nllRows:
      normaliser = targets.reduce(Float(0)) { $0 + scenario.weights[$1] }
    }
    rowExponentialSums = scenario.samples.map { sample in
      sample.logits.reduce(Float(0)) { $0 + Foundation.exp($1) }
    }
  }

  /// Logits `(N, C)` to the probabilities the loss reads from them.
  static func linked(_ logits: Tensor, _ link: ProbabilityLink) -> Tensor {
    switch link {
    case .softmax: logits.softmax(axis: 1)
    case .sigmoid: logits.sigmoid()
    case .logProbability: logits.exp()
    }
  }

  /// The reduced loss as one number: the value itself, or the sum of the per-sample values for
  /// `none` (what the gradient is taken of, and what the dashboard shows as "loss").
  public var totalLoss: Float { reducedLoss.reduce(0, +) }

  /// Only ``totalLoss`` of a scenario, without gradients or the rest.
  public static func totalLoss(of scenario: Scenario) -> Float {
    withNoGrad {
      let input = Tensor(
        scenario.samples.flatMap(\.logits), shape: [scenario.samples.count, scenario.classes])
      guard
        let loss = try? lossFunction(
          scenario, input, scenario.samples.map(\.target),
          labels: labelRows(scenario, scenario.samples), reduction: scenario.reduction)
      else {
        return .nan
      }
      return loss.data.reduce(0, +)
    }
  }

  /// The per-logit targets of `samples`, flattened `(N, C)`, or `nil` in the class-index form.
  static func labelRows(_ scenario: Scenario, _ samples: [Scenario.Sample]) -> [Float]? {
    scenario.targetForm == .classIndex
      ? nil : samples.flatMap { $0.targetRow(classes: scenario.classes) }
  }

  /// `sample`'s targets for `m` rows of moved logits (a curve, a landscape): its class `m` times
  /// and, in the per-logit forms, its labels `m` times.
  static func repeated(_ scenario: Scenario, _ sample: Scenario.Sample, _ m: Int) -> (
    [Int], [Float]?
  ) {
    (
      [Int](repeating: sample.target, count: m),
      labelRows(scenario, [sample]).map { row in (0..<m).flatMap { _ in row } }
    )
  }

  /// The scenario's loss function applied to `(N, C)` logits, through the Losses library.
  /// `labels` (flattened `(N, C)`, the per-logit forms) is the target of the losses that take a
  /// dense one, as PyTorch's: cross-entropy as probability targets, BCE and MSE as they are;
  /// NLL and the focal loss take the class index (the largest label).
  static func lossFunction(
    _ scenario: Scenario, _ input: Tensor, _ targets: [Int], labels: [Float]? = nil,
    reduction: Reduction
  )
    throws -> Tensor
  {
    let n = targets.count, c = scenario.classes
    let shape = Shape([n])
    let dense = labels.map { Tensor($0, shape: [n, c]) } ?? Tensor.oneHot(targets, classes: c)
    switch scenario.loss {
    case .crossEntropy:
      return try crossEntropy(
        input,
        target: labels.map { .probabilities($0, shape: [n, c]) } ?? .classes(targets, shape: shape),
        weight: scenario.weights, labelSmoothing: scenario.labelSmoothing, reduction: reduction)
    case .nllLogSoftmax:
      return try nllLoss(
        input.logSoftmax(axis: 1), target: targets, targetShape: shape, weight: scenario.weights,
        reduction: reduction)
    case .bceOneVsRest:
      return try binaryCrossEntropyWithLogits(
        input, target: dense,
        weight: Tensor(scenario.weights, shape: [c]),
        reduction: reduction)
    case .focal:
      return try softmaxFocalLoss(
        input, target: targets, targetShape: shape, gamma: scenario.focalGamma,
        weight: scenario.weights,
        reduction: reduction)
    case .mseProbabilities:
      return try mseLoss(input.softmax(axis: 1), target: dense, reduction: reduction)
    case .nllRows:
      return try nllLoss(
        input, target: targets, targetShape: shape, weight: scenario.weights, reduction: reduction)
    }
  }
}
