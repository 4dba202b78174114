/// Predict, then reveal (key Q, or a lesson's prediction step): chosen numbers are hidden, the
/// class calls out or types a guess, and Enter shows the truth beside it.
public struct Quiz: Equatable, Sendable {
  /// What the class is asked for, about the selected sample.
  public enum Question: String, CaseIterable, Sendable {
    /// Its loss ℓ.
    case loss
    /// p_y, the probability of its true class.
    case probability
    /// ∂L/∂z of the selected class.
    case gradient
    /// The sign of ∂L/∂z of the selected class (`+` or `-`).
    case gradientSign = "gradient-sign"

    /// The question, for the quiz's line.
    public var prompt: String {
      switch self {
      case .loss: "what is ℓ for this sample?"
      case .probability: "what is p_y, the probability of the true class?"
      case .gradient: "what is ∂L/∂z of the selected class?"
      case .gradientSign: "is ∂L/∂z of the selected class + or −?"
      }
    }

    /// The numbers hidden until the reveal: the question's, and what gives it away. The
    /// curve's point is hidden for every question (it shows ℓ and p_y at once); p_y hides the
    /// loss and the gradient too (for cross-entropy ℓ = −log p_y and ∂ℓ/∂z = p − y).
    public var hides: Set<Quiz.Hidden> {
      switch self {
      case .loss: [.loss, .point]
      case .probability: [.probability, .loss, .gradient, .point]
      case .gradient, .gradientSign: [.gradient, .point]
      }
    }

    func next() -> Question {
      let all = Question.allCases
      return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
  }

  /// The kinds of number a quiz can hide.
  public enum Hidden: Sendable, Hashable {
    /// Every loss value: the reduced loss, each ℓ, the history's latest, a lesson's figures.
    case loss
    /// The probabilities: p_y, the softmax (or sigmoid) column and bars, the entropy.
    case probability
    /// The gradient's values and its arrows.
    case gradient
    /// The curve's point and its label (and the other samples' points).
    case point
  }

  public var question: Question
  /// What was typed: digits, one point, a sign (at most ``guessLimit`` characters).
  public internal(set) var guess = ""
  public internal(set) var revealed = false

  /// The longest guess kept.
  public static let guessLimit = 12

  public init(question: Question) { self.question = question }

  /// What is hidden now: the question's numbers until the reveal, nothing after.
  public var hidden: Set<Hidden> { revealed ? [] : question.hides }

  /// A typed character added to the guess, if it can be part of a number (or a sign).
  mutating func type(_ c: Character) {
    guard !revealed, guess.count < Quiz.guessLimit else { return }
    switch c {
    case "0"..."9": guess.append(c)
    case ".": if !guess.contains(".") { guess.append(c) }
    case "-", "+": if guess.isEmpty { guess.append(c) }
    default: break
    }
  }

  /// `text` with its digits and signs as `?` (`-0.3333` → `??.????`): the same width, so the
  /// layout does not move at the reveal.
  public static func masked(_ text: String) -> String {
    String(text.map { $0.isNumber || $0 == "-" || $0 == "+" || $0 == "∞" ? "?" : $0 })
  }

  mutating func erase() {
    guard !revealed, !guess.isEmpty else { return }
    guess.removeLast()
  }

  mutating func reveal() { revealed = true }
}
