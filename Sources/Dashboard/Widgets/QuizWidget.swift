import Canvas

/// The quiz: the question and the guess as it is typed; after Enter, the truth beside the
/// guess. In a lesson it is the panel's last line (where the keys to try were); without one, a
/// box above the key bar.
enum QuizWidget {
  static let height = 4

  static func draw(_ context: RenderContext, _ quiz: Quiz, in body: Rect, on canvas: inout Canvas) {
    guard body.height >= height + 4, body.width >= 30 else { return }
    let rect = Rect(x: body.x, y: body.maxY - height, width: body.width, height: height)
    canvas.fill(rect, with: Cell(" ", Style(.overlay)))
    let title =
      quiz.revealed
      ? "quiz · revealed · Q asks again · Esc ends"
      : "quiz · type a guess · Enter reveals · Q next question · Esc ends"
    let inner = context.box(on: &canvas, rect, title: title, hotkey: "Q")
    guard inner.height >= 2 else { return }
    canvas.text(
      "predict: " + quiz.question.prompt, x: inner.x, y: inner.y,
      style: Style(.title, bold: true), clip: inner)
    canvas.text(
      answerLine(quiz, state: context.state, analysis: context.analysis, symbols: context.symbols),
      x: inner.x, y: inner.y + 1, style: Style(quiz.revealed ? .marker : .hotkey, bold: true),
      clip: inner)
  }

  /// The lesson panel's quiz line: the question and the guess, or after the reveal the truth.
  static func panelLine(
    _ quiz: Quiz, state: DashboardState, analysis: Analysis, symbols: SymbolSet
  ) -> String {
    let answer = answerLine(quiz, state: state, analysis: analysis, symbols: symbols)
    return quiz.revealed
      ? "revealed: " + answer + " · Q again"
      : "predict: " + quiz.question.prompt + " " + answer + " · Enter reveals"
  }

  /// `guess: 0.5▏` while typing; `ℓ = 0.4170 · guess 0.5: off by 0.0830` after the reveal.
  static func answerLine(
    _ quiz: Quiz, state: DashboardState, analysis: Analysis, symbols: SymbolSet
  ) -> String {
    guard quiz.revealed else {
      return "guess: " + quiz.guess + (symbols == .ascii ? "_" : "▏")
    }
    let (name, truth) = answer(quiz.question, state: state, analysis: analysis, symbols: symbols)
    return "\(name) = \(truth.text)"
      + (quiz.guess.isEmpty
        ? " · no guess typed" : " · guess \(quiz.guess)" + verdict(quiz, truth: truth.value))
  }

  /// What the question asks, named as on screen, and its value.
  static func answer(
    _ question: Quiz.Question, state: DashboardState, analysis: Analysis, symbols: SymbolSet
  ) -> (name: String, truth: (text: String, value: Float)) {
    let i = state.selectedSample
    let c = state.selectedClass
    let gradientName = (symbols == .ascii ? "dL/dz_" : "∂L/∂z_") + "\(c)"
    switch question {
    case .loss:
      let value = analysis.perSample[i]
      return (symbols == .ascii ? "l" : "ℓ", (NumberFormat.fixed4(value), value))
    case .probability:
      let value = analysis.probabilities[i][state.sample.target]
      return ("p_y", (NumberFormat.fixed4(value), value))
    case .gradient:
      let value = analysis.gradients[i][c]
      return (gradientName, (NumberFormat.signed4(value), value))
    case .gradientSign:
      let value = analysis.gradients[i][c]
      let sign = value < 0 ? (symbols == .ascii ? "-" : "−") : value > 0 ? "+" : "0"
      return (gradientName, ("\(NumberFormat.signed4(value)), sign \(sign)", value))
    }
  }

  /// `: right`, or how far off the guess was.
  static func verdict(_ quiz: Quiz, truth: Float) -> String {
    if quiz.question == .gradientSign {
      let sign: Character = truth < 0 ? "-" : "+"
      return quiz.guess.first == sign ? ": right" : ": the other way"
    }
    guard let guess = Float(quiz.guess), truth.isFinite else { return "" }
    if NumberFormat.fixed4(guess) == NumberFormat.fixed4(truth) { return ": exactly" }
    return ": off by \(NumberFormat.fixed4(abs(guess - truth)))"
  }
}
