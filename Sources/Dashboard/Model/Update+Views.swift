import Foundation

extension DashboardState {
  /// Changes the selected sample's logits, unless they are a layer's outputs (the training
  /// lesson, where g changes them and keys do not: a notice says so).
  mutating func editLogits(_ derived: Derived, _ change: (inout [Float]) -> Void) {
    guard training == nil else {
      notice =
        "the logits are the layer's outputs here: g trains the layer, space trains continuously"
      return
    }
    let index = selectedSample
    edit(derived, column: .logit) { change(&$0.samples[index].logits) }
  }

  /// Shows a view (where a session starts: `--view`, a recording's header).
  mutating func show(_ view: DashboardView, _ derived: Derived) {
    self.view = view
    if view == .landscape { refreshLandscape(derived) }
  }

  /// The views' actions and the mouse's.
  mutating func applyPointerOrView(_ action: Action, _ derived: Derived) {
    switch action {
    case .cycleView:
      view = view.next
      grab = nil
    case .highlightCurve(let step):
      let all = ComparedLoss.allCases
      highlightedCurve = all[(highlightedCurve.rawValue + step % all.count + all.count) % all.count]
    case .chooseCurve(let loss):
      highlightedCurve = loss
    case .zoomLandscape(let factor):
      guard var window = landscapeWindow else { return }
      let height = window.halfHeight * factor
      guard LandscapeWindow.halfHeightRange.contains(height) else {
        notice = "the landscape is as \(factor < 1 ? "close" : "wide") as it goes"
        return
      }
      window.halfHeight = height
      window.centre = landscapePoint(derived.analysis(scenario)) ?? window.centre
      landscapeWindow = window
      descentPath = []
    case .chooseClass(let c):
      guard scenario.classes > c, c >= 0 else { return }
      selectedClass = c
    case .setProbability(let c, let p):
      guard c >= 0, c < scenario.classes else { return }
      let clamped = min(max(p, Float(ProbabilityAxis.lowest)), 0.9999)
      var moved = sample
      moved.target = c
      // The compare view's axis is always the softmax's p_y; BCE's bars and curve are sigmoids,
      // and rows read as log-probabilities have p = e^z.
      let row = LossCurve.logitsAlong(
        moved, probabilities: [clamped], link: view == .compare ? .softmax : scenario.loss.link)
      guard row[c].isFinite else { return }
      editLogits(derived) { $0[c] = (row[c] * 1000).rounded() / 1000 }
    case .placePoint(let point):
      guard let second = secondClass(derived.analysis(scenario)), point.x.isFinite,
        point.y.isFinite
      else { return }
      let target = sample.target
      editLogits(derived) {
        $0[target] = (point.x * 1000).rounded() / 1000
        $0[second] = (point.y * 1000).rounded() / 1000
      }
    case .grab(let target):
      if let target {
        guard grab == nil else {
          grab = target
          return
        }
        openUndoStep()
        grab = target
      } else {
        guard grab != nil else { return }
        grab = nil
        closeUndoStep()
      }
    default:
      break
    }
  }

  /// Adds the point a descent step reached to the landscape's path (and the one it left, when
  /// the path starts).
  mutating func extendPath(from before: DashboardState, _ derived: Derived) {
    guard let point = landscapePoint(derived.analysis(scenario)),
      let start = before.landscapePoint(derived.analysis(before.scenario))
    else { return }
    if descentPath.isEmpty { descentPath.append(start) }
    if descentPath.last != point { descentPath.append(point) }
    if descentPath.count > DashboardState.historyLimit { descentPath.removeFirst() }
  }

  /// Keeps the landscape's window on its slice: centred on the point when the view first shows,
  /// when the slice changes (another sample, target or second class) and when the point leaves
  /// it; and the landscape's box on the current scenario and window.
  mutating func refreshLandscape(_ derived: Derived) {
    let analysis = derived.analysis(scenario)
    guard let second = secondClass(analysis), let point = landscapePoint(analysis) else {
      landscapeWindow = nil
      landscapeSlice = nil
      descentPath = []
      return
    }
    let rival = mostProbableOther(analysis)
    let slice = LandscapeSlice(
      sample: selectedSample, target: sample.target, second: second, rival: rival)
    if let shown = landscapeSlice, shown.isPlane(of: slice), shown.rival != rival,
      let rival, rival != second, selectedClass == sample.target
    {
      // The axes stay; the user hears that another class now leads, and how to show it.
      notice = "z_\(rival) is now more probable than z_\(second): ↑/↓ puts it on the axis"
    }
    if landscapeSlice.map({ !$0.isPlane(of: slice) }) ?? true {
      landscapeSlice = slice
      descentPath = []
      landscapeWindow = LandscapeWindow(
        centre: point,
        halfHeight: landscapeWindow?.halfHeight ?? LandscapeWindow.defaultHalfHeight)
    } else {
      landscapeSlice = slice
      if let window = landscapeWindow, !window.contains(point) {
        landscapeWindow = LandscapeWindow(centre: point, halfHeight: window.halfHeight)
      }
    }
  }
}
