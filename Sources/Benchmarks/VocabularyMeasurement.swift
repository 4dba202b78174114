/// One size of the `large-vocab` lesson: the fused kernel against the composed graph.
public struct VocabularyMeasurement: Sendable, Equatable {
  public var batch: Int
  public var classes: Int
  /// Forward plus backward through the fused kernel, median milliseconds.
  public var fusedMilliseconds: Double
  /// The same through the composed Autograd graph (log-softmax, gather, mean, backward).
  public var composedMilliseconds: Double
  /// Memory the fused step allocated beyond the logits (its gradient), measured like the
  /// composed step's: the growth of the peak resident set.
  public var fusedBytes: Int
  /// Memory the composed step allocates: every intermediate tensor and gradient.
  public var composedBytes: Int
  /// Whether the kernels were built optimised (`-c release`); a debug build's times mean nothing.
  public var optimizedBuild: Bool
  /// With the largest size only: the same vocabulary behind its `Linear` layer, fused.
  public var linear: LinearStepMeasurement?

  public init(
    batch: Int, classes: Int, fusedMilliseconds: Double, composedMilliseconds: Double,
    fusedBytes: Int, composedBytes: Int, optimizedBuild: Bool, linear: LinearStepMeasurement? = nil
  ) {
    self.batch = batch
    self.classes = classes
    self.fusedMilliseconds = fusedMilliseconds
    self.composedMilliseconds = composedMilliseconds
    self.fusedBytes = fusedBytes
    self.composedBytes = composedBytes
    self.optimizedBuild = optimizedBuild
    self.linear = linear
  }

  /// The sizes the lesson walks through, from 1 × 1,000 to GPT-2's 128 × 50,257.
  public static let sizes: [(batch: Int, classes: Int)] = [
    (1, 1_000), (8, 8_192), (32, 32_000), (128, 50_257),
  ]
}
