import Canvas
/// The landscape view: the selected sample's loss over two of its logits (``HeatmapWidget``)
/// and, beside it, what the picture shows in numbers: the point, ℓ, the gradient, the grid's
/// minimum, the colour scale and the path.
enum LandscapeView {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let state = context.state
    let panelWidth = max(30, min(46, rect.width * 3 / 10))
    let (plotBox, panel) = rect.splitColumns(rect.width - panelWidth)
    let target = state.sample.target
    let second = context.secondClass
    let title =
      second.map {
        "\(context.ell) over z_\(target) → and z_\($0) ↑ · others fixed · [ ] zoom"
      } ?? "\(context.ell) over two logits"
    let inner = context.box(on: &canvas, plotBox, title: title, hotkey: nil)
    let landscape = HeatmapWidget.draw(context, in: inner, on: &canvas)
    guard let landscape else {
      _ = context.box(on: &canvas, panel, title: "landscape · g descends", hotkey: "g")
      return
    }
    drawPanel(context, landscape: landscape, in: panel, on: &canvas)
  }

  /// The point, ℓ, the gradient, the grid's minimum, the path, what the picture shows, and the
  /// colour scale, in a box titled with `g`.
  static func drawPanel(
    _ context: RenderContext, landscape: Landscape, in panel: Rect, on canvas: inout Canvas
  ) {
    let state = context.state
    let target = state.sample.target
    let ascii = context.symbols == .ascii
    let panelInner = context.box(
      on: &canvas,
      panel, title: "landscape · g descends", hotkey: "g")
    guard let second = context.secondClass, panelInner.width >= 20 else { return }
    var lines: [(String, Style)] = []
    let z = state.sample.logits
    let gradient = context.analysis.gradients[state.selectedSample]
    let d = ascii ? "dL/dz_" : "∂L/∂z_"
    lines.append(
      ("point  z_\(target) = \(NumberFormat.fixed4(z[target]))", Style(.selected, bold: true)))
    lines.append(
      ("       z_\(second) = \(NumberFormat.fixed4(z[second]))", Style(.selected, bold: true)))
    lines.append(
      (
        "\(context.ell) = \(NumberFormat.fixed4(context.analysis.perSample[state.selectedSample]))",
        Style(.marker, bold: true)
      ))
    lines.append(("\(d)\(target) = \(NumberFormat.signed4(gradient[target]))", .text))
    lines.append(("\(d)\(second) = \(NumberFormat.signed4(gradient[second]))", .text))
    lines.append(("", .text))
    if let minimum = landscape.minimumPixel {
      let x = landscape.window.x(
        column: minimum.column, columns: landscape.columns, pixelRows: landscape.pixelRows)
      let y = landscape.window.y(row: minimum.row, pixelRows: landscape.pixelRows)
      lines.append(
        (
          (ascii ? "m" : "◇") + " grid minimum \(NumberFormat.fixed4(landscape.minimum))",
          Style(.target)
        ))
      lines.append(
        ("  at z_\(target) \(NumberFormat.short(x)), z_\(second) \(NumberFormat.short(y))", .text))
    }
    lines.append(
      (
        "path: \(max(0, state.descentPath.count - 1)) steps · lr \(NumberFormat.setting(state.scenario.learningRate))",
        .text
      ))
    lines.append(("", .text))
    // Folded before it is wrapped, so an ASCII word is never cut at the panel's edge.
    let note = context.symbols == .ascii ? AsciiFold.fold(note(state)) : note(state)
    for line in ExplanationWidget.wrap(note, width: panelInner.width - 1) {
      lines.append((line, .dim))
    }
    var y = panelInner.y
    for (text, style) in lines where y < panelInner.maxY - 3 {
      canvas.text(text, x: panelInner.x + 1, y: y, style: style, clip: panelInner)
      y += 1
    }
    drawScale(
      context, landscape: landscape,
      in: Rect(
        x: panelInner.x + 1, y: panelInner.maxY - 2, width: panelInner.width - 2, height: 2),
      on: &canvas)
  }

  /// The colour (or character) scale: each step, and the loss at both ends and per contour.
  private static func drawScale(
    _ context: RenderContext, landscape: Landscape, in rect: Rect, on canvas: inout Canvas
  ) {
    let steps = context.colorRamp ? 9 : HeatmapWidget.densityRamp.count
    let width = min(rect.width, steps * 3)
    for i in 0..<width {
      let step = i * steps / width
      if context.colorRamp {
        canvas.put("▀", x: rect.x + i, y: rect.y, style: .ramp(top: step, bottom: step))
      } else {
        canvas.put(
          HeatmapWidget.densityRamp[step], x: rect.x + i, y: rect.y,
          style: Style(.text, reverse: true))
      }
    }
    let low = NumberFormat.fixed4(landscape.minimum), high = NumberFormat.fixed4(landscape.maximum)
    canvas.text(low, x: rect.x, y: rect.y + 1, style: Style(.axis), clip: rect)
    canvas.text(
      high, x: rect.x + max(low.count + 1, width - high.count), y: rect.y + 1, style: Style(.axis),
      clip: rect)
    canvas.text(
      ShadeScale.legend, x: rect.x, y: rect.y - 1, style: .dim,
      clip: Rect(x: rect.x, y: rect.y - 1, width: rect.width, height: 1))
  }

  /// What the picture shows for these settings.
  static func note(_ state: DashboardState) -> String {
    let scenario = state.scenario
    if scenario.labelSmoothing > 0 && scenario.loss == .crossEntropy {
      return
        "Label smoothing gives the loss a finite minimum (◇): descent stops there instead of pushing the logits apart forever."
    }
    if scenario.weights.contains(where: { $0 != 1 }) {
      return
        "Class weights scale and tilt the surface: the weighted classes pull harder. g and space move z_y and the second logit only."
    }
    return
      "Without smoothing the loss only falls as z_y grows and the other logit shrinks: no finite minimum (s/S add smoothing). g and space move these two logits only."
  }
}
