@testable import Dashboard
import Foundation
import SnapshotTesting
import Testing
import TerminalInput

/// Predict, then reveal: a quiz hides its numbers everywhere they are drawn, takes the guess,
/// and shows the truth beside it at Enter.
@Suite struct QuizTests {
  static func pressing(_ state: DashboardState, _ keys: String) throws -> DashboardState {
    try Key.script(keys).reduce(state) { step($0, .key($1)).state }
  }

  static func frame(_ state: DashboardState, _ width: Int = 120, _ height: Int = 40) -> String {
    Frame.render(state, width: width, height: height).plainText
  }

  /// Seed 001's sample 1, z = [2, 1, 0.1], y = 0: ℓ 0.4170, p_y 0.6590, ∂ℓ/∂z =
  /// [−0.3410, 0.2424, 0.0986] (PyTorch's, as the seed prints them).
  @Test func aQuizOnTheLossHidesItUntilEnter() throws {
    let start = DashboardState(scenario: .standard)
    let asked = try Self.pressing(start, "Q")
    #expect(asked.mode == .quiz)
    for size in [(80, 24), (120, 40), (200, 60)] {
      let hidden = Self.frame(asked, size.0, size.1)
      #expect(!hidden.contains("0.4170"), "\(size)")
      #expect(!hidden.contains("ℓ=0."), "\(size): the curve's label")
      #expect(!hidden.contains("●"), "\(size): the curve's point")
      #expect(hidden.contains("ℓ=?.????"), "\(size)")
      #expect(hidden.contains("predict: what is ℓ for this sample?"), "\(size)")
    }
    // Keys that would change or reveal something are not taken; digits are the guess.
    let typed = try Self.pressing(asked, "0 . 5 g right v z")
    #expect(typed.quiz?.guess == "0.5")
    #expect(typed.scenario == start.scenario && typed.view == .dashboard && !typed.presenting)
    #expect(Self.frame(typed).contains("guess: 0.5▏"))
    let revealed = try Self.pressing(typed, "enter")
    let shown = Self.frame(revealed)
    #expect(shown.contains("ℓ = 0.4170 · guess 0.5: off by 0.0830"), "\(shown)")
    #expect(shown.contains("ℓ=0.4170") && shown.contains("●"))
    // After the reveal the dashboard's keys are back; Esc ends the quiz.
    #expect(revealed.mode == .view(.dashboard))
    #expect(try Self.pressing(revealed, "esc").quiz == nil)
    #expect(try Self.pressing(asked, "0 backspace").quiz?.guess == "")
  }

  @Test func qAsksTheNextQuestionEachHidingItsNumbers() throws {
    let start = DashboardState(scenario: .standard)
    let probability = try Self.pressing(start, "Q Q")
    #expect(probability.quiz?.question == .probability)
    let p = Self.frame(probability)
    #expect(!p.contains("0.6590") && !p.contains("0.0986") && p.contains("p_y=?.????"), "\(p)")
    let gradient = try Self.pressing(start, "Q Q Q")
    #expect(gradient.quiz?.question == .gradient)
    let g = Self.frame(gradient)
    #expect(!g.contains("-0.3410") && !g.contains("+0.2424") && !g.contains("+0.0986"), "\(g)")
    #expect(g.contains("0.6590"), "the probabilities stay: the gradient is p − y")
    let sign = try Self.pressing(start, "Q Q Q Q down + enter")
    #expect(Self.frame(sign).contains("∂L/∂z_1 = +0.2424, sign + · guess +: right"))
    let wrong = try Self.pressing(start, "Q Q Q Q - enter")
    #expect(Self.frame(wrong).contains("∂L/∂z_0 = -0.3410, sign − · guess -: right"))
    let other = try Self.pressing(start, "Q Q Q Q + enter")
    #expect(Self.frame(other).contains("guess +: the other way"))
  }

  @Test func aQuizRunsInTheDashboardViewAndTakesNoMouse() throws {
    let compare = try Self.pressing(DashboardState(scenario: .standard), "v Q")
    #expect(compare.quiz == nil)
    #expect(compare.notice == "a quiz runs in the dashboard view: v (or z) back to it first")
    let asked = try Self.pressing(DashboardState(scenario: .standard), "Q")
    #expect(!asked.mode.takesMouse)
    let clicked = step(
      asked,
      .mouse(MouseEvent(.click, column: 20, row: 8), width: 120, height: 40, symbols: .braille))
    #expect(clicked.state == asked)
  }

  /// softmax-basics' third step is a prediction step: the gradient hidden until Enter (a
  /// snapshot of each), its figures too.
  @Test func aPredictionStepHidesTheNumberUntilRevealed() throws {
    let lesson = try #require(LessonCatalog.lesson("softmax-basics"))
    let states = LessonTests.steps(lesson)
    let predicting = states[2]
    #expect(predicting.quiz?.question == .gradientSign)
    let before = Frame.render(predicting, width: 80, height: 24)
    #expect(!before.plainText.contains("-0.1705") && before.plainText.contains("??.????"))
    assertSnapshot(of: before.plainText, as: .lines, named: "prediction-step-hidden-80x24")
    let after = Frame.render(try Self.pressing(predicting, "- enter"), width: 80, height: 24)
    #expect(after.plainText.contains("revealed: ∂L/∂z_0 = -0.1705, sign − · guess -: right"))
    assertSnapshot(of: after.plainText, as: .lines, named: "prediction-step-revealed-80x24")
    // The next step closes the quiz.
    #expect(states[3].quiz == nil)
  }
}
