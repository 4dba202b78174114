import Losses
import SafeText

/// Applies one action to a state: the dashboard's only way to change.
///
/// Pure: the same state and action always give the same result, which is what makes replaying a
/// recording deterministic. Changes to the scenario push the previous one for undo and append
/// the new loss to the history.
///
/// - Parameters:
///   - state: The current state.
///   - action: What the user did.
/// - Returns: The new state.
public func update(_ state: DashboardState, _ action: Action) -> DashboardState {
  var next = state
  let classes = state.scenario.classes
  switch action {
  case .nudgeLogit(let delta):
    next.editLogits { $0[state.selectedClass] += delta }
  case .nudgeTargetLogit(let delta):
    next.editLogits { $0[state.sample.target] += delta }
  case .cycleView, .highlightCurve, .chooseCurve, .zoomLandscape, .chooseClass, .setProbability,
    .placePoint,
    .grab:
    next.applyPointerOrView(action)
  case .selectClass(let step):
    next.selectedClass = (state.selectedClass + step + classes) % classes
    // The landscape's second logit is never the target's own.
    if state.view == .landscape, classes > 1, next.selectedClass == state.sample.target {
      next.selectedClass = (next.selectedClass + step + classes) % classes
    }
  case .setTarget:
    next.edit(column: .target) { $0.samples[state.selectedSample].target = state.selectedClass }
  case .nudgeWeight(let delta):
    next.edit(column: .weight) {
      $0.weights[state.selectedClass] = min(
        Scenario.weightLimit, max(0, rounded($0.weights[state.selectedClass] + delta)))
    }
  case .cycleLoss(let step):
    next.edit { $0.loss = $0.loss.cycled(by: step) }
    next.refreshDerived()
    next.rescaleCurve()
  case .cycleReduction:
    next.edit { scenario in
      switch scenario.reduction {
      case .mean: scenario.reduction = .sum
      case .sum: scenario.reduction = .none
      case .none, .batchmean: scenario.reduction = .mean
      }
    }
  case .nudgeSmoothing(let delta):
    next.edit(column: .target) {
      $0.labelSmoothing = min(1, max(0, rounded($0.labelSmoothing + delta)))
    }
  case .nudgeGamma(let delta):
    next.edit { $0.focalGamma = min(5, max(0, rounded($0.focalGamma + delta))) }
  case .selectSample(let step):
    let count = state.scenario.samples.count
    next.selectedSample = (state.selectedSample + step + count) % count
  case .addSample:
    guard state.training == nil, state.scenario.samples.count < Scenario.maximumSamples else {
      return state
    }
    next.edit { $0.samples.insert(state.sample, at: state.selectedSample + 1) }
    next.selectedSample = state.selectedSample + 1
  case .removeSample:
    guard state.training == nil, state.scenario.samples.count > 1 else { return state }
    next.edit { $0.samples.remove(at: state.selectedSample) }
    next.selectedSample = min(state.selectedSample, next.scenario.samples.count - 1)
  case .descend:
    next.descend(undoable: true)
    if state.view == .landscape { next.extendPath(from: state) }
  case .tick:
    // A continuous run is one undo step: the state before it was saved when it started.
    guard state.running else { return state }
    next.descend(undoable: false)
    if state.view == .landscape { next.extendPath(from: state) }
  case .scaleLearningRate(let factor):
    let rate = state.scenario.learningRate * factor
    guard Scenario.learningRates.contains(rate) else { return state }
    next.edit { $0.learningRate = rate }
  case .toggleRunning:
    guard state.measurements == nil else { return state }
    next.running.toggle()
    // A continuous run is one undo step.
    if next.running { next.openUndoStep() } else { next.closeUndoStep() }
  case .marker, .exportFrame:
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
    next.recordLoss()
  case .reset:
    next.edit(training: state.initialTraining) { $0 = state.initial }
    next.clampSelection()
    next.running = false
    next.refreshDerived()
    next.rescaleCurve()
  case .nextTheme:
    next.themeIndex += 1
  case .toggleLogScale:
    next.logScale.toggle()
    next.rescaleCurve()
  case .toggleStateString:
    next.stateStringVisible.toggle()
    next.stateStringOffset = 0
  case .scrollStateString(let step):
    let length = StateString.encode(state.scenario).count
    next.stateStringOffset = min(max(0, state.stateStringOffset + step), max(0, length - 1))
  case .copyStateString:
    // The front end copies; the state says it was asked.
    next.notice = "state string sent to the clipboard (OSC 52; some terminals ignore it)"
  case .toggleHelp:
    next.helpVisible.toggle()
    next.helpOffset = 0
  case .scrollHelp(let step):
    next.helpOffset = min(max(0, state.helpOffset + step), Keymap.help.count - 1)
  case .togglePresenter:
    next.presenting.toggle()
  case .dismiss:
    next.helpVisible = false
    next.stateStringVisible = false
  case .quit:
    next.quitRequested = true
  case .toggleLessons:
    next.pickerVisible.toggle()
    next.pickerIndex = LessonCatalog.all.firstIndex { $0.id == state.lessonID } ?? 0
  case .movePicker(let step):
    let count = LessonCatalog.all.count
    next.pickerIndex = (state.pickerIndex + step % count + count) % count
  case .openPickedLesson:
    guard LessonCatalog.all.indices.contains(state.pickerIndex) else { return state }
    next = DashboardState(lesson: LessonCatalog.all[state.pickerIndex])
    next.themeIndex = state.themeIndex
    next.logScale = state.logScale
    next.rescaleCurve()
  case .toggleExplanation:
    next.explanationVisible.toggle()
  case .recordMeasurement(let measurement):
    // Only the size being measured: a result that arrives after g restarted the table is dropped.
    guard var measurements = state.measurements,
      let slot = measurements.firstIndex(where: { $0 == nil }),
      VocabularyMeasurement.sizes[slot] == (measurement.batch, measurement.classes)
    else { return state }
    measurements[slot] = measurement
    next.measurements = measurements
  }
  if next.notice != nil, next.notice == state.notice { next.notice = nil }
  next.refreshDerived()
  // A path belongs to the plane it was walked on: any other change of the scenario ends it.
  if next.scenario != state.scenario, action != .descend, action != .tick {
    next.descentPath = []
  }
  if next.view == .landscape { next.refreshLandscape() }
  return next
}

extension DashboardState {
  /// The state after pressing keys, each through the keymap (help and picker included) and
  /// `update`, exactly as the live dashboard does. Keys with no binding change nothing.
  public func pressing(_ keys: [Key]) -> DashboardState {
    var state = self
    for key in keys {
      if let action = Keymap.action(for: key, in: state) { state = update(state, action) }
    }
    return state
  }
}

/// Rounds to a multiple of 0.01 (avoids 0.30000001 in weights and smoothing after many nudges).
private func rounded(_ x: Float) -> Float { (x * 100).rounded() / 100 }

extension DashboardState {
  /// Changes the scenario (and, in the training lesson, the layer), remembering the old ones for
  /// undo and the new loss for the history.
  mutating func edit(
    training newTraining: TrainingSetup?? = .none, column: PipelineColumn? = nil,
    undoable: Bool = true,
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
    recordLoss()
  }

  /// One descent step: in the large-vocab lesson it starts a measurement (the front end performs
  /// it); in the training lesson a real SGD step of its Linear layer through Autograd, at the rate
  /// shown; otherwise every logit moves by `−lr·∂L/∂z`.
  ///
  /// - Parameter undoable: Whether undo can take this step back on its own (not for the ticks
  ///   of a continuous run, which is undone whole).
  mutating func descend(undoable: Bool) {
    if measurements != nil {
      measurements = Array(repeating: nil, count: VocabularyMeasurement.sizes.count)
      return
    }
    if let training {
      guard
        let stepped = training.stepped(target: sample.target, learningRate: scenario.learningRate)
      else { return }
      edit(training: stepped, column: .logit, undoable: undoable) {
        $0.samples[0].logits = stepped.logits
      }
      return
    }
    var gradients = analysis.gradients
    guard gradients.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return }
    // The landscape is a plane of two logits: descent there moves only those two, so the path
    // stays on the picture it is drawn on.
    if view == .landscape, let second = secondClass {
      let target = sample.target
      gradients = gradients.indices.map { i in
        gradients[i].indices.map { c in
          i == selectedSample && (c == target || c == second) ? gradients[i][c] : 0
        }
      }
    }
    let classes = scenario.classes
    edit(column: .logit, undoable: undoable) { scenario in
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

  /// Appends the current loss to the history (analysing the scenario if it changed).
  mutating func recordLoss() {
    refreshDerived()
    lossHistory.append(analysis.totalLoss)
    if lossHistory.count > DashboardState.historyLimit { lossHistory.removeFirst() }
  }

  /// Recomputes the analysis and the curve if what they describe changed: once per change.
  mutating func refreshDerived() {
    if analysis.scenario != scenario { analysis = Analysis(scenario) }
    // The selection may point past a scenario that just shrank; update clamps it afterwards.
    let sample = min(selectedSample, scenario.samples.count - 1)
    if curveBox.key != SampleKey(scenario: scenario, sample: sample) {
      curveBox = CurveBox(scenario, sample: sample)
    }
    if view == .compare, compareBox.key != curveBox.key {
      compareBox = DashboardState.compareBox(scenario, sample: sample)
    }
  }

  /// Sets the curve's y-axis for the current loss and scale.
  mutating func rescaleCurve() {
    refreshDerived()
    axisBox = curveBox
    axisLogScale = logScale
  }

  /// Keeps the selections inside the scenario after it shrinks.
  mutating func clampSelection() {
    selectedSample = min(selectedSample, scenario.samples.count - 1)
    selectedClass = min(selectedClass, scenario.classes - 1)
  }
}
