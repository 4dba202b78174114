import TerminalInput

/// The default key bindings from the contract: the one place keys become actions.
public enum Keymap {
  /// The action a key performs in a mode, or `nil` for a key with no binding.
  ///
  /// The overlay on top takes the keys: while the help is open only its scrolling, `?`, Esc and
  /// the quit keys act, so a stray key cannot change what the overlay is hiding; the picker and
  /// the state string have their own few. With no overlay, a view's own keys come first, then
  /// the dashboard's.
  public static func action(for key: Key, in mode: Mode = .view(.dashboard)) -> Action? {
    switch mode {
    case .picker:
      switch key {
      case .up, .character("k"): return .movePicker(-1)
      case .down, .character("j"): return .movePicker(1)
      case .enter, .space: return .openPickedLesson
      case .escape, .character("L"): return .toggleLessons
      case .character("q"), .controlC: return .quit
      case .character("?"): return .toggleHelp
      default: return nil
      }
    case .help:
      switch key {
      case .up, .character("k"): return .scrollHelp(-1)
      case .down, .character("j"): return .scrollHelp(1)
      case .space: return .scrollHelp(10)
      case .character("?"), .escape: return .dismiss
      case .character("q"), .controlC: return .quit
      default: return nil
      }
    case .quiz:
      // Only what cannot give the answer away: the guess, the reveal, the selection, the
      // lesson's steps (a clicker), help and quit.
      switch key {
      case .character(let c) where c.isNumber || c == "." || c == "-" || c == "+":
        return .typeGuess(c)
      case .backspace: return .eraseGuess
      case .enter: return .revealQuiz
      case .escape: return .endQuiz
      case .character("Q"): return .startQuiz
      case .pageDown: return .changeLessonStep(1)
      case .pageUp: return .changeLessonStep(-1)
      case .up, .character("k"): return .selectClass(-1)
      case .down, .character("j"): return .selectClass(1)
      case .character("n"): return .selectSample(1)
      case .character("p"): return .selectSample(-1)
      case .character("q"), .controlC: return .quit
      case .character("?"): return .toggleHelp
      default: return nil
      }
    case .stateString:
      // The state string overlay scrolls its one line and offers it for copying.
      switch key {
      case .left, .character("h"): return .scrollStateString(-8)
      case .right, .character("l"): return .scrollStateString(8)
      case .character("c"): return .copyStateString
      case .character("P"), .escape: return .dismiss
      case .character("q"), .controlC: return .quit
      case .character("?"): return .toggleHelp
      default: return nil
      }
    case .view(let view):
      return viewAction(for: key, in: view) ?? dashboardAction(for: key)
    }
  }

  /// The dashboard's own keys.
  private static func dashboardAction(for key: Key) -> Action? {
    switch key {
    case .left, .character("h"): return .nudgeLogit(-0.1)
    case .right, .character("l"): return .nudgeLogit(0.1)
    case .shiftLeft, .character("H"): return .nudgeLogit(-1)
    case .shiftRight: return .nudgeLogit(1)
    case .character("L"): return .toggleLessons
    case .character("e"): return .toggleExplanation
    case .character("."), .pageDown: return .changeLessonStep(1)
    case .character(","), .pageUp: return .changeLessonStep(-1)
    case .character(">"): return .scrollLesson(1)
    case .character("<"): return .scrollLesson(-1)
    case .up, .character("k"): return .selectClass(-1)
    case .down, .character("j"): return .selectClass(1)
    case .character("t"): return .setTarget
    case .character("w"): return .nudgeWeight(-0.1)
    case .character("W"): return .nudgeWeight(0.1)
    case .tab: return .cycleLoss(1)
    case .shiftTab: return .cycleLoss(-1)
    case .character("r"): return .cycleReduction
    case .character("s"): return .nudgeSmoothing(-0.05)
    case .character("S"): return .nudgeSmoothing(0.05)
    case .character("z"): return .togglePresenter
    case .character("f"): return .nudgeGamma(-0.5)
    case .character("F"): return .nudgeGamma(0.5)
    case .character("n"): return .selectSample(1)
    case .character("p"): return .selectSample(-1)
    case .character("a"): return .addSample
    case .character("x"): return .removeSample
    case .character("g"): return .descend
    case .character("["): return .scaleLearningRate(0.5)
    case .character("]"): return .scaleLearningRate(2)
    case .space: return .toggleRunning
    case .character("m"): return .marker
    case .character("u"): return .undo
    case .character("0"): return .reset
    case .character("T"): return .nextTheme
    case .character("y"): return .toggleLogScale
    case .character("X"): return .toggleProbabilityAxis
    case .character("A"): return .toggleAllSamples
    case .character("Y"): return .cycleTargetForm
    case .character("Q"): return .startQuiz
    case .character("P"): return .toggleStateString
    case .character("?"): return .toggleHelp
    case .character("v"): return .cycleView
    case .character("E"): return .exportFrame
    case .escape: return .dismiss
    case .character("q"), .controlC: return .quit
    default: return nil
    }
  }

  /// The keys that mean something else in the compare and landscape views.
  static func viewAction(for key: Key, in view: DashboardView) -> Action? {
    switch (view, key) {
    case (.compare, .left), (.compare, .character("h")), (.landscape, .left),
      (.landscape, .character("h")):
      .nudgeTargetLogit(-0.1)
    case (.compare, .right), (.compare, .character("l")), (.landscape, .right),
      (.landscape, .character("l")):
      .nudgeTargetLogit(0.1)
    case (.compare, .shiftLeft), (.compare, .character("H")), (.landscape, .shiftLeft),
      (.landscape, .character("H")):
      .nudgeTargetLogit(-1)
    case (.compare, .shiftRight), (.landscape, .shiftRight): .nudgeTargetLogit(1)
    case (.compare, .tab): .highlightCurve(1)
    case (.compare, .shiftTab): .highlightCurve(-1)
    case (.landscape, .character("[")): .zoomLandscape(0.5)
    case (.landscape, .character("]")): .zoomLandscape(2)
    default: nil
    }
  }

  /// The bindings as the help overlay lists them: keys, then what they do.
  public static let help: [(keys: String, meaning: String)] = [
    ("← → / h l", "selected logit −/+ 0.1"),
    ("⇧← ⇧→ / H", "selected logit −/+ 1.0"),
    ("↑ ↓ / k j", "select class"),
    ("t", "make the selected class the target"),
    ("w / W", "selected class weight −/+ 0.1"),
    ("Tab / ⇧Tab", "next / previous loss function"),
    ("r", "reduction: mean → sum → none"),
    ("s / S", "label smoothing −/+ 0.05"),
    ("f / F", "focal γ −/+ 0.5 (0 … 5)"),
    ("n / p", "next / previous sample"),
    ("a / x", "add a copy of the sample / remove it"),
    ("g", "one gradient-descent step on the logits"),
    ("[ / ]", "learning rate ÷2 / ×2"),
    ("space", "run / pause continuous descent"),
    ("m", "add a marker (when recording)"),
    ("u", "undo"),
    ("0", "reset"),
    ("T", "next theme"),
    ("y", "loss axis: linear ↔ log"),
    ("A", "every sample on the curve, and its share of the loss"),
    ("Y", "targets: class index → per logit (multi-label) → probabilities"),
    ("Q", "quiz: hide ℓ, type a guess, Enter reveals (Q again: p_y, ∂L/∂z, its sign)"),
    ("L", "lesson picker (↑↓ choose, Enter opens)"),
    ("e", "show / hide the lesson's explanation"),
    (". / ,", "lesson: next / previous step (Page Down / Page Up, a clicker)"),
    ("> / <", "scroll the lesson's text where it does not fit"),
    ("P", "the state string (for --state): ←/→ scroll, c copies"),
    ("z", "presenter mode: big curve and numbers (z returns)"),
    ("v", "next view: dashboard → compare → landscape"),
    ("E", "write this frame to lossscope-YYYYMMDD-HHMMSS.svg"),
    ("compare view", "Tab highlights a curve · ←→ move p_y · f/F γ · s/S ε · X log p_y"),
    ("landscape view", "↑↓ second logit · [ ] zoom · ←→ target logit"),
    (
      "mouse", "click a class or bar selects it · drag a bar sets it · click the curve or landscape"
    ),
    ("mouse wheel", "selected logit +/− 0.1"),
    ("select text", "Shift-drag (or start with --no-mouse)"),
    ("?", "this help (? or Esc closes; ↑↓ scroll where it does not fit)"),
    ("q / Ctrl-C", "quit"),
  ]
}
