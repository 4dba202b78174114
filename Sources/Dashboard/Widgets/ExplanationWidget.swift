/// A lesson's explanation: its lines, the numbers it computes through the Losses library, the
/// keys to try, and (in the training lesson) the step count and loss history.
enum ExplanationWidget {
  /// The text lines, in order (the training status first in the training lesson).
  static func lines(_ lesson: Lesson, _ state: DashboardState) -> [String] {
    let status = state.training.map { training in
      ["training step \(training.steps) · loss \(NumberFormat.fixed4(state.lossHistory.last ?? .nan)) · history "]
    } ?? []
    return status + lesson.explanation + lesson.figures.map { "\($0.label) = \($0.value())" } + ["try: " + lesson.suggestedKeys]
  }

  static func draw(_ lesson: Lesson, lines: [String], context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let inner = canvas.box(rect, title: "lesson · \(lesson.title) · e hides · L lessons", hotkey: "e", symbols: context.symbols)
    guard inner.width >= 8, inner.height >= 1 else { return }
    var shown = lines
    if context.state.training != nil, !shown.isEmpty { shown[0] += sparkline(context, width: 30) }
    let explanationCount = lesson.explanation.count
    for (row, line) in shown.prefix(inner.height).enumerated() {
      let offset = context.state.training == nil ? row : row - 1
      let style: Style
      if line.hasPrefix("try: ") {
        style = Style(.hotkey)
      } else if offset >= explanationCount || offset < 0 {
        style = Style(.accent, bold: true)
      } else {
        style = .text
      }
      canvas.text(line, x: inner.x, y: inner.y + row, style: style, clip: inner)
    }
  }

  private static func sparkline(_ context: RenderContext, width: Int) -> String {
    let values = context.state.lossHistory.suffix(width).filter(\.isFinite)
    guard let low = values.min(), let high = values.max() else { return "" }
    let sparks = context.symbols.sparks
    return String(values.map { value in
      let fraction = high > low ? (value - low) / (high - low) : 0.5
      return sparks[min(sparks.count - 1, max(0, cellCoordinate(fraction * Float(sparks.count - 1))))]
    })
  }
}
