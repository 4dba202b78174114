/// Everything the dashboard shows and remembers: the scenario and the view around it.
public struct DashboardState: Equatable, Sendable {
  public var scenario: Scenario
  /// The scenario to return to on reset.
  public var initial: Scenario
  public var selectedClass = 0
  public var selectedSample = 0
  /// Earlier scenarios, most recent last, for undo.
  public var undoStack: [Scenario] = []
  /// Loss after each change, most recent last, for the history sparkline.
  public var lossHistory: [Float] = []
  public var running = false
  public var logScale = false
  public var helpVisible = false
  public var stateStringVisible = false
  /// Index into the theme list; the front end resolves it.
  public var themeIndex = 0
  public var quitRequested = false

  /// How many undo steps are kept.
  public static let undoLimit = 500
  /// How many history points are kept.
  public static let historyLimit = 512

  public init(scenario: Scenario) {
    self.scenario = scenario
    initial = scenario
    selectedClass = scenario.samples[0].target
    lossHistory = [Analysis.reducedLoss(scenario)]
  }

  /// The selected sample.
  public var sample: Scenario.Sample { scenario.samples[selectedSample] }
}
