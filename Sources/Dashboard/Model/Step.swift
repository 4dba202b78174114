// The Dashboard module: the pure core. A Scenario and the DashboardState around it; Input and
// Effect; step(state, input) -> (state, [Effect]), the only way the state changes (through the
// Keymap, the MouseMap and the actions it applies); the Analysis and the curves, computed from
// the scenario through the Losses library and kept in a Derived memo owned by whoever steps or
// draws; the Layout and the widgets that draw a frame into a Canvas; the lessons. No terminal
// call and no file: every frame is a function of a state and can be tested as text.

import Canvas
import SafeText
import TerminalInput

/// The one way the program changes: an input to a state gives the next state and what the
/// front end should do about it.
///
/// The live dashboard, a replay (``Timeline``'s), a demo script, `snapshot --keys`, `play` and
/// `export` all call this, so they agree by construction. A key becomes an action through the
/// ``Keymap`` in the state's ``Mode``; a mouse report becomes actions through the ``MouseMap``,
/// laid out at the size it was made at; each action is applied in turn; and what an action asks
/// of the world (the clipboard, a file, a marker, a measurement, a theme, quitting) comes back as
/// an ``Effect``, never done here. Pure: the same state and input give the same result.
///
/// - Parameters:
///   - state: The current state.
///   - input: What happened.
///   - derived: The memo the analyses come from (the caller's, so a loop computes each once).
/// - Returns: The next state and the effects, in order.
public func step(_ state: DashboardState, _ input: Input, derived: Derived = Derived())
  -> (state: DashboardState, effects: [Effect])
{
  let actions: [Action]
  switch input {
  case .key(let key):
    // A mouse report means nothing without the size it was made at (``Input/pressing``).
    if case .mouse = key { return (state, []) }
    actions = Keymap.action(for: key, in: state.mode).map { [$0] } ?? []
  case .mouse(let event, let width, let height, let symbols):
    actions = MouseMap.actions(
      for: event, in: state, width: width, height: height, symbols: symbols, derived: derived)
  case .tick:
    actions = [.tick]
  case .measurement(let measurement):
    actions = [.recordMeasurement(measurement)]
  case .caption(let text):
    actions = [.setCaption(text)]
  case .resize:
    return (state, [])
  case .notice(let text):
    var next = state
    // Text from a file or the front end: shown, never obeyed.
    next.notice = String(TerminalSafe.escaped(text).prefix(DashboardState.captionLimit))
    return (next, [])
  }
  var next = state
  var effects: [Effect] = []
  for action in actions {
    let before = next
    next = update(next, action, derived: derived)
    switch action {
    case .copyStateString: effects.append(.copyToClipboard(StateString.encode(next.scenario)))
    case .exportFrame: effects.append(.writeFrame)
    case .marker: effects.append(.addMarker(Frame.markerLabel(next, derived: derived)))
    case .changeLessonStep:
      // A step change marks the recording with the step's title: the lesson's chapters.
      if next.lessonStep != before.lessonStep, let lesson = next.lesson {
        effects.append(.addMarker(lesson.steps[next.lessonStep].title))
      }
    case .quit: effects.append(.quit)
    default: break
    }
    if next.themeIndex != before.themeIndex { effects.append(.changeTheme(next.themeIndex)) }
    if next.measurements != before.measurements, let size = next.pendingMeasurement {
      effects.append(.startMeasurement(batch: size.batch, classes: size.classes))
    }
  }
  return (next, effects)
}

extension DashboardState {
  /// The state after keys and mouse reports (at a terminal of `width × height` drawn with
  /// `symbols`), each through ``step(_:_:derived:)`` exactly as the live dashboard takes them;
  /// effects are dropped.
  public func pressing(
    _ keys: [Key], width: Int = 120, height: Int = 40, symbols: SymbolSet = .braille
  ) -> DashboardState {
    let derived = Derived()
    var state = self
    for key in keys {
      let input = Input.pressing(key, width: width, height: height, symbols: symbols)
      state = step(state, input, derived: derived).state
    }
    return state
  }
}
