import Losses
import Benchmarks

/// Everything a user can do to the dashboard. Keys map to actions through ``Keymap``.
public enum Action: Equatable, Sendable {
  /// Add to the selected logit of the selected sample.
  case nudgeLogit(Float)
  /// Move the class selection up (−1) or down (+1).
  case selectClass(Int)
  /// Make the selected class the selected sample's target.
  case setTarget
  /// Add to the selected class's weight (never below 0).
  case nudgeWeight(Float)
  /// Next (+1) or previous (−1) loss function.
  case cycleLoss(Int)
  /// mean → sum → none.
  case cycleReduction
  /// Add to the label smoothing (kept in [0, 1]).
  case nudgeSmoothing(Float)
  /// Add to focal loss's γ (kept in [0, 5]).
  case nudgeGamma(Float)
  /// Next (+1) or previous (−1) sample.
  case selectSample(Int)
  /// Add a copy of the selected sample.
  case addSample
  /// Remove the selected sample (the last one stays).
  case removeSample
  /// One gradient-descent step on every logit.
  case descend
  /// One step of continuous descent, from the front end's clock (every ``tickMilliseconds``): a
  /// descent step while running, nothing otherwise. Recorded, so a replay takes the same steps.
  case tick
  /// Multiply the learning rate.
  case scaleLearningRate(Float)
  /// Start or stop continuous descent.
  case toggleRunning
  /// Mark this moment in a recording (no change to the state).
  case marker
  case undo
  case reset
  case nextTheme
  case toggleLogScale
  /// Key X: the compare view's `p_y` axis, linear ↔ logarithmic.
  case toggleProbabilityAxis
  /// Every sample of the batch as its own numbered point on the loss curve (key A).
  case toggleAllSamples
  /// Key Y: the targets' form, class index → per logit (multi-label) → probabilities.
  case cycleTargetForm
  /// Key Q: a quiz on the loss; while one is open, the next question; after a reveal, another.
  case startQuiz
  /// A character of the quiz's guess.
  case typeGuess(Character)
  case eraseGuess
  /// Enter: the hidden numbers back, with the guess beside the truth.
  case revealQuiz
  /// Esc: the quiz closes.
  case endQuiz
  case toggleStateString
  /// Scroll the state string's line by some characters.
  case scrollStateString(Int)
  /// Show a caption on the bottom line (a demo script's `Caption`), or none.
  case setCaption(String?)
  /// Write the frame on screen to an SVG file (the front end performs it; a replay does not).
  case exportFrame
  /// Put the state string on the clipboard (the front end performs it, through OSC 52).
  case copyStateString
  /// Open or close the lesson picker.
  case toggleLessons
  /// Move the picker's highlight.
  case movePicker(Int)
  /// Open the highlighted lesson.
  case openPickedLesson
  /// Show or hide the lesson's explanation.
  case toggleExplanation
  /// The open lesson's next (+1) or previous (−1) step.
  case changeLessonStep(Int)
  /// Scroll the lesson panel by some lines (where its text does not fit).
  case scrollLesson(Int)
  /// A measurement the front end made for the large-vocab lesson.
  case recordMeasurement(VocabularyMeasurement)
  /// Presenter mode: the curve, big numbers and the table, for a projector.
  case togglePresenter
  case toggleHelp
  /// Scroll the help overlay by some lines (where it does not fit).
  case scrollHelp(Int)
  /// Close the help overlay or the state string.
  case dismiss
  case quit
  /// Next view: dashboard → compare → landscape.
  case cycleView
  /// The compare view's highlighted curve: next (+1) or previous (−1).
  case highlightCurve(Int)
  /// Highlight one curve of the compare view (a click on its legend row).
  case chooseCurve(ComparedLoss)
  /// Add to the selected sample's target logit (the compare view's ←/→ move its point along p_y).
  case nudgeTargetLogit(Float)
  /// Multiply the landscape window's size.
  case zoomLandscape(Float)
  /// Select a class by its index (a click on its row).
  case chooseClass(Int)
  /// Set a class's probability in the selected sample by moving its logit, the others fixed
  /// (dragging its bar; the target's, on the loss curve).
  case setProbability(class: Int, Float)
  /// Move the landscape's point: the target's logit and the second logit.
  case placePoint(SIMD2<Float>)
  /// The mouse takes hold of something (or lets go, `nil`): a drag is one undo step.
  case grab(PointerGrab?)
}

extension Action {
  /// Whether the user did it (a key, a click), not the clock or the front end: a notice lasts
  /// until the next such action.
  var isUsers: Bool {
    switch self {
    case .tick, .recordMeasurement, .setCaption: false
    default: true
    }
  }

  /// The milliseconds between ticks of continuous descent: the live dashboard's clock and a demo
  /// script's.
  public static let tickMilliseconds = 60
}
