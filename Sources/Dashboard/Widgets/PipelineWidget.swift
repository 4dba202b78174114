import Canvas
/// The pipeline table: one row per class of the selected sample, from the logit to its
/// gradient, `z → e^(z−max) → p`, the target `y` (smoothed when ε > 0), the class weight `w`, and
/// `∂L/∂z`. The selected row is highlighted, and so is the column the last change touched.
///
/// Where the layout has no room for the bar panels, the table carries small bars of its own
/// for `p` and `∂L/∂z` in whatever width is left.
enum PipelineWidget {
  struct Column {
    var header: String
    var width: Int
    var kind: DashboardState.PipelineColumn?
    /// The probability column, after which a bar goes when the table carries its own.
    var isProbability = false
    /// Dropped first when the table is narrow (z, p, y and ∂L/∂z stay).
    var optional = false
    var value: (Int) -> String
  }

  static func draw(
    _ context: RenderContext, in rect: Rect, inlineBars: Bool, on canvas: inout Canvas
  ) {
    let inner = context.box(
      on: &canvas,
      rect, title: context.symbols == .ascii ? "pipeline: z -> p -> l" : "pipeline · z → p → ℓ")
    guard inner.width >= 30, inner.height >= 2 else { return }
    let analysis = context.analysis
    let i = context.sampleIndex
    let z = context.sample.logits
    let link = context.state.scenario.loss.link
    var columns = [
      Column(header: "z", width: 10, kind: .logit) { NumberFormat.fixed4(z[$0]) },
      Column(
        header: link == .sigmoid ? "σ(z)" : link == .logProbability ? "e^z" : "p", width: 8,
        kind: nil, isProbability: true
      ) {
        context.masked(NumberFormat.fixed4(analysis.probabilities[i][$0]), .probability)
      },
      Column(header: "y", width: 7, kind: .target) { NumberFormat.short4(analysis.targets[i][$0]) },
      Column(header: "w", width: 6, kind: .weight, optional: true) {
        NumberFormat.setting(context.state.scenario.weights[$0])
      },
      Column(header: "∂L/∂z", width: 9, kind: .gradient) {
        context.masked(NumberFormat.signed4(analysis.gradients[i][$0]), .gradient)
      },
    ]
    if link == .softmax {
      let exponential = Column(
        header: context.symbols == .ascii ? "e^(z-max)" : "e^(z−max)", width: 10, kind: nil,
        optional: true
      ) {
        NumberFormat.fixed4(analysis.shiftedExponentials[i][$0])
      }
      columns.insert(exponential, at: 1)
    }
    let labelWidth = String(context.classes - 1).count + 3
    var used = labelWidth + columns.reduce(0) { $0 + $1.width }
    // Narrow: drop the optional columns until it fits.
    while used > inner.width, let drop = columns.firstIndex(where: \.optional) {
      used -= columns[drop].width
      columns.remove(at: drop)
    }
    let spare = inner.width - used
    let barWidth = inlineBars && spare >= 8 ? (spare - 2) / 2 : 0

    // Header.
    var x = inner.x + labelWidth
    for column in columns {
      let touched = column.kind != nil && column.kind == context.state.lastEdit
      canvas.text(
        pad(column.header, column.width), x: x, y: inner.y,
        style: Style(touched ? .hotkey : .axis, bold: true, underline: touched), clip: inner)
      x += column.width
      if barWidth > 0, column.isProbability { x += barWidth + 1 }
    }
    let gradientScale = GradientWidget.fullScale(context.gradient)
    let (rows, hidden) = context.visibleClasses(height: inner.height - 1)
    for (row, c) in rows.enumerated() {
      let y = inner.y + 1 + row
      context.region(Rect(x: inner.x, y: y, width: inner.width, height: 1), .classRow(c))
      let selected = c == context.state.selectedClass
      let isTarget = context.isTarget(c)
      context.drawClassHead(c, x: inner.x, y: y, on: &canvas)
      var x = inner.x + labelWidth
      for column in columns {
        let touched = column.kind != nil && column.kind == context.state.lastEdit && selected
        // A hidden gradient's colour would give its sign away.
        let role: Role =
          column.kind == .gradient
          ? (context.hidden.contains(.gradient)
            ? .text : analysis.gradients[i][c] < 0 ? .negative : .positive)
          : (isTarget ? .target : .text)
        canvas.text(
          pad(column.value(c), column.width), x: x, y: y,
          style: Style(
            role, bold: touched || (selected && column.kind == .logit), reverse: touched),
          clip: inner)
        x += column.width
        if barWidth > 0, column.isProbability {
          context.region(
            Rect(x: x + 1, y: y, width: barWidth, height: 1),
            .bar(class: c, x: x + 1, width: barWidth))
          if !context.hidden.contains(.probability) {
            bar(
              context.probabilities[c], width: barWidth, x: x + 1, y: y,
              style: Style(isTarget ? .target : .barFill), context: context, on: &canvas)
          }
          x += barWidth + 1
        }
      }
      if barWidth > 0, !context.hidden.contains(.gradient) {
        // The gradient widget's arrow, on its fixed scale.
        let half = (barWidth - 1) / 2
        GradientWidget.drawArrow(
          analysis.gradients[i][c], scale: gradientScale, center: inner.maxX - barWidth + half,
          half: half, y: y,
          context: context, on: &canvas)
      }
    }
    context.drawHidden(
      hidden, x: inner.x + 3, y: inner.y + 1 + rows.count, clip: inner, on: &canvas)
  }

  /// Right-aligns a value in a column, one space before it.
  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
  }

  static func bar(
    _ value: Float, width: Int, x: Int, y: Int, style: Style, context: RenderContext,
    on canvas: inout Canvas
  ) {
    let eighths = context.symbols.barEighths
    let filled = value.isFinite ? cellCoordinate(min(max(value, 0), 1) * Float(width * 8)) : 0
    for i in 0..<width {
      let eighth = min(8, max(0, filled - i * 8))
      canvas.put(
        eighth > 0 ? eighths[eighth] : (context.symbols == .ascii ? "." : "·"), x: x + i, y: y,
        style: eighth > 0 ? style : Style(.barEmpty, dim: true))
    }
  }
}
