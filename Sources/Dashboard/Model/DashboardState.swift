import Losses

/// Everything the dashboard shows and remembers: the scenario and the view around it.
public struct DashboardState: Equatable, Sendable {
  public var scenario: Scenario
  /// The scenario to return to on reset.
  public var initial: Scenario
  public var selectedClass = 0
  public var selectedSample = 0
  /// Earlier scenarios (and training layers), most recent last, for undo.
  public var undoStack = UndoHistory(limit: DashboardState.undoLimit)
  /// Loss after each change, most recent last, for the history sparkline.
  public var lossHistory: [Float] = []
  public var running = false
  public var logScale = false
  public var helpVisible = false
  /// How far the help overlay is scrolled.
  public var helpOffset = 0
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
  /// A demo's caption, shown on the bottom line until the next one.
  public internal(set) var caption: String?
  /// The longest caption kept.
  public static let captionLimit = 200
  /// What the screen shows (key v).
  public var view: DashboardView = .dashboard
  /// The compare view's highlighted curve (Tab).
  public var highlightedCurve: ComparedLoss = .crossEntropy
  /// The landscape view's window, set when the view first shows.
  public var landscapeWindow: LandscapeWindow?
  /// The slice the window and the path belong to; another one recentres the window.
  var landscapeSlice: LandscapeSlice?
  /// The points gradient descent visited in the landscape view, oldest first.
  public internal(set) var descentPath: [SIMD2<Float>] = []
  /// What the mouse is dragging, between a click and its release.
  public internal(set) var grab: PointerGrab?
  var compareBox: LazyBox<SampleKey, CompareCurves>
  var landscapeBox: LazyBox<LandscapeKey, LandscapeGrids>
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
    compareBox = DashboardState.compareBox(scenario, sample: 0)
    landscapeBox = DashboardState.landscapeBox(LandscapeKey(scenario: scenario, sample: 0))
    lossHistory = [analysis.totalLoss]
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
    view = lesson.view
    if view == .landscape { refreshLandscape() }
  }

  /// The size the front end should measure next, if a measurement is under way.
  public var pendingMeasurement: (batch: Int, classes: Int)? {
    guard let measurements, !measurements.isEmpty,
      let next = measurements.firstIndex(where: { $0 == nil })
    else { return nil }
    return VocabularyMeasurement.sizes[next]
  }

  /// The open lesson.
  public var lesson: Lesson? { lessonID.flatMap(LessonCatalog.lesson) }

  /// The selected sample.
  public var sample: Scenario.Sample { scenario.samples[selectedSample] }

  /// The compare view's curves for the selected sample: computed once per change, when drawn.
  public var compareCurves: CompareCurves { compareBox.value }

  /// The class whose logit goes up the landscape: the selected class, or, while the target is
  /// selected, the most probable other class. `nil` with one class.
  public var secondClass: Int? {
    let target = sample.target
    guard scenario.classes > 1 else { return nil }
    if selectedClass != target { return selectedClass }
    let p = analysis.probabilities[selectedSample]
    return (0..<scenario.classes).filter { $0 != target }.max {
      (p[$0].isNaN ? -1 : p[$0]) < (p[$1].isNaN ? -1 : p[$1])
    }
  }

  /// The landscape's point: the target's logit and the second logit.
  public var landscapePoint: SIMD2<Float>? {
    secondClass.map { SIMD2(sample.logits[sample.target], sample.logits[$0]) }
  }

  /// The landscape over the window for a plot of `columns × pixelRows` pixels, computed once per
  /// change of the scenario, the slice or the window (and of the plot's size).
  public func landscape(columns: Int, pixelRows: Int) -> Landscape? {
    landscapeBox.value.landscape(columns: columns, pixelRows: pixelRows)
  }

  static func compareBox(_ scenario: Scenario, sample: Int) -> LazyBox<SampleKey, CompareCurves> {
    LazyBox(SampleKey(scenario: scenario, sample: sample)) {
      CompareCurves($0.scenario, sample: $0.sample)
    }
  }

  static func landscapeBox(_ key: LandscapeKey) -> LazyBox<LandscapeKey, LandscapeGrids> {
    LazyBox(key) { LandscapeGrids($0) }
  }
}

/// What the mouse holds while the button is down.
public enum PointerGrab: Equatable, Sendable {
  /// A class's softmax bar: moving sets its probability.
  case bar(Int)
  /// The loss curve (dashboard or compare view): moving sets `p_y`.
  case curve
  /// The landscape: moving places the point.
  case landscape
}

/// Which plane the landscape shows: the sample, its target and the second class.
struct LandscapeSlice: Equatable, Sendable {
  var sample: Int
  var target: Int
  var second: Int
}
