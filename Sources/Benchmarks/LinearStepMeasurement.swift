/// The large-vocab lesson's last row: one training step of a language model's output layer,
/// `Linear(D → V)` and cross-entropy over `N` tokens, through the fused linear + cross-entropy,
/// which never holds the `N × V` logits.
public struct LinearStepMeasurement: Sendable, Equatable {
  /// `N`.
  public var tokens: Int
  /// `D`.
  public var hidden: Int
  /// `V`.
  public var vocabulary: Int
  /// Forward plus backward (the gradients of the hidden states and the weight), milliseconds.
  public var milliseconds: Double
  /// What the step held beyond its inputs and its gradients (its block of logits and scratch),
  /// as measured: the growth of the peak resident set.
  public var extraBytes: Int

  public init(tokens: Int, hidden: Int, vocabulary: Int, milliseconds: Double, extraBytes: Int) {
    self.tokens = tokens
    self.hidden = hidden
    self.vocabulary = vocabulary
    self.milliseconds = milliseconds
    self.extraBytes = extraBytes
  }

  /// What the `N × V` float32 logits alone would take (their gradient takes as much again).
  public var logitsBytes: Int { tokens * vocabulary * MemoryLayout<Float>.stride }

  /// Floating-point operations per second: three `N × D × V` products, two operations each.
  public var gigaflops: Double {
    6 * Double(tokens) * Double(hidden) * Double(vocabulary) / (milliseconds * 1e6)
  }

  /// The step the lesson measures: GPT-2 small's output layer (768 → 50,257) over 512 tokens,
  /// whose logits would be 103 MB.
  public static let lessonSize = (tokens: 512, hidden: 768)
}
