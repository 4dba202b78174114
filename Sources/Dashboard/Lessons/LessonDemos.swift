import TerminalInput
/// Each lesson's "try" steps as a demo script (``DemoScript``'s format): what its suggested keys
/// show, with captions, to record (`lossscope record demo.cast --script FILE`) or to play live
/// (`lossscope play --script FILE`). `lossscope lessons --tape ID` prints one; `docs/demos` ships
/// them as files.
///
/// The large-vocab lesson has none: its `g` measures timings, which differ on every run, and a
/// script's recording is the same every time.
public enum LessonDemos {
  /// The script of a lesson, if it has one.
  public static func tape(_ id: String) -> String? {
    guard let body = scripts[id] else { return nil }
    return "# LossScope demo: lesson \(id)\n# lossscope record \(id).cast --script \(id).tape\n"
      + "Set Size 120x40\nSet Lesson \(id)\n" + body
  }

  static let scripts: [String: String] = [
    "softmax-basics": """
    Caption "Softmax turns logits into probabilities; cross-entropy is −log p of the target"
    Sleep 2s
    Key right x5
    Caption "Raising the target's logit: p_y grows, the loss falls"
    Sleep 1.5s
    Key down
    Key t
    Caption "t: class 1 is now the target, and the loss jumps"
    Sleep 1.5s
    Key n
    Caption "n: the batch's second sample, [0, 5, 0.2]"
    Sleep 2s
    """,
    "logsumexp-overflow": """
    Caption "exp(1000) overflows float32: the naive log Σ exp is inf, the stable one is not"
    Sleep 2.5s
    Key n
    Caption "Seed 002's [50, 100, 150]: still finite when computed stably"
    Sleep 2s
    Key g x3
    Caption "Descent works on these logits too"
    Sleep 1.5s
    """,
    "batch-reduction": """
    Caption "mean: the loss averaged over the batch"
    Sleep 1.5s
    Key r
    Caption "sum: the same losses added"
    Sleep 1.5s
    Key r
    Caption "none: one loss per sample"
    Sleep 1.5s
    Key r
    Key a
    Caption "a: a copy of the sample; the mean stays where it was"
    Sleep 2s
    """,
    "class-weights": """
    Caption "Class weights multiply each sample's loss by w of its target"
    Sleep 2s
    Key W x5
    Marker "weight 1.5 on class 0"
    Caption "W raises the selected class's weight: Σw_y, the mean's divisor, grows with it"
    Sleep 2s
    Key down
    Key w x5
    Caption "Another class's weight changes nothing until it is a target"
    Sleep 2s
    """,
    "nll-logsoftmax": """
    Caption "NLL of log-softmax is cross-entropy computed in two steps"
    Sleep 2s
    Key tab
    Caption "Tab: the same numbers as the other losses see them"
    Sleep 1.5s
    Key shift-tab
    Key n
    Sleep 1.5s
    """,
    "bce-with-logits": """
    Caption "BCE with logits: one sigmoid per class against the one-hot target"
    Sleep 2s
    Key shift-right x3
    Caption "The target's logit pushed out: its sigmoid saturates, the logits form stays exact"
    Sleep 2s
    Key tab
    Sleep 1.5s
    """,
    "label-smoothing": """
    Caption "Label smoothing spreads ε of the target over every class"
    Sleep 2s
    Key S x2
    Caption "S: more smoothing moves the curve's minimum below p_y = 1"
    Sleep 2s
    Key v x2
    Caption "The landscape over two logits: the minimum is finite"
    Sleep 2s
    Key space
    Sleep 2s
    Key space
    Marker "descended to the smoothed optimum"
    Caption "Descent stops at the minimum instead of pushing the logits apart"
    Sleep 2.5s
    """,
    "focal-loss": """
    Caption "Focal loss turns down easy examples by (1 − p_y)^γ"
    Sleep 2s
    Key F x2
    Caption "F: larger γ flattens the curve near p_y = 1"
    Sleep 1.5s
    Key f x6
    Caption "γ = 0 is plain cross-entropy"
    Sleep 1.5s
    Key F x4
    Key v
    Caption "The compare view: focal's gradient vanishes as p_y → 1"
    Sleep 2.5s
    """,
    "train-linear": """
    Caption "The logits are a Linear layer's outputs; g is one real training step"
    Sleep 2s
    Key g x5
    Caption "Five steps of SGD at lr 0.1"
    Sleep 1.5s
    Key space
    Sleep 3s
    Key space
    Marker "trained"
    Caption "The loss falls below 0.1, as in the seed"
    Sleep 2s
    """,
    "why-not-mse": """
    Caption "A confidently wrong sample: p_y is tiny"
    Sleep 2s
    Caption "Cross-entropy's gradient on z_y is near 1; MSE's is near 0"
    Sleep 2.5s
    Key right x20
    Caption "As p_y grows, MSE's gradient grows: it learns least when it is most wrong"
    Sleep 2.5s
    Key tab x3
    Sleep 1.5s
    """,
  ]
}
