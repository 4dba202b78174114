/// Renders the dashboard: state in, a grid of cells out. Pure, so every frame is testable as text.
public enum Frame {
  /// Draws the whole dashboard for a terminal of the given size.
  ///
  /// - Parameters:
  ///   - state: What to show.
  ///   - width: Columns.
  ///   - height: Rows.
  ///   - symbols: Braille, block or ASCII graphics.
  /// - Returns: Exactly `width × height` cells.
  public static func render(
    _ state: DashboardState, width: Int, height: Int, symbols: SymbolSet = .braille
  ) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    canvas.asciiOnly = symbols == .ascii
    let explanation =
      state.explanationVisible ? state.lesson.map { ExplanationWidget.lines($0, state) } : nil
    guard let layout = Layout(width: width, height: height, panelLines: explanation?.count ?? 0)
    else {
      Overlays.tooSmall(on: &canvas)
      return canvas
    }
    let context = RenderContext(state: state, symbols: symbols)
    drawTitle(context, in: layout.title, on: &canvas)
    LossCurveWidget.draw(context, in: layout.curve, on: &canvas)
    NumbersWidget.draw(context, in: layout.numbers, on: &canvas)
    PipelineWidget.draw(context, in: layout.table, inlineBars: layout.gradients == nil, on: &canvas)
    if let bars = layout.bars { SoftmaxBarsWidget.draw(context, in: bars, on: &canvas) }
    if let gradients = layout.gradients { GradientWidget.draw(context, in: gradients, on: &canvas) }
    if let lesson = state.lesson, let explanation {
      ExplanationWidget.draw(
        lesson, lines: explanation, context: context, in: layout.history, on: &canvas)
    } else {
      HistoryWidget.draw(context, in: layout.history, on: &canvas)
    }
    KeyBarWidget.draw(context, in: layout.keyBar, on: &canvas)
    if let notice = state.notice {
      canvas.text(
        " " + notice + " ", x: layout.keyBar.x, y: layout.keyBar.y,
        style: Style(.warning, bold: true, reverse: true), clip: layout.keyBar)
    }
    if state.stateStringVisible { Overlays.stateString(context, on: &canvas) }
    if state.pickerVisible { Overlays.lessonPicker(context, on: &canvas) }
    if state.helpVisible { Overlays.help(context, on: &canvas) }
    return canvas
  }

  private static func drawTitle(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let scenario = context.state.scenario
    canvas.fill(rect, with: Cell(" ", Style(.keyBar, reverse: true)))
    let lesson = context.state.lessonID.map { " · lesson \($0)" } ?? ""
    let left = " LossScope\(lesson) · \(scenario.loss.title) · Tab"
    var x = canvas.text(
      left, x: rect.x, y: rect.y, style: Style(.title, bold: true, reverse: true), clip: rect)
    let detail =
      "  sample \(context.sampleIndex + 1)/\(scenario.samples.count) · target \(context.sample.target) · class \(context.state.selectedClass)"
    x = canvas.text(detail, x: x, y: rect.y, style: Style(.keyBar, reverse: true), clip: rect)
    let right = titleStatus(context.state)
    canvas.text(
      right, x: rect.maxX - right.count, y: rect.y,
      style: Style(.keyBar, bold: context.state.running, reverse: true), clip: rect)
  }

  /// The right end of the title bar (`▶ running  ? help `); a front end's own badges go left of it.
  public static func titleStatus(_ state: DashboardState) -> String {
    (state.running ? "▶ running  " : "") + "? help "
  }
}
