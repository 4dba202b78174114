import Benchmarks
import Losses

/// Everything the dashboard shows and remembers: the scenario and the view around it.
///
/// A plain value, owned by the core: every field is read by anyone and changed only by
/// ``step(_:_:derived:)`` (and the actions it applies), so the live dashboard, a replay, a demo
/// script and `snapshot --keys` reach the same state from the same inputs. What is derived from
/// it (the analysis, the curves, the landscape) is not kept here but in a ``Derived`` memo.
public struct DashboardState: Equatable, Sendable {
  public internal(set) var scenario: Scenario
  /// The scenario to return to on reset.
  public internal(set) var initial: Scenario
  public internal(set) var selectedClass = 0
  public internal(set) var selectedSample = 0
  /// Earlier scenarios (and training layers), most recent last, for undo.
  public internal(set) var undoStack = UndoHistory(limit: DashboardState.undoLimit)
  /// Loss after each change, most recent last, for the history sparkline.
  public internal(set) var lossHistory: [Float] = []
  public internal(set) var running = false
  public internal(set) var logScale = false
  /// The compare view's `p_y` axis: linear, or logarithmic from 10⁻⁴ (key X).
  public internal(set) var probabilityAxis = ProbabilityAxis.linear
  /// Every sample on the curve as its own numbered point, and each one's share of the reduced
  /// loss in the numbers panel (key A).
  public internal(set) var allSamplesShown = false
  /// Predict, then reveal: the open quiz, if any (key Q, or a lesson's prediction step).
  public internal(set) var quiz: Quiz?
  /// The overlays over the view, bottom first (``mode`` says which takes the keys).
  public internal(set) var overlays: [Overlay] = []
  /// Presenter mode (key z, `--present`): the curve large, ℓ and p_y in big numerals, the table.
  public internal(set) var presenting = false
  /// Index into the theme list (wrapping around it): the theme the session started in, plus one
  /// per `T`. The front end resolves it to colours.
  public internal(set) var themeIndex = 0
  public internal(set) var quitRequested = false
  /// The open lesson, if any.
  public internal(set) var lessonID: String?
  /// The open lesson's step (0-based), and how far its panel is scrolled.
  public internal(set) var lessonStep = 0
  public internal(set) var lessonScroll = 0
  /// Whether the lesson's explanation panel is shown.
  public internal(set) var explanationVisible = true
  /// In the train-linear lesson: the layer whose outputs are the logits.
  public internal(set) var training: TrainingSetup?
  public internal(set) var initialTraining: TrainingSetup?
  /// In the large-vocab lesson: one entry per size, filled in as the front end measures.
  public internal(set) var measurements: [VocabularyMeasurement?]?
  /// Whether this state is a replay, so measurements were made on the recording's machine.
  public internal(set) var isReplay = false
  /// The sample the loss curve's y-axis was fitted to, and its scale. It changes only when the
  /// loss, the scale or the lesson does, so the point moves along a still curve.
  public internal(set) var curveAxis: CurveAxis
  /// A demo's caption, shown on the bottom line until the next one.
  public internal(set) var caption: String?
  /// The longest caption kept.
  public static let captionLimit = 200
  /// What the screen shows (key v).
  public internal(set) var view: DashboardView = .dashboard
  /// The compare view's highlighted curve (Tab).
  public internal(set) var highlightedCurve: ComparedLoss = .crossEntropy
  /// The landscape view's window, set when the view first shows.
  public internal(set) var landscapeWindow: LandscapeWindow?
  /// The plane the window and the path belong to (the sample, its target and the second class);
  /// another one recentres the window.
  public internal(set) var landscapeSlice: LandscapeSlice?
  /// The points gradient descent visited in the landscape view, oldest first.
  public internal(set) var descentPath: [SIMD2<Float>] = []
  /// What the mouse is dragging, between a click and its release.
  public internal(set) var grab: PointerGrab?
  /// The column of the pipeline table the last change touched, highlighted there.
  public internal(set) var lastEdit: PipelineColumn?
  /// A one-line notice (why a key did nothing, a marker, a theme, a written file), until the
  /// next key or mouse report.
  public internal(set) var notice: String?
  /// The markers added (`m`), for the notice that counts them.
  public internal(set) var markerCount = 0

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

  /// A session's start on a scenario.
  ///
  /// - Parameters:
  ///   - scenario: The logits, targets and settings.
  ///   - view: The view to start in (`--view`, a recording's header).
  ///   - presenting: Presenter mode (`--present`).
  ///   - theme: The index of the starting theme in the front end's list.
  ///   - replay: Whether the states are a recording's (measurements are then as recorded).
  public init(
    scenario: Scenario, view: DashboardView = .dashboard, presenting: Bool = false,
    theme: Int = 0, replay: Bool = false
  ) {
    self.scenario = scenario
    initial = scenario
    selectedClass = scenario.samples[0].target
    curveAxis = CurveAxis(scenario: scenario, sample: 0, logScale: false)
    lossHistory = [Derived().analysis(scenario).totalLoss]
    self.presenting = presenting
    themeIndex = theme
    isReplay = replay
    show(view, Derived())
  }

  /// A session's start in a lesson: its scenario, its explanation, its view and (for
  /// train-linear) its layer.
  public init(
    lesson: Lesson, presenting: Bool = false, theme: Int = 0, replay: Bool = false
  ) {
    self.init(scenario: lesson.scenario, presenting: presenting, theme: theme, replay: replay)
    lessonID = lesson.id
    if case .trainLinear(let setup) = lesson.mode {
      training = setup
      initialTraining = setup
    }
    if lesson.mode == .largeVocab { measurements = [] }
    show(lesson.steps.first?.view ?? lesson.view, Derived())
    allSamplesShown = lesson.steps.first?.allSamples ?? false
    quiz = lesson.steps.first?.quiz.map(Quiz.init(question:))
  }

  /// This state shown in another view or in presenter mode (`play --view`, `--present`), for a
  /// picture: the same scenario and selection, nothing stepped.
  public func viewed(in view: DashboardView?, presenting: Bool) -> DashboardState {
    var shown = self
    if presenting { shown.presenting = true }
    if let view { shown.show(view, Derived()) }
    return shown
  }

  /// Who takes the keys now: the overlay on top, or the view.
  public var mode: Mode {
    switch overlays.last {
    case .help: .help
    case .picker: .picker
    case .stateString: .stateString
    case nil: quiz.map { $0.revealed ? .view(view) : .quiz } ?? .view(view)
    }
  }

  /// Whether the help overlay is open, and how far it is scrolled.
  public var helpVisible: Bool { overlays.contains { if case .help = $0 { true } else { false } } }
  public var helpOffset: Int {
    for case .help(let offset) in overlays { return offset }
    return 0
  }
  /// Whether the lesson picker is open, and its highlighted row.
  public var pickerVisible: Bool {
    overlays.contains { if case .picker = $0 { true } else { false } }
  }
  public var pickerIndex: Int {
    for case .picker(let index) in overlays { return index }
    return 0
  }
  /// Whether the state string's line is shown, and how far it is scrolled.
  public var stateStringVisible: Bool {
    overlays.contains { if case .stateString = $0 { true } else { false } }
  }
  public var stateStringOffset: Int {
    for case .stateString(let offset) in overlays { return offset }
    return 0
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

  /// The class whose logit goes up the landscape: the selected class; while the target is
  /// selected, the second class the landscape already shows for this sample and target (it
  /// stays until the user chooses another with ↑/↓, so descent never swaps the axis under the
  /// path), and on a new plane the most probable other class. `nil` with one class.
  ///
  /// - Parameter analysis: The analysis of ``scenario``.
  /// - Returns: The class, or `nil` with one class.
  public func secondClass(_ analysis: Analysis) -> Int? {
    let target = sample.target
    guard scenario.classes > 1 else { return nil }
    if selectedClass != target { return selectedClass }
    if let slice = landscapeSlice, slice.sample == selectedSample, slice.target == target,
      slice.second != target, slice.second < scenario.classes
    {
      return slice.second
    }
    return mostProbableOther(analysis)
  }

  /// The most probable class other than the target (`nil` with one class).
  public func mostProbableOther(_ analysis: Analysis) -> Int? {
    let target = sample.target
    guard scenario.classes > 1 else { return nil }
    let p = analysis.probabilities[selectedSample]
    return (0..<scenario.classes).filter { $0 != target }.max {
      (p[$0].isNaN ? -1 : p[$0]) < (p[$1].isNaN ? -1 : p[$1])
    }
  }

  /// The landscape's point: the target's logit and the second logit.
  public func landscapePoint(_ analysis: Analysis) -> SIMD2<Float>? {
    secondClass(analysis).map { SIMD2(sample.logits[sample.target], sample.logits[$0]) }
  }
}

/// The sample a loss curve's axis was fitted to and its scale: the curve itself comes from a
/// ``Derived`` memo.
public struct CurveAxis: Equatable, Sendable {
  public var scenario: Scenario
  public var sample: Int
  public var logScale: Bool
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

/// Which plane the landscape shows: the sample, its target and the second class; and the most
/// probable other class when it was last drawn (so a change of it is said once).
public struct LandscapeSlice: Equatable, Sendable {
  public var sample: Int
  public var target: Int
  public var second: Int
  public var rival: Int?

  /// Whether two slices are the same plane (whatever their rivals).
  func isPlane(of other: LandscapeSlice) -> Bool {
    sample == other.sample && target == other.target && second == other.second
  }
}
