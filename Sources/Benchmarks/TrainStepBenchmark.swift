import Losses
import Training
import Autograd

/// The `lossscope bench train-step` workload: one step of the seed's example.
///
/// `Linear(3, 3)`, input `[[1, 0, 0]]`, target `[2]`, cross-entropy, backward, SGD with lr 0.1
/// and zero grad, through Autograd.
public enum TrainStepBenchmark {
  /// Times single steps.
  public static func run(runs: Int, progress: (Int) -> Void = { _ in }) throws -> (Timings, Float) {
    let layer = Linear(
      weight: [
        [-0.8837, -0.8742, -0.7528], [-0.8948, 0.0523, -0.0464], [0.9105, 0.8575, -0.8329],
      ], bias: [-0.7347, -0.6859, -0.2493])
    let trainer = try LinearTrainer(
      layer: layer, inputs: [[1, 0, 0]], targets: [2], optimizer: .sgd, learningRate: 0.1)
    var last: Float = 0
    var failure: Error?
    let timings = Timings.measure(runs: runs, warmup: 100, progress: progress) {
      do { last = try trainer.step().loss } catch { failure = error }
    }
    if let failure { throw failure }
    return (timings, last)
  }
}
