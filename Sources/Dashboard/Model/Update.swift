import Losses
import SafeText
import TerminalInput
import Benchmarks

/// Applies one action to a state: what ``step(_:_:derived:)`` does for each action an input
/// maps to.
///
/// Pure: the same state and action always give the same result, which is what makes replaying a
/// recording deterministic. Changes to the scenario push the previous one for undo and append
/// the new loss to the history. Package-wide, for tests of single actions: the program itself
/// goes through ``step(_:_:derived:)``.
///
/// - Parameters:
///   - state: The current state.
///   - action: What the user did.
///   - derived: The memo of analyses (a fresh one computes what it needs).
/// - Returns: The new state.
package func update(_ state: DashboardState, _ action: Action, derived: Derived = Derived())
  -> DashboardState
{
  var next = state
  let classes = state.scenario.classes
  switch action {
  case .nudgeLogit(let delta):
    next.editLogits(derived) { $0[state.selectedClass] += delta }
  case .nudgeTargetLogit(let delta):
    next.editLogits(derived) { $0[state.sample.target] += delta }
  case .cycleView, .highlightCurve, .chooseCurve, .zoomLandscape, .chooseClass, .setProbability,
    .placePoint,
    .grab:
    next.applyPointerOrView(action, derived)
  case .selectClass(let step):
    next.selectedClass = (state.selectedClass + step + classes) % classes
    // The landscape's second logit is never the target's own.
    if state.view == .landscape, classes > 1, next.selectedClass == state.sample.target {
      next.selectedClass = (next.selectedClass + step + classes) % classes
    }
  case .setTarget:
    let (i, c) = (state.selectedSample, state.selectedClass)
    next.edit(derived, column: .target) { scenario in
      switch scenario.targetForm {
      case .classIndex:
        scenario.samples[i].target = c
      case .multiLabel:
        // t toggles the selected logit's target between 0 and 1 (a fraction becomes 1).
        var labels = scenario.samples[i].targetRow(classes: scenario.classes)
        labels[c] = labels[c] >= 1 ? 0 : 1
        scenario.samples[i].labels = labels
        scenario.samples[i].target = Scenario.Sample.largest(labels)
      case .probabilities:
        // t moves a tenth of the probability to the selected class, from the others in
        // proportion, so the row still adds up to 1.
        var labels = scenario.samples[i].targetRow(classes: scenario.classes)
        let moved = min(0.1, 1 - labels[c])
        let rest = 1 - labels[c]
        for k in labels.indices where k != c {
          labels[k] = rest > 0 ? labels[k] * (1 - moved / rest) : 0
        }
        labels[c] += moved
        labels = labels.map { ($0 * 10_000).rounded() / 10_000 }
        scenario.samples[i].labels = labels
        scenario.samples[i].target = Scenario.Sample.largest(labels)
      }
    }
  case .cycleTargetForm:
    let form = state.scenario.targetForm.next()
    guard form != .classIndex || state.scenario.classes >= 2 else {
      next.notice = "a binary sample of one logit needs a target per logit"
      break
    }
    next.edit(derived, column: .target) { scenario in
      let c = scenario.classes
      for i in scenario.samples.indices {
        let row = scenario.samples[i].targetRow(classes: c)
        switch form {
        case .classIndex:
          scenario.samples[i].labels = nil
        case .multiLabel:
          scenario.samples[i].labels = row
        case .probabilities:
          // Each row normalised (an empty row becomes its class's one-hot).
          let total = row.reduce(0, +)
          scenario.samples[i].labels =
            total > 0
            ? row.map { ($0 / total * 10_000).rounded() / 10_000 }
            : (0..<c).map { $0 == scenario.samples[i].target ? 1 : 0 }
        }
        if let labels = scenario.samples[i].labels {
          scenario.samples[i].target = Scenario.Sample.largest(labels)
        }
      }
      scenario.targetForm = form
    }
    next.notice = "targets: " + form.description
  case .nudgeWeight(let delta):
    next.edit(derived, column: .weight) {
      $0.weights[state.selectedClass] = min(
        Scenario.weightLimit, max(0, rounded($0.weights[state.selectedClass] + delta)))
    }
  case .cycleLoss(let step):
    next.edit(derived) { $0.loss = $0.loss.cycled(by: step) }
    next.rescaleCurve()
  case .cycleReduction:
    next.edit(derived) { scenario in
      switch scenario.reduction {
      case .mean: scenario.reduction = .sum
      case .sum: scenario.reduction = .none
      case .none, .batchmean: scenario.reduction = .mean
      }
    }
  case .nudgeSmoothing(let delta):
    next.edit(derived, column: .target) {
      $0.labelSmoothing = min(1, max(0, rounded($0.labelSmoothing + delta)))
    }
  case .nudgeGamma(let delta):
    next.edit(derived) { $0.focalGamma = min(5, max(0, rounded($0.focalGamma + delta))) }
  case .selectSample(let step):
    let count = state.scenario.samples.count
    next.selectedSample = (state.selectedSample + step + count) % count
  case .addSample:
    guard state.training == nil, state.scenario.samples.count < Scenario.maximumSamples else {
      return state
    }
    next.edit(derived) { $0.samples.insert(state.sample, at: state.selectedSample + 1) }
    next.selectedSample = state.selectedSample + 1
  case .removeSample:
    guard state.training == nil, state.scenario.samples.count > 1 else { return state }
    next.edit(derived) { $0.samples.remove(at: state.selectedSample) }
    next.selectedSample = min(state.selectedSample, next.scenario.samples.count - 1)
  case .descend:
    next.descend(undoable: true, derived)
    if state.view == .landscape { next.extendPath(from: state, derived) }
  case .tick:
    // A continuous run is one undo step: the state before it was saved when it started.
    guard state.running else { return state }
    next.descend(undoable: false, derived)
    if state.view == .landscape { next.extendPath(from: state, derived) }
  case .scaleLearningRate(let factor):
    let rate = state.scenario.learningRate * factor
    guard Scenario.learningRates.contains(rate) else { return state }
    next.edit(derived) { $0.learningRate = rate }
  case .toggleRunning:
    guard state.measurements == nil else { return state }
    next.running.toggle()
    // A continuous run is one undo step.
    if next.running { next.openUndoStep() } else { next.closeUndoStep() }
  case .marker:
    next.markerCount += 1
    next.notice = "marker \(next.markerCount)"
  case .exportFrame:
    break
  case .setCaption(let text):
    // Text from a file: shown, never obeyed (no escape sequence reaches the terminal).
    next.caption = text.flatMap {
      $0.isEmpty ? nil : String(TerminalSafe.escaped($0).prefix(DashboardState.captionLimit))
    }
  case .undo:
    guard let previous = next.undoStack.popLast() else { return state }
    next.scenario = previous.scenario
    next.training = previous.training
    next.running = false
    next.clampSelection()
    next.recordLoss(derived)
  case .reset:
    next.edit(derived, training: state.initialTraining) { $0 = state.initial }
    next.clampSelection()
    next.running = false
    next.rescaleCurve()
  case .nextTheme:
    next.themeIndex += 1
  case .toggleLogScale:
    next.logScale.toggle()
    next.rescaleCurve()
  case .toggleProbabilityAxis:
    next.probabilityAxis = state.probabilityAxis == .linear ? .logarithmic : .linear
  case .toggleAllSamples:
    next.allSamplesShown.toggle()
    if next.allSamplesShown, state.scenario.samples.count == 1 {
      next.notice = "one sample: a adds a copy to compare"
    }
  case .toggleStateString:
    if state.stateStringVisible {
      next.overlays.removeAll { if case .stateString = $0 { true } else { false } }
    } else {
      next.overlays.append(.stateString(offset: 0))
    }
  case .scrollStateString(let step):
    let length = StateString.encode(state.scenario).count
    let offset = min(max(0, state.stateStringOffset + step), max(0, length - 1))
    next.overlays = state.overlays.map {
      if case .stateString = $0 { .stateString(offset: offset) } else { $0 }
    }
  case .copyStateString:
    // The front end copies; the state says it was asked.
    next.notice = "state string sent to the clipboard (OSC 52; some terminals ignore it)"
  case .toggleHelp:
    if state.helpVisible {
      next.overlays.removeAll { if case .help = $0 { true } else { false } }
    } else {
      next.overlays.append(.help(offset: 0))
    }
  case .scrollHelp(let step):
    let offset = min(max(0, state.helpOffset + step), Keymap.help.count - 1)
    next.overlays = state.overlays.map { if case .help = $0 { .help(offset: offset) } else { $0 } }
  case .togglePresenter:
    next.presenting.toggle()
  case .dismiss:
    // Esc closes the help and the state string; the lesson picker has its own Esc. With none
    // open, it closes a revealed quiz.
    if state.overlays.isEmpty { next.quiz = nil }
    next.overlays.removeAll { if case .picker = $0 { false } else { true } }
  case .startQuiz:
    guard state.view == .dashboard, !state.presenting else {
      next.notice = "a quiz runs in the dashboard view: v (or z) back to it first"
      break
    }
    if let quiz = state.quiz, !quiz.revealed {
      next.quiz = Quiz(question: quiz.question.next())
    } else {
      next.quiz = Quiz(question: state.quiz?.question ?? .loss)
    }
    next.running = false
  case .typeGuess(let c):
    next.quiz?.type(c)
  case .eraseGuess:
    next.quiz?.erase()
  case .revealQuiz:
    next.quiz?.reveal()
  case .endQuiz:
    next.quiz = nil
  case .quit:
    next.quitRequested = true
  case .toggleLessons:
    if state.pickerVisible {
      next.overlays.removeAll { if case .picker = $0 { true } else { false } }
    } else {
      next.overlays.append(
        .picker(index: LessonCatalog.all.firstIndex { $0.id == state.lessonID } ?? 0))
    }
  case .movePicker(let step):
    let count = LessonCatalog.all.count
    let index = (state.pickerIndex + step % count + count) % count
    next.overlays = state.overlays.map {
      if case .picker = $0 { .picker(index: index) } else { $0 }
    }
  case .openPickedLesson:
    guard LessonCatalog.all.indices.contains(state.pickerIndex) else { return state }
    next = DashboardState(
      lesson: LessonCatalog.all[state.pickerIndex], theme: state.themeIndex,
      replay: state.isReplay)
    next.markerCount = state.markerCount
    next.logScale = state.logScale
    next.probabilityAxis = state.probabilityAxis
    next.rescaleCurve()
  case .toggleExplanation:
    next.explanationVisible.toggle()
  case .changeLessonStep(let delta):
    guard let lesson = state.lesson else {
      next.notice = "no lesson is open: L opens one"
      break
    }
    let target = min(max(0, state.lessonStep + delta), lesson.steps.count - 1)
    guard target != state.lessonStep else {
      next.notice =
        delta > 0
        ? "the lesson's last step (\(lesson.steps.count)/\(lesson.steps.count)): , goes back"
        : "the lesson's first step: . goes on"
      break
    }
    next.lessonStep = target
    next.lessonScroll = 0
    next.explanationVisible = true
    next.markerCount += 1
    if let view = lesson.steps[target].view { next.show(view, derived) }
    if let scenario = lesson.steps[target].scenario, scenario != next.scenario, next.training == nil
    {
      next.edit(derived) { $0 = scenario }
      next.selectedSample = 0
      next.selectedClass = scenario.samples[0].target
      next.clampSelection()
      next.rescaleCurve()
    }
    if let all = lesson.steps[target].allSamples { next.allSamplesShown = all }
    // A prediction step opens its quiz; any other step closes one.
    next.quiz = lesson.steps[target].quiz.map(Quiz.init(question:))
    if let loss = lesson.steps[target].loss, loss != next.scenario.loss {
      next.edit(derived) { $0.loss = loss }
    }
  case .scrollLesson(let delta):
    // The panel clamps what it shows to what it has; the state keeps no more than every line.
    let most = state.lesson.map { ExplanationWidget.lineLimit($0, state) } ?? 0
    next.lessonScroll = min(max(0, state.lessonScroll + delta), most)
  case .recordMeasurement(let measurement):
    // Only the size being measured: a result that arrives after g restarted the table is dropped.
    guard var measurements = state.measurements,
      let slot = measurements.firstIndex(where: { $0 == nil }),
      VocabularyMeasurement.sizes[slot] == (measurement.batch, measurement.classes)
    else { return state }
    measurements[slot] = measurement
    next.measurements = measurements
  }
  // A notice lasts until the next thing the user does (not a tick, a measurement or a caption).
  if next.notice != nil, next.notice == state.notice, action.isUsers { next.notice = nil }
  // A path belongs to the plane it was walked on: any other change of the scenario ends it.
  if next.scenario != state.scenario, action != .descend, action != .tick {
    next.descentPath = []
  }
  if next.view == .landscape { next.refreshLandscape(derived) }
  return next
}

/// Rounds to a multiple of 0.01 (avoids 0.30000001 in weights and smoothing after many nudges).
private func rounded(_ x: Float) -> Float { (x * 100).rounded() / 100 }

extension DashboardState {
  /// Changes the scenario (and, in the training lesson, the layer), remembering the old ones for
  /// undo and the new loss for the history.
  mutating func edit(
    _ derived: Derived, training newTraining: TrainingSetup?? = .none,
    column: PipelineColumn? = nil, undoable: Bool = true,
    _ change: (inout Scenario) -> Void
  ) {
    var changed = scenario
    change(&changed)
    // Every state stays one a state string can hold: logits within the limit, none NaN.
    for i in changed.samples.indices {
      for c in changed.samples[i].logits.indices {
        let z = changed.samples[i].logits[c]
        guard !z.isNaN else { return }
        changed.samples[i].logits[c] = min(max(z, -Scenario.logitLimit), Scenario.logitLimit)
      }
    }
    let trainingChanged = newTraining.map { $0 != training } ?? false
    guard changed != scenario || trainingChanged else { return }
    // A drag is one undo step: the state before it was saved when the mouse took hold.
    if undoable && grab == nil { openUndoStep() }
    scenario = changed
    if let newTraining { training = newTraining }
    lastEdit = column
    recordLoss(derived)
  }

  /// One descent step: in the large-vocab lesson it starts a measurement (the front end performs
  /// it); in the training lesson a real SGD step of its Linear layer through Autograd, at the rate
  /// shown; otherwise every logit moves by `−lr·∂L/∂z`.
  ///
  /// - Parameters:
  ///   - undoable: Whether undo can take this step back on its own (not for the ticks of a
  ///     continuous run, which is undone whole).
  ///   - derived: The memo the gradients come from.
  mutating func descend(undoable: Bool, _ derived: Derived) {
    if measurements != nil {
      measurements = Array(repeating: nil, count: VocabularyMeasurement.sizes.count)
      return
    }
    if let training {
      guard
        let stepped = training.stepped(target: sample.target, learningRate: scenario.learningRate)
      else { return }
      edit(derived, training: stepped, column: .logit, undoable: undoable) {
        $0.samples[0].logits = stepped.logits
      }
      return
    }
    let analysis = derived.analysis(scenario)
    var gradients = analysis.gradients
    guard gradients.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return }
    // The landscape is a plane of two logits: descent there moves only those two, so the path
    // stays on the picture it is drawn on.
    if view == .landscape, let second = secondClass(analysis) {
      let target = sample.target
      gradients = gradients.indices.map { i in
        gradients[i].indices.map { c in
          i == selectedSample && (c == target || c == second) ? gradients[i][c] : 0
        }
      }
    }
    let classes = scenario.classes
    edit(derived, column: .logit, undoable: undoable) { scenario in
      for (i, row) in gradients.enumerated() {
        for c in 0..<classes { scenario.samples[i].logits[c] -= scenario.learningRate * row[c] }
      }
    }
  }

  /// Saves the scenario (and layer) for undo: before an edit, or where a run or a drag starts
  /// that undo takes back whole.
  mutating func openUndoStep() {
    undoStack.append(UndoEntry(scenario: scenario, training: training))
  }

  /// Ends a run or a drag: a step that changed nothing leaves nothing to undo.
  mutating func closeUndoStep() {
    if let last = undoStack.last, last.scenario == scenario, last.training == training {
      undoStack.removeLast()
    }
  }

  /// Appends the current loss to the history.
  mutating func recordLoss(_ derived: Derived) {
    lossHistory.append(derived.analysis(scenario).totalLoss)
    if lossHistory.count > DashboardState.historyLimit { lossHistory.removeFirst() }
  }

  /// Fits the curve's y-axis to the current loss and scale.
  mutating func rescaleCurve() {
    curveAxis = CurveAxis(
      scenario: scenario, sample: min(selectedSample, scenario.samples.count - 1),
      logScale: logScale)
  }

  /// Keeps the selections inside the scenario after it shrinks.
  mutating func clampSelection() {
    selectedSample = min(selectedSample, scenario.samples.count - 1)
    selectedClass = min(selectedClass, scenario.classes - 1)
  }
}
