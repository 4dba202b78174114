/// What every widget reads: the state, its analysis and the glyphs to draw with.
public struct RenderContext: Sendable {
  public let state: DashboardState
  public let analysis: Analysis
  public let symbols: SymbolSet
  /// Whether the frame will be shown with the theme's colour ramp (the landscape draws a
  /// heatmap in colour); otherwise shades are characters.
  public let colorRamp: Bool

  public init(state: DashboardState, symbols: SymbolSet, colorRamp: Bool = false) {
    self.state = state
    analysis = state.analysis
    self.symbols = symbols
    self.colorRamp = colorRamp && symbols != .ascii
  }

  /// The selected sample's index, logits, target and probabilities.
  var sampleIndex: Int { state.selectedSample }
  var sample: Scenario.Sample { state.sample }
  var probabilities: [Float] { analysis.probabilities[sampleIndex] }
  var gradient: [Float] { analysis.gradients[sampleIndex] }
  var classes: Int { state.scenario.classes }
  /// The softmax probability of the selected sample's target, from the Analysis (the compare
  /// view's x-axis; BCE's own sigmoid is not its `p_y`).
  var targetProbability: Float { analysis.targetSoftmax[sampleIndex] }

  /// The classes a list shows in `height` lines: all of them if they fit; otherwise the target,
  /// the selected class and the most probable ones, in class order, with how many are hidden
  /// (the list then gives its last line to `+17 more`).
  func visibleClasses(height: Int) -> (rows: [Int], hidden: Int) {
    let count = classes
    guard height > 0 else { return ([], count) }
    guard count > height else { return (Array(0..<count), 0) }
    let room = max(1, height - 1)
    var chosen: [Int] = [sample.target]
    if state.selectedClass != sample.target { chosen.append(state.selectedClass) }
    let p = probabilities
    for c in (0..<count).sorted(by: { (p[$0].isNaN ? -1 : p[$0]) > (p[$1].isNaN ? -1 : p[$1]) })
    where chosen.count < room && !chosen.contains(c) {
      chosen.append(c)
    }
    let rows = Array(chosen.prefix(room)).sorted()
    return (rows, count - rows.count)
  }

  /// A class's row head in the lists: the selection glyph, the target glyph, and the label
  /// (reversed when selected), from column `x`; the row's content starts at `x + 3 + width`.
  func drawClassHead(_ c: Int, x: Int, y: Int, on canvas: inout Canvas) {
    let selected = c == state.selectedClass
    if selected {
      canvas.put(symbols.selectionGlyph, x: x, y: y, style: Style(.selected, bold: true))
    }
    if c == sample.target {
      canvas.put(symbols.targetGlyph, x: x + 1, y: y, style: Style(.target, bold: true))
    }
    canvas.text(
      classLabel(c), x: x + 3, y: y,
      style: Style(selected ? .selected : .text, bold: selected, reverse: selected))
  }

  /// `+17 more` under a list that hides classes.
  func drawHidden(_ hidden: Int, x: Int, y: Int, clip: Rect, on canvas: inout Canvas) {
    guard hidden > 0 else { return }
    canvas.text(
      "+\(hidden) more (the target, the selection and the largest p are shown)", x: x, y: y,
      style: .dim, clip: clip)
  }

  /// `ℓ`, or `l` where the symbols are plain ASCII.
  var ell: String { symbols == .ascii ? "l" : "ℓ" }

  /// A class's label, right-aligned to the widest index.
  func classLabel(_ c: Int) -> String {
    let width = String(classes - 1).count
    let text = String(c)
    return String(repeating: " ", count: width - text.count) + text
  }
}
