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
  /// Presenter mode (key z, `--present`): the curve large, ℓ and p_y in big numerals, the table.
  public var presenting = false
  public var stateStringVisible = false
  /// How far the state string's line is scrolled.
  public var stateStringOffset = 0
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
  /// The scenario's analysis: computed once when the scenario changes, read by every widget.
  public internal(set) var analysis: Analysis
  /// The selected sample's loss curve: computed once per change of the scenario or the sample,
  /// when first drawn.
  public var curve: LossCurve { curveBox.curve }
  var curveBox: CurveBox
  /// The top of the loss curve's y-axis. It changes only when the loss, the scale or the lesson
  /// does, so the point moves along a still curve; a value above it is drawn as an arrow.
  public var curveTop: Float { axisBox.curve.axisTop(logScale: axisLogScale) }
  /// The curve the axis was fitted to (when the loss, scale or lesson last changed), and the scale.
  var axisBox: CurveBox
  var axisLogScale = false
  /// The column of the pipeline table the last change touched, highlighted there.
  public internal(set) var lastEdit: PipelineColumn?
  /// A one-line notice about the last key (why it did nothing), until the next action.
  public internal(set) var notice: String?

  /// The columns of the pipeline table.
  public enum PipelineColumn: Sendable, Equatable {
    case logit, target, weight, gradient
  }

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
    analysis = Analysis(scenario)
    curveBox = CurveBox(scenario, sample: 0)
    axisBox = curveBox
    lossHistory = [analysis.reducedScalar]
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
    guard let measurements, !measurements.isEmpty,
      let next = measurements.firstIndex(where: { $0 == nil })
    else { return nil }
    return VocabularyBenchmark.sizes[next]
  }

  /// The open lesson.
  public var lesson: Lesson? { lessonID.flatMap(LessonCatalog.lesson) }

  /// The selected sample.
  public var sample: Scenario.Sample { scenario.samples[selectedSample] }
}
