import Canvas
/// The numbers behind the pictures: the loss to four decimals with its reduction, weights and
/// normaliser, entropy, log-sum-exp beside its naive form, and the active formula.
enum NumbersWidget {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let inner = context.box(
      on: &canvas,
      rect, title: "numbers · r reduction", hotkey: "r")
    guard inner.width >= 10, inner.height >= 1 else { return }
    let scenario = context.state.scenario
    let analysis = context.analysis
    let i = context.sampleIndex
    let target = context.sample.target
    var lines: [(String, Style)] = []
    let lossText =
      scenario.reduction == .none
      ? "[" + analysis.reducedLoss.prefix(4).map(NumberFormat.fixed4).joined(separator: ", ")
        + (analysis.reducedLoss.count > 4 ? ", …]" : "]")
      : NumberFormat.fixed4(analysis.reducedLoss[0])
    lines.append(
      (
        "loss \(context.masked(lossText, .loss))  (\(scenario.reduction.rawValue))",
        Style(.title, bold: true)
      ))
    if context.state.allSamplesShown, scenario.reduction != .none, scenario.samples.count > 1 {
      // Key A: what each sample adds to the reduced loss (ℓ_i ÷ the normaliser for mean).
      let shares = analysis.perSample.map {
        scenario.reduction == .mean ? $0 / analysis.normaliser : $0
      }
      var text = "= " + shares.prefix(3).map(NumberFormat.fixed4).joined(separator: " + ")
      if shares.count > 3 { text += " + …" }
      lines.append((context.masked(text, .loss), Style(.series3, bold: true)))
    }
    if analysis.hasNonFiniteInput {
      lines.append(
        ("⚠ a logit is not finite: nan/inf ahead", Style(.warning, bold: true, reverse: true)))
    }
    lines.append(
      (
        "sample \(i + 1)/\(scenario.samples.count): \(context.ell)=\(context.masked(NumberFormat.fixed4(analysis.perSample[i]), .loss)) p_y=\(context.masked(NumberFormat.fixed4(context.probabilities[target]), .probability))",
        .text
      ))
    if scenario.loss == .nllRows {
      // nll_loss takes the rows as log-probabilities and never checks: say when they are not.
      let sum = analysis.rowExponentialSums[i]
      let normalised = abs(sum - 1) <= 1e-4
      lines.append(
        (
          "Σ e^z = \(NumberFormat.fixed4(sum)): " + (normalised ? "normalised" : "not normalised"),
          normalised ? Style.text : Style(.warning, bold: true)
        ))
    }
    let weights =
      scenario.weights.prefix(8).map(NumberFormat.setting).joined(separator: " ")
      + (scenario.classes > 8 ? " …" : "")
    lines.append(("w [\(weights)]", .text))
    lines.append(
      (
        "mean divides by \(scenario.loss.meanDenominator(scenario)) = \(NumberFormat.fixed4(analysis.normaliser))",
        .text
      ))
    // Only the settings the loss reads; the learning rate is g's, whatever the loss.
    let settings =
      (scenario.loss.usesLabelSmoothing
        ? ["ε \(NumberFormat.setting(scenario.labelSmoothing))"] : [])
      + (scenario.loss.usesGamma ? ["γ \(NumberFormat.setting(scenario.focalGamma))"] : [])
      + ["lr \(NumberFormat.setting(scenario.learningRate))"]
    lines.append((settings.joined(separator: "  "), .text))
    lines.append(
      (
        "H(p) \(context.masked(NumberFormat.fixed4(analysis.entropy[i]), .probability))  lse \(NumberFormat.fixed4(analysis.logSumExp[i]))",
        .text
      ))
    let naive = analysis.naiveLogSumExp[i]
    lines.append(
      (
        "naive log Σe^z = \(NumberFormat.fixed4(naive))",
        naive.isFinite ? Style.text : Style(.warning, bold: true)
      ))
    // The formula wraps rather than being cut (BCE's is longer than the 80×24 panel); folded
    // first where the frame is ASCII, so a folded word is not cut either.
    let formula = scenario.loss.formula(scenario)
    let shown = context.symbols == .ascii ? AsciiFold.fold(formula) : formula
    let formulaLines = ExplanationWidget.wrap(shown, width: max(8, inner.width)).enumerated().map {
      ((($0.offset == 0 ? "" : "  ") + $0.element), Style(.accent))
    }
    // Short of rows (80×24), the lines a reader needs least give the formula its room: the
    // naive log-sum-exp while it is finite, then entropy and log-sum-exp.
    let droppable = [
      naive.isFinite ? lines.firstIndex { $0.0.hasPrefix("naive log") } : nil,
      lines.firstIndex { $0.0.hasPrefix("H(p) ") },
    ].compactMap { $0 }.sorted(by: >)
    var spare = inner.height - lines.count - formulaLines.count
    for index in droppable where spare < 0 {
      lines.remove(at: index)
      spare += 1
    }
    lines += formulaLines
    for (row, line) in lines.prefix(inner.height).enumerated() {
      canvas.text(line.0, x: inner.x, y: inner.y + row, style: line.1, clip: inner)
    }
    // With room to spare (a big screen), the sample's ℓ and p_y again, big enough to read from
    // the back of a room.
    let bigTop = inner.y + lines.count + 1
    let loss = NumberFormat.fixed4(analysis.perSample[i]),
      p = NumberFormat.fixed4(context.probabilities[target])
    if inner.maxY - bigTop >= 2 * (BigDigits.height + 1), inner.width >= BigDigits.width(loss) + 4,
      context.hidden.isDisjoint(with: [.loss, .probability])
    {
      canvas.text(
        context.ell, x: inner.x, y: bigTop + 2, style: Style(.title, bold: true), clip: inner)
      BigDigits.draw(
        loss, x: inner.x + 3, y: bigTop, style: Style(.marker, bold: true), clip: inner,
        symbols: context.symbols, on: &canvas)
      canvas.text(
        "p_y", x: inner.x, y: bigTop + BigDigits.height + 3, style: Style(.title, bold: true),
        clip: inner)
      BigDigits.draw(
        p, x: inner.x + 4, y: bigTop + BigDigits.height + 1, style: Style(.target, bold: true),
        clip: inner, symbols: context.symbols, on: &canvas)
    }
  }
}
