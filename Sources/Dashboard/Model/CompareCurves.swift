import Autograd

/// The compare view's curves: for each ``ComparedLoss``, the selected sample's loss ℓ and the
/// gradient magnitude on its target logit `|∂ℓ/∂z_y|`, against `p_y`.
///
/// Every curve follows the same path as the dashboard's loss curve: the target logit moved so
/// that the softmax gives `p_y`, the other logits fixed (``LossCurve/logitsAlong(_:probabilities:softmax:)``).
/// All points of a curve go through the loss library in one batch with `reduction: none`, and
/// the gradients come from `backward()` on their sum (the rows are independent, so each row's
/// gradient is its own point's). The values at the sample's own logits are computed the same
/// way, so the legend's numbers are the library's, not read off the curves.
public struct CompareCurves: Sendable {
  /// One loss along the path.
  public struct Curve: Sendable {
    public let loss: ComparedLoss
    public let name: String
    /// ℓ at each of ``CompareCurves/probabilities``.
    public let values: [Float]
    /// `|∂ℓ/∂z_y|` at each point.
    public let gradients: [Float]
    /// ℓ and `|∂ℓ/∂z_y|` at the sample's own logits.
    public let current: Float
    public let currentGradient: Float
  }

  public let probabilities: [Float]
  public let curves: [Curve]
  /// How ``probabilities`` are spread: evenly, or by their logarithm.
  public let axis: ProbabilityAxis

  public init(
    _ scenario: Scenario, sample index: Int, axis: ProbabilityAxis = .linear,
    resolution: Int = LossCurve.resolution
  ) {
    let sample = scenario.samples[index]
    self.axis = axis
    let ps = axis.grid(resolution)
    probabilities = ps
    let path = LossCurve.logitsAlong(sample, probabilities: ps, link: .softmax)
    curves = ComparedLoss.allCases.map { loss in
      let curveScenario = loss.scenario(from: scenario)
      let along = CompareCurves.evaluate(curveScenario, rows: path, sample: sample)
      let here = CompareCurves.evaluate(curveScenario, rows: sample.logits, sample: sample)
      return Curve(
        loss: loss, name: loss.name(scenario), values: along.losses, gradients: along.gradients,
        current: here.losses[0], currentGradient: here.gradients[0])
    }
  }

  /// Each row's loss (summed over classes for the elementwise losses) and `|∂ℓ/∂z_y|`, through
  /// the library and `backward()`.
  static func evaluate(_ scenario: Scenario, rows flat: [Float], sample: Scenario.Sample) -> (
    losses: [Float], gradients: [Float]
  ) {
    let c = scenario.classes, m = flat.count / c, target = sample.target
    let input = Tensor(flat, shape: [m, c], requiresGrad: true)
    let (targets, labels) = Analysis.repeated(scenario, sample, m)
    guard
      let loss = try? Analysis.lossFunction(
        scenario, input, targets, labels: labels, reduction: .none)
    else {
      let nan = [Float](repeating: .nan, count: m)
      return (nan, nan)
    }
    loss.sum().backward()
    let width = loss.count / m
    let losses = (0..<m).map { loss.data[($0 * width)..<(($0 + 1) * width)].reduce(0, +) }
    let grad = input.grad ?? [Float](repeating: .nan, count: m * c)
    return (losses, (0..<m).map { abs(grad[$0 * c + target]) })
  }

  /// One of a curve's series at `p`, interpolated along the axis.
  public func value(_ series: [Float], at p: Float) -> Float {
    axis.interpolate(series, at: p)
  }
}
