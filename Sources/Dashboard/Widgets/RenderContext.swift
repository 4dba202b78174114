import TerminalInput
import Canvas
import Pixels
/// What every widget reads: the state, what is derived from it (the analysis, the curves, the
/// landscape, all from the render path's one ``Derived`` memo) and the glyphs to draw with; and
/// where widgets say what the mouse can touch.
struct RenderContext {
  let state: DashboardState
  let analysis: Analysis
  let derived: Derived
  let symbols: SymbolSet
  /// Whether the frame will be shown with the theme's colour ramp (the landscape draws a
  /// heatmap in colour); otherwise shades are characters.
  let colorRamp: Bool
  /// The regions widgets register as they lay out.
  let hits: HitMap
  /// Where plots are drawn in pixels (``PlotImage``), the cell size and colours; `nil` for cells.
  let pixels: PixelOptions?
  /// The plots' images, as the widgets register them.
  let images: ImageList

  init(
    state: DashboardState, derived: Derived, symbols: SymbolSet, colorRamp: Bool = false,
    pixels: PixelOptions? = nil
  ) {
    self.state = state
    self.derived = derived
    analysis = derived.analysis(state.scenario)
    self.symbols = symbols
    self.colorRamp = colorRamp && symbols != .ascii
    hits = HitMap()
    self.pixels = pixels
    images = ImageList()
  }

  /// The same frame drawn with other glyphs (the presenter's blocks): the same memo, and the
  /// same regions.
  func drawing(with symbols: SymbolSet) -> RenderContext {
    RenderContext(copying: self, symbols: symbols)
  }

  private init(copying other: RenderContext, symbols: SymbolSet) {
    state = other.state
    derived = other.derived
    analysis = other.analysis
    self.symbols = symbols
    colorRamp = other.colorRamp && symbols != .ascii
    hits = other.hits
    pixels = other.pixels
    images = other.images
  }

  /// Registers a plot's picture over `rect` (its cells stay blank in the frame).
  func image(_ rect: Rect, _ picture: Picture) {
    guard !rect.isEmpty else { return }
    images.images.append(PlotImage(rect: rect, picture: picture))
  }

  /// The selected sample's loss curve.
  var curve: LossCurve { derived.curve(state.scenario, sample: state.selectedSample) }

  /// The top of the loss curve's y-axis: fitted when the loss, the scale or the lesson last
  /// changed, so the point moves along a still curve (a value above it is drawn as an arrow).
  var curveTop: Float {
    let axis = state.curveAxis
    return derived.curve(axis.scenario, sample: axis.sample).axisTop(logScale: axis.logScale)
  }

  /// The compare view's curves for the selected sample.
  var compareCurves: CompareCurves {
    derived.compareCurves(
      state.scenario, sample: state.selectedSample, axis: state.probabilityAxis)
  }

  /// The landscape's second class and point (``DashboardState/secondClass(_:)``).
  var secondClass: Int? { state.secondClass(analysis) }
  var landscapePoint: SIMD2<Float>? { state.landscapePoint(analysis) }

  /// The landscape over the state's window for a plot of `columns × pixelRows` pixels.
  func landscape(columns: Int, pixelRows: Int) -> Landscape? {
    derived.landscape(
      LandscapeKey(
        scenario: state.scenario, sample: state.selectedSample, second: secondClass,
        window: state.landscapeWindow, columns: columns, pixelRows: pixelRows))
  }

  /// Registers what a rectangle stands for when the mouse touches it.
  func region(_ rect: Rect, _ target: HitTarget) {
    guard !rect.isEmpty else { return }
    hits.regions.append(HitRegion(rect, target))
  }

  /// Draws a box (``Canvas/box(_:title:hotkey:symbols:)``); the part of its title around the
  /// hotkey (`g descends`) presses that key when clicked.
  @discardableResult
  func box(on canvas: inout Canvas, _ rect: Rect, title: String = "", hotkey: Character? = nil)
    -> Rect
  {
    let inner = canvas.box(rect, title: title, hotkey: hotkey, symbols: symbols)
    if let hotkey, let key = Key(name: String(hotkey)),
      let span = canvas.hotkeySpan(rect, title: title, hotkey: hotkey)
    {
      region(span, .key(key))
    }
    return inner
  }

  /// What an unrevealed quiz hides (nothing without one).
  var hidden: Set<Quiz.Hidden> { state.quiz?.hidden ?? [] }

  /// `text` as ``Quiz/masked(_:)`` where a quiz hides `what`.
  func masked(_ text: String, _ what: Quiz.Hidden) -> String {
    hidden.contains(what) ? Quiz.masked(text) : text
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
  /// Whether class `c` is marked as a target: the class index, or in the multi-label form every
  /// class with a target of at least ½ (probability targets mark their largest).
  func isTarget(_ c: Int) -> Bool {
    guard state.scenario.targetForm == .multiLabel, let labels = sample.labels else {
      return c == sample.target
    }
    return labels[c] >= 0.5
  }

  func drawClassHead(_ c: Int, x: Int, y: Int, on canvas: inout Canvas) {
    let selected = c == state.selectedClass
    if selected {
      canvas.put(symbols.selectionGlyph, x: x, y: y, style: Style(.selected, bold: true))
    }
    if isTarget(c) {
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
