import Losses

/// Everything the dashboard shows and remembers: the scenario and the view around it.
public struct DashboardState: Equatable, Sendable {
  public var scenario: Scenario
  /// The scenario to return to on reset.
  public var initial: Scenario
  public var selectedClass = 0
  public var selectedSample = 0
  /// Earlier scenarios (and training layers), most recent last, for undo.
  public var undoStack: [UndoEntry] = []
  /// Loss after each change, most recent last, for the history sparkline.
  public var lossHistory: [Float] = []
  public var running = false
  public var logScale = false
  public var helpVisible = false
  public var stateStringVisible = false
  /// Index into the theme list; the front end resolves it.
  public var themeIndex = 0
  public var quitRequested = false
  /// The open lesson, if any.
  public var lessonID: String?
  /// Whether the lesson's explanation panel is shown.
  public var explanationVisible = true
  /// The lesson picker (key L) and its highlighted row.
  public var pickerVisible = false
  public var pickerIndex = 0
  /// In the train-linear lesson: the layer whose outputs are the logits.
  public var training: TrainingSetup?
  public var initialTraining: TrainingSetup?
  /// In the large-vocab lesson: one entry per size, filled in as the front end measures.
  public var measurements: [VocabularyMeasurement?]?
  /// Whether this state is a replay, so measurements were made on the recording's machine.
  public var isReplay = false

  /// What undo restores.
  public struct UndoEntry: Equatable, Sendable {
    public var scenario: Scenario
    public var training: TrainingSetup?
  }

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

  /// Opens a lesson: its scenario, its explanation, and (for train-linear) its layer.
  public init(lesson: Lesson) {
    self.init(scenario: lesson.scenario)
    lessonID = lesson.id
    if case .trainLinear(let setup) = lesson.mode {
      training = setup
      initialTraining = setup
    }
    if lesson.mode == .largeVocab { measurements = [] }
  }

  /// The size the front end should measure next, if a measurement is under way.
  public var pendingMeasurement: (batch: Int, classes: Int)? {
    guard let measurements, !measurements.isEmpty, let next = measurements.firstIndex(where: { $0 == nil }) else { return nil }
    return VocabularyBenchmark.sizes[next]
  }

  /// The open lesson.
  public var lesson: Lesson? { lessonID.flatMap(LessonCatalog.lesson) }

  /// The selected sample.
  public var sample: Scenario.Sample { scenario.samples[selectedSample] }
}
