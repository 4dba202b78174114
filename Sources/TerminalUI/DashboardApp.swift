import Dashboard
import Export
import Foundation
import SafeText
import Session

/// The interactive dashboard's run loop: the terminal's bytes, the clock and finished
/// measurements become actions, `update` applies them, and the state is drawn.
///
/// Every action that changes the state passes through here in one stream, and when a
/// ``SessionLog`` is given each is recorded as it is applied (the key's exact bytes, each tick,
/// each measurement, markers labelled from the live state), so a replay reproduces the session.
///
/// The loop blocks on input while nothing moves, so an idle dashboard uses no CPU. However it
/// ends (q, Ctrl-C, SIGTERM, SIGHUP), the caller restores the terminal.
public final class DashboardApp {
  /// The signal that ended the last run, or 0 if the user quit.
  public private(set) var endingSignal: Int32 = 0
  /// The markers added.
  public private(set) var markerCount = 0

  public private(set) var state: DashboardState
  private let themes: ThemeCatalog
  private let symbols: SymbolSet
  private let colorChoice: ColorChoice
  private let appearance: Appearance
  private let log: SessionLog?
  private let measurer: MeasurementRunner
  private let mouse: Bool
  /// Where `E` writes frames (the current folder unless a test says otherwise).
  public var exportDirectory: String?
  private var decoder = InputDecoder()
  /// When the last input arrived, for the Esc delay.
  private var lastInput: UInt64 = 0
  private var nextTick: UInt64?
  private var recordingStart: UInt64?
  private var notice: (text: String, until: UInt64)?

  /// The milliseconds between descent steps while running.
  public static let frameInterval = Action.tickMilliseconds
  /// How long a lone Esc waits for the rest of an escape sequence.
  public static let escapeDelay = 25
  /// How often a running measurement is looked at.
  static let measurementPoll = 50
  /// How long a notice (`marker 3`) stays.
  static let noticeDuration = 1500

  /// Prepares a dashboard.
  ///
  /// - Parameters:
  ///   - state: Where it starts.
  ///   - themes: The themes `T` cycles through.
  ///   - initialTheme: The theme to start with, by name.
  ///   - symbols: Braille, block or ASCII graphics.
  ///   - colorChoice: `--color`.
  ///   - appearance: The terminal's own background (`--background`).
  ///   - log: Where the session's stream is recorded, if it is; a `● REC` badge then shows.
  ///   - measurer: Who performs the large-vocab measurements.
  ///   - mouse: Whether the terminal is asked for mouse reports (`--no-mouse` leaves them off).
  public init(
    state: DashboardState, themes: ThemeCatalog, initialTheme: String?, symbols: SymbolSet,
    colorChoice: ColorChoice, appearance: Appearance = .dark,
    log: SessionLog? = nil, measurer: MeasurementRunner = BackgroundMeasurementRunner(),
    mouse: Bool = true
  ) {
    self.mouse = mouse
    self.appearance = appearance
    self.state = state
    self.themes = themes
    self.symbols = symbols
    self.colorChoice = colorChoice
    self.log = log
    self.measurer = measurer
    if let initialTheme, let index = themes.names.firstIndex(of: initialTheme) {
      self.state.themeIndex = index
    }
  }

  /// Runs on the terminal until the user quits or a terminating signal arrives; the terminal is
  /// restored before it returns.
  ///
  /// - Returns: The final state.
  /// - Throws: ``TerminalError`` if the terminal cannot be used (it is left as it was).
  @discardableResult
  public func run() throws -> DashboardState {
    let backend = try CursesBackend(
      colorChoice: colorChoice, appearance: appearance, mouse: mouse)
    defer { backend.restore() }
    return run(on: backend)
  }

  /// Runs on any backend until the user quits or a terminating signal arrives.
  ///
  /// - Returns: The final state.
  @discardableResult
  public func run(on backend: TerminalBackend) -> DashboardState {
    if log != nil { recordingStart = backend.now }
    var themeSwitch = ThemeSwitch()
    while !state.quitRequested {
      // T says which theme it chose (not the first one, which the user asked for).
      if let theme = themeSwitch.apply(state.themeIndex, themes: themes, to: backend) {
        notice = (
          "theme " + TerminalSafe.escaped(theme.name),
          backend.now + UInt64(DashboardApp.noticeDuration)
        )
      }
      let colorRamp = themeSwitch.colorRamp
      backend.draw(
        frame(width: backend.width, height: backend.height, now: backend.now, colorRamp: colorRamp))
      let event = backend.nextEvent(timeoutMilliseconds: timeout(now: backend.now))
      switch event {
      case .input(let bytes):
        lastInput = backend.now
        for chunk in decoder.feed(bytes) { handle(chunk, now: backend.now, backend: backend) }
      case .timeout:
        if !decoder.pending.isEmpty, backend.now >= lastInput + UInt64(DashboardApp.escapeDelay) {
          for chunk in decoder.flush() { handle(chunk, now: backend.now, backend: backend) }
        }
      case .resize:
        log?.record(.resize(width: backend.width, height: backend.height))
      case .signal(let number):
        endingSignal = number
        return state
      }
      if let measurement = measurer.takeResult() {
        perform(.recordMeasurement(measurement), logging: .measurement(measurement))
      }
      if let size = state.pendingMeasurement, !measurer.isBusy, !state.quitRequested {
        measurer.start(batch: size.batch, classes: size.classes)
      }
      tickIfDue(now: backend.now)
    }
    // The last state is drawn even when q came in the same read as the keys before it, so a
    // recording's last frame (what asciinema shows) is the state a replay ends on.
    backend.draw(
      frame(
        width: backend.width, height: backend.height, now: backend.now,
        colorRamp: themeSwitch.colorRamp))
    return state
  }

  /// How long the loop may wait: until the next tick, the end of the Esc delay, the next look at
  /// a measurement, or the next second of the recording badge; `nil` when nothing is due.
  private func timeout(now: UInt64) -> Int? {
    var deadlines: [UInt64] = []
    if state.running {
      if nextTick == nil { nextTick = now + UInt64(DashboardApp.frameInterval) }
      deadlines.append(nextTick!)
    } else {
      nextTick = nil
    }
    if !decoder.pending.isEmpty { deadlines.append(lastInput + UInt64(DashboardApp.escapeDelay)) }
    // While a size is pending, not only while the measurer is busy: a fast size (1 × 1,000)
    // can finish between starting it and this question, and its result would then wait for
    // the next key.
    if measurer.isBusy || state.pendingMeasurement != nil {
      deadlines.append(now + UInt64(DashboardApp.measurementPoll))
    }
    if let recordingStart { deadlines.append(now + 1000 - (now - recordingStart) % 1000) }
    if let notice { deadlines.append(notice.until) }
    return deadlines.min().map { Int($0 > now ? $0 - now : 0) }
  }

  private func tickIfDue(now: UInt64) {
    guard state.running, let due = nextTick, now >= due else { return }
    perform(.tick, logging: .tick)
    // Falling behind (a slow step) skips ticks rather than bursting to catch up.
    let next = due + UInt64(DashboardApp.frameInterval)
    nextTick = next > now ? next : now + UInt64(DashboardApp.frameInterval)
  }

  private func handle(_ chunk: InputDecoder.Chunk, now: UInt64, backend: TerminalBackend) {
    log?.record(.input(chunk.bytes))
    guard let key = chunk.key else { return }
    let actions: [Action]
    if case .mouse(let event) = key {
      // Where the pointer is decides what it does: the frame at the terminal's size says.
      actions = MouseMap.actions(
        for: event, in: state, width: backend.width, height: backend.height)
    } else {
      actions = Keymap.action(for: key, in: state).map { [$0] } ?? []
    }
    for action in actions {
      perform(action, logging: nil)
      // The one effect a key asks of the terminal itself (a replay does not repeat it).
      if action == .copyStateString {
        backend.copyToClipboard(StateString.encode(state.scenario))
      }
      if action == .exportFrame { exportFrame(backend: backend, now: now) }
      if action == .marker {
        markerCount += 1
        log?.record(.marker(markerLabel))
        notice = ("marker \(markerCount)", now + UInt64(DashboardApp.noticeDuration))
      }
    }
  }

  /// Writes the frame on screen (without the recording badge) as SVG in the current folder, and
  /// says where, or why not, for a moment.
  private func exportFrame(backend: TerminalBackend, now: UInt64) {
    let theme = themes.theme(at: state.themeIndex)
    let canvas = Frame.render(
      state, width: backend.width, height: backend.height, symbols: symbols,
      colorRamp: theme.hasRamp)
    let document = SVGFrame.document(canvas, theme: theme, title: Frame.pictureTitle(state))
    let text: String
    do {
      text = "wrote " + (try FrameFile.write(document, in: exportDirectory ?? "."))
    } catch {
      text = "\(error)"
    }
    notice = (text, now + UInt64(DashboardApp.noticeDuration) * 2)
  }

  private func perform(_ action: Action, logging event: SessionEvent?) {
    if let event { log?.record(event) }
    state = update(state, action)
  }

  /// A marker's label: the loss function and the loss the dashboard shows now.
  public var markerLabel: String { Frame.markerLabel(state) }

  /// The dashboard's frame, with the recording badge and any notice over the title bar (they
  /// are not part of the state, so replays do not show them).
  private func frame(width: Int, height: Int, now: UInt64, colorRamp: Bool) -> Canvas {
    var canvas = Frame.render(
      state, width: width, height: height, symbols: symbols, colorRamp: colorRamp)
    if let current = notice, now >= current.until { notice = nil }
    guard canvas.height >= 3 else { return canvas }
    var badge = ""
    if let recordingStart {
      let seconds = Int((now - recordingStart) / 1000)
      badge =
        (symbols == .ascii ? "* REC " : "● REC ")
        + String(format: "%02d:%02d", seconds / 60, seconds % 60)
    }
    if let notice { badge = notice.text + (badge.isEmpty ? "" : "  ") + badge }
    guard !badge.isEmpty else { return canvas }
    let text = " " + badge + " "
    let x = max(0, canvas.width - text.count - Frame.titleStatus(state).count - 1)
    canvas.text(text, x: x, y: 0, style: Style(.warning, bold: true, reverse: true))
    return canvas
  }
}
