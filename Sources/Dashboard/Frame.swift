import Canvas
/// Renders the dashboard: state in, a grid of cells out. Pure, so every frame is testable as text.
public enum Frame {
  /// Draws the whole dashboard for a terminal of the given size.
  ///
  /// - Parameters:
  ///   - state: What to show.
  ///   - width: Columns.
  ///   - height: Rows.
  ///   - symbols: Braille, block or ASCII graphics.
  ///   - colorRamp: Whether the frame is shown in colour with a theme that has a colour ramp
  ///     (the landscape's heatmap is then coloured half blocks, else a density ramp of characters).
  ///   - derived: The render path's memo: the analysis, curves and landscape come from it, so a
  ///     loop that draws many frames computes each once.
  ///   - titleReserve: Columns the title bar leaves free at its right end, left of the status (a
  ///     front end's badge goes there): its least needed items drop to make room.
  /// - Returns: Exactly `width × height` cells.
  public static func render(
    _ state: DashboardState, width: Int, height: Int, symbols: SymbolSet = .braille,
    colorRamp: Bool = false, derived: Derived = Derived(), titleReserve: Int = 0
  ) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    draw(
      state, symbols: symbols, colorRamp: colorRamp, derived: derived,
      titleReserve: titleReserve, on: &canvas)
    return canvas
  }

  /// The frame with its plots in pixels: the cells (each plot's cells blank, reserved for its
  /// image) and the plots' pictures. While an overlay or a quiz covers the screen, the plots
  /// stay cells (no image may hide the overlay), so the images are none.
  ///
  /// - Parameters:
  ///   - state: What to show.
  ///   - width: Columns.
  ///   - height: Rows.
  ///   - symbols: Braille, block or ASCII graphics (ASCII draws no images).
  ///   - colorRamp: Whether the frame is shown with a colour ramp.
  ///   - derived: The render path's memo.
  ///   - titleReserve: Columns the title bar leaves free at its right end.
  ///   - pixels: The cell size and the theme's colours.
  /// - Returns: The cells and the images over them.
  public static func render(
    _ state: DashboardState, width: Int, height: Int, symbols: SymbolSet = .braille,
    colorRamp: Bool = false, derived: Derived = Derived(), titleReserve: Int = 0,
    pixels: PixelOptions
  ) -> (canvas: Canvas, images: [PlotImage]) {
    var canvas = Canvas(width: width, height: height)
    let shown = state.overlays.isEmpty && state.quiz == nil && symbols != .ascii ? pixels : nil
    let images = ImageList()
    draw(
      state, symbols: symbols, colorRamp: colorRamp, derived: derived,
      titleReserve: titleReserve, pixels: shown, images: images, on: &canvas)
    return (canvas, images.images)
  }

  /// What the mouse can touch in the frame of a terminal of `width × height`: the regions the
  /// widgets register, laid out exactly as ``render(_:width:height:symbols:colorRamp:)`` lays
  /// them out, on a measuring canvas that stores no cells and skips the pixels and dots. A click
  /// costs a layout, not a frame (at 1000×500, a frame is half a million cells).
  public static func regions(
    _ state: DashboardState, width: Int, height: Int, symbols: SymbolSet = .braille,
    derived: Derived = Derived()
  ) -> [HitRegion] {
    var canvas = Canvas(measuringWidth: width, height: height)
    return draw(state, symbols: symbols, colorRamp: false, derived: derived, on: &canvas)
  }

  /// Lays the frame out on `canvas` and draws it there (a measuring canvas only lays it out).
  ///
  /// - Returns: What the mouse can touch, as the widgets registered it.
  @discardableResult
  private static func draw(
    _ state: DashboardState, symbols: SymbolSet, colorRamp: Bool, derived: Derived,
    titleReserve: Int = 0, pixels: PixelOptions? = nil, images: ImageList? = nil,
    on canvas: inout Canvas
  ) -> [HitRegion] {
    let (width, height) = (canvas.width, canvas.height)
    canvas.asciiOnly = symbols == .ascii
    var explanation =
      state.explanationVisible
      ? state.lesson.map {
        ExplanationWidget.styledLines($0, state, width: width - 2, ascii: symbols == .ascii)
      } : nil
    // A lesson's quiz takes the panel's last line, where its keys to try were.
    if let quiz = state.quiz, var lines = explanation, !lines.isEmpty {
      lines.removeAll { $0.style.role == .hotkey }
      lines.append(
        (
          QuizWidget.panelLine(
            quiz, state: state, analysis: derived.analysis(state.scenario), symbols: symbols),
          Style(quiz.revealed ? .marker : .hotkey, bold: true)
        ))
      explanation = lines
    }
    guard
      let layout = Layout(
        width: width, height: height, panelLines: explanation?.count ?? 0,
        classes: state.scenario.classes)
    else {
      Overlays.tooSmall(on: &canvas)
      return []
    }
    let context = RenderContext(
      state: state, derived: derived, symbols: symbols, colorRamp: colorRamp, pixels: pixels)
    defer { images?.images = context.images.images }
    drawTitle(context, in: layout.title, reserve: titleReserve, on: &canvas)
    let body = Rect(
      x: 0, y: layout.title.maxY, width: width, height: layout.keyBar.y - layout.title.maxY)
    if state.presenting || state.view != .dashboard {
      // A lesson's panel goes under the other views too, so its steps read and move the same
      // in every view; the view keeps 15 rows (at 80×24 the panel shows four lines and scrolls).
      var view = body
      if !state.presenting, let lesson = state.lesson, let explanation {
        let panel = min(explanation.count + 2, max(5, body.height - 15))
        view.height -= panel
        ExplanationWidget.draw(
          lesson, lines: explanation, context: context,
          in: Rect(x: body.x, y: view.maxY, width: body.width, height: panel), on: &canvas)
      }
      switch (state.presenting, state.view) {
      case (true, _): PresenterView.draw(context, in: body, on: &canvas)
      case (false, .compare): CompareView.draw(context, in: view, on: &canvas)
      case (false, .landscape): LandscapeView.draw(context, in: view, on: &canvas)
      case (false, .dashboard): break
      }
      KeyBarWidget.draw(context, in: layout.keyBar, on: &canvas)
      drawOverlays(context, layout: layout, on: &canvas)
      return context.hits.regions
    }
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
    drawOverlays(context, layout: layout, on: &canvas)
    return context.hits.regions
  }

  /// A demo's caption on the key bar, then the state string, the lesson picker and help on top.
  private static func drawOverlays(
    _ context: RenderContext, layout: Layout, on canvas: inout Canvas
  ) {
    let state = context.state
    // A demo's caption takes the bottom line, centred, for the people watching.
    if let caption = state.caption { drawCaption(caption, in: layout.keyBar, on: &canvas) }
    if let quiz = state.quiz, state.view == .dashboard, !state.presenting,
      !(state.explanationVisible && state.lesson != nil)
    {
      QuizWidget.draw(
        context, quiz,
        in: Rect(
          x: 0, y: layout.title.maxY, width: canvas.width,
          height: layout.keyBar.y - layout.title.maxY), on: &canvas)
    }
    if state.stateStringVisible { Overlays.stateString(context, on: &canvas) }
    if state.pickerVisible { Overlays.lessonPicker(context, on: &canvas) }
    if state.helpVisible { Overlays.help(context, on: &canvas) }
  }

  /// The title bar: as many whole items as fit, the least needed dropped first (never cut
  /// mid-word, never overwritten), and the status at the right end.
  private static func drawTitle(
    _ context: RenderContext, in rect: Rect, reserve: Int, on canvas: inout Canvas
  ) {
    let state = context.state
    let scenario = state.scenario
    canvas.fill(rect, with: Cell(" ", Style(.keyBar, reverse: true)))
    let right = titleStatus(state)
    // (text, priority: lower is dropped first, bold title?) in display order.
    var items: [(text: String, priority: Int, title: Bool)] = [
      ("LossScope", 6, true),
      (state.view == .dashboard ? "" : "\(state.view.rawValue) view", 5, true),
      (state.lessonID.map { "lesson \($0)" } ?? "", 3, true),
      (scenario.lossTitle, 5, true),
      ("Tab", 0, true),
      ("sample \(context.sampleIndex + 1)/\(scenario.samples.count)", 2, false),
      (scenario.targetTitle(context.sample), 4, false),
      ("class \(state.selectedClass)", 1, false),
    ].filter { !$0.text.isEmpty }
    func length(_ items: [(text: String, priority: Int, title: Bool)]) -> Int {
      1 + items.reduce(0) { $0 + $1.text.count } + 3 * max(0, items.count - 1) + 2
    }
    while length(items) > rect.width - right.count - reserve,
      let lowest = items.indices.min(by: { items[$0].priority < items[$1].priority })
    {
      items.remove(at: lowest)
    }
    var x = rect.x + 1
    for (index, item) in items.enumerated() {
      if index > 0 {
        x = canvas.text(" · ", x: x, y: rect.y, style: Style(.keyBar, reverse: true), clip: rect)
      }
      x = canvas.text(
        item.text, x: x, y: rect.y,
        style: Style(item.title ? .title : .keyBar, bold: item.title, reverse: true), clip: rect)
    }
    canvas.text(
      right, x: rect.maxX - right.count, y: rect.y,
      style: Style(.keyBar, bold: state.running, reverse: true), clip: rect)
  }

  /// A caption across a line, centred, cut with an ellipsis where it does not fit. `play`
  /// draws it one line higher, above its progress line.
  public static func drawCaption(_ caption: String, in rect: Rect, on canvas: inout Canvas) {
    canvas.fill(rect, with: Cell(" ", Style(.title, bold: true, reverse: true)))
    let text =
      caption.count > rect.width - 2
      ? String(caption.prefix(max(0, rect.width - 3))) + "…" : caption
    canvas.text(
      text, x: rect.x + max(1, (rect.width - text.count) / 2), y: rect.y,
      style: Style(.title, bold: true, reverse: true), clip: rect)
  }

  /// A marker's label: the loss function and the loss on screen (`cross_entropy loss 0.4170`),
  /// from the analysis.
  public static func markerLabel(_ state: DashboardState, derived: Derived = Derived()) -> String {
    let loss = derived.analysis(state.scenario).totalLoss
    return "\(state.scenario.loss.rawValue) loss \(NumberFormat.fixed4(loss))"
  }

  /// A picture's title (an exported frame's accessible name): the view, the loss and its value,
  /// such as `LossScope: cross-entropy, loss 0.4170 (mean)`.
  public static func pictureTitle(_ state: DashboardState, derived: Derived = Derived())
    -> String
  {
    let view = state.view == .dashboard ? "" : " (\(state.view.rawValue) view)"
    return "LossScope\(view): \(state.scenario.lossTitle), loss "
      + NumberFormat.fixed4(derived.analysis(state.scenario).totalLoss)
      + " (\(state.scenario.reduction.rawValue))"
  }

  /// The right end of the title bar (`▶ running  ? help `); a front end's own badges go left of it.
  public static func titleStatus(_ state: DashboardState) -> String {
    (state.running ? "▶ running  " : "") + "? help "
  }
}
