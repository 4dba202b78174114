/// What every widget reads: the state, its analysis and the glyphs to draw with.
public struct RenderContext: Sendable {
  public let state: DashboardState
  public let analysis: Analysis
  public let symbols: SymbolSet

  public init(state: DashboardState, symbols: SymbolSet) {
    self.state = state
    analysis = Analysis(state.scenario)
    self.symbols = symbols
  }

  /// The selected sample's index, logits, target and probabilities.
  var sampleIndex: Int { state.selectedSample }
  var sample: Scenario.Sample { state.sample }
  var probabilities: [Float] { analysis.probabilities[sampleIndex] }
  var gradient: [Float] { analysis.gradients[sampleIndex] }
  var classes: Int { state.scenario.classes }

  /// The rows of a list of `count` classes that fit in `height` lines, kept around the selection.
  func visibleClasses(height: Int) -> Range<Int> {
    let count = classes
    guard height > 0 else { return 0..<0 }
    guard count > height else { return 0..<count }
    let start = min(max(0, state.selectedClass - height / 2), count - height)
    return start..<(start + height)
  }

  /// A class's label, right-aligned to the widest index.
  func classLabel(_ c: Int) -> String {
    let width = String(classes - 1).count
    let text = String(c)
    return String(repeating: " ", count: width - text.count) + text
  }
}
