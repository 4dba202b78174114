import Dashboard
import Export
import Foundation
import SafeText
import Canvas
import TerminalInput
import Replay
import Asciicast

/// The interactive dashboard's run loop: the terminal's bytes, the clock, the terminal's size and
/// finished measurements become ``Input``s, ``step(_:_:derived:)`` applies them, the effects it
/// returns are performed here, and the state is drawn.
///
/// Every input passes through ``send(_:logging:)``, the one place the session is logged when a
/// ``SessionLog`` is given (the key's exact bytes, each tick, each measurement, each notice, each
/// resize, and markers labelled from the live state), so a replay reproduces the session.
///
/// The loop blocks on input while nothing moves, so an idle dashboard uses no CPU. However it
/// ends (q, Ctrl-C, SIGTERM, SIGHUP), the caller restores the terminal.
public final class DashboardApp {
  /// The signal that ended the last run, or 0 if the user quit.
  public private(set) var endingSignal: Int32 = 0

  public private(set) var state: DashboardState
  private let derived = Derived()
  private let themes: ThemeCatalog
  private let symbols: SymbolSet
  private let colorChoice: ColorChoice
  private let appearance: Appearance
  private let synchronizedOutput: Bool
  private let graphics: GraphicsProtocol
  private let cellSize: TerminalReport.CellSize?
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
  /// The size the state asked to measure, until the measurer is free to start it.
  private var wantedMeasurement: (batch: Int, classes: Int)?
  private var quitting = false
  /// The size of the terminal the last frame was drawn at (a mouse report is made on it).
  private var size = (width: 0, height: 0)

  /// The milliseconds between descent steps while running.
  public static let frameInterval = Action.tickMilliseconds
  /// How long a lone Esc waits for the rest of an escape sequence.
  public static let escapeDelay = 25
  /// How often a running measurement is looked at.
  static let measurementPoll = 50

  /// Prepares a dashboard.
  ///
  /// - Parameters:
  ///   - state: Where it starts (its ``DashboardState/themeIndex`` is the starting theme's
  ///     index in `themes`).
  ///   - themes: The themes `T` cycles through.
  ///   - symbols: Braille, block or ASCII graphics.
  ///   - colorChoice: `--color`.
  ///   - appearance: The terminal's own background (`--background`, or the terminal's answer).
  ///   - synchronizedOutput: Whether the terminal has DEC mode 2026: each frame is then drawn
  ///     between its begin and end, so it never shows half drawn on a slow link.
  ///   - graphics: How plots are drawn (`--graphics`, or what the terminal said).
  ///   - cellSize: A cell's size in pixels, as the terminal reported it.
  ///   - log: Where the session's stream is recorded, if it is; a `● REC` badge then shows.
  ///   - measurer: Who performs the large-vocab measurements.
  ///   - mouse: Whether the terminal is asked for mouse reports (`--no-mouse` leaves them off).
  public init(
    state: DashboardState, themes: ThemeCatalog, symbols: SymbolSet,
    colorChoice: ColorChoice, appearance: Appearance = .dark, synchronizedOutput: Bool = false,
    graphics: GraphicsProtocol = .cells, cellSize: TerminalReport.CellSize? = nil,
    log: SessionLog? = nil, measurer: MeasurementRunner = BackgroundMeasurementRunner(),
    mouse: Bool = true
  ) {
    self.mouse = mouse
    self.appearance = appearance
    self.synchronizedOutput = synchronizedOutput
    self.graphics = graphics
    self.cellSize = cellSize
    self.state = state
    self.themes = themes
    self.symbols = symbols
    self.colorChoice = colorChoice
    self.log = log
    self.measurer = measurer
  }

  /// Runs on the terminal until the user quits or a terminating signal arrives; the terminal is
  /// restored before it returns.
  ///
  /// - Returns: The final state.
  /// - Throws: ``TerminalError`` if the terminal cannot be used (it is left as it was).
  @discardableResult
  public func run() throws -> DashboardState {
    let backend = try CursesBackend(
      colorChoice: colorChoice, appearance: appearance, mouse: mouse,
      synchronizedOutput: synchronizedOutput, graphics: graphics, cellSize: cellSize)
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
    size = (backend.width, backend.height)
    while !quitting {
      themeSwitch.apply(state.themeIndex, themes: themes, to: backend)
      let shown = frame(backend: backend, colorRamp: themeSwitch.colorRamp)
      backend.draw(shown.canvas, images: shown.images)
      let event = backend.nextEvent(timeoutMilliseconds: timeout(now: backend.now))
      switch event {
      case .input(let bytes):
        lastInput = backend.now
        for chunk in decoder.feed(bytes) { handle(chunk, backend: backend) }
      case .timeout:
        if !decoder.pending.isEmpty, backend.now >= lastInput + UInt64(DashboardApp.escapeDelay) {
          for chunk in decoder.flush() { handle(chunk, backend: backend) }
        }
      case .resize:
        size = (backend.width, backend.height)
        send(.resize(width: size.width, height: size.height), backend: backend)
      case .signal(let number):
        endingSignal = number
        return state
      }
      if let measurement = measurer.takeResult() {
        send(.measurement(measurement), backend: backend)
      }
      if let wanted = wantedMeasurement, !measurer.isBusy, !quitting {
        wantedMeasurement = nil
        measurer.start(batch: wanted.batch, classes: wanted.classes)
      }
      tickIfDue(backend: backend)
    }
    // The last state is drawn even when q came in the same read as the keys before it, so a
    // recording's last frame (what asciinema shows) is the state a replay ends on.
    themeSwitch.apply(state.themeIndex, themes: themes, to: backend)
    let last = frame(backend: backend, colorRamp: themeSwitch.colorRamp)
    backend.draw(last.canvas, images: last.images)
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
    // While a size is wanted, not only while the measurer is busy: a fast size (1 × 1,000)
    // can finish between starting it and this question, and its result would then wait for
    // the next key.
    if measurer.isBusy || wantedMeasurement != nil || state.pendingMeasurement != nil {
      deadlines.append(now + UInt64(DashboardApp.measurementPoll))
    }
    if let recordingStart { deadlines.append(now + 1000 - (now - recordingStart) % 1000) }
    return deadlines.min().map { Int($0 > now ? $0 - now : 0) }
  }

  private func tickIfDue(backend: TerminalBackend) {
    let now = backend.now
    guard state.running, let due = nextTick, now >= due else { return }
    send(.tick, backend: backend)
    // Falling behind (a slow step) skips ticks rather than bursting to catch up.
    let next = due + UInt64(DashboardApp.frameInterval)
    nextTick = next > now ? next : now + UInt64(DashboardApp.frameInterval)
  }

  /// One chunk of the terminal's bytes: a key or a mouse report (at the size the last frame was
  /// drawn at), or bytes that are no key, which are logged and change nothing.
  private func handle(_ chunk: InputDecoder.Chunk, backend: TerminalBackend) {
    guard let key = chunk.key else {
      log?.record(.input(chunk.bytes))
      return
    }
    send(
      .pressing(key, width: size.width, height: size.height, symbols: symbols),
      bytes: chunk.bytes, backend: backend)
  }

  /// The one way an input reaches the state: logged (as the terminal's `bytes` for a key),
  /// stepped, and its effects performed.
  private func send(_ input: Input, bytes: [UInt8] = [], backend: TerminalBackend) {
    log?.record(SessionEvent(input, bytes: bytes))
    let (next, effects) = step(state, input, derived: derived)
    state = next
    for effect in effects { perform(effect, backend: backend) }
  }

  private func perform(_ effect: Effect, backend: TerminalBackend) {
    switch effect {
    case .copyToClipboard(let text): backend.copyToClipboard(text)
    case .writeFrame: send(.notice(exportFrame(backend: backend)), backend: backend)
    case .addMarker(let label): log?.record(.marker(label))
    case .startMeasurement(let batch, let classes): wantedMeasurement = (batch, classes)
    case .changeTheme(let index):
      send(.notice(Input.themeNotice(themes.theme(at: index).name)), backend: backend)
    case .quit: quitting = true
    }
  }

  /// Writes the frame on screen (without the recording badge) as SVG in the current folder.
  ///
  /// - Returns: Where, or why not, for the notice.
  private func exportFrame(backend: TerminalBackend) -> String {
    let theme = themes.theme(at: state.themeIndex)
    // The plots as vectors: a slide stays crisp at any zoom.
    let (canvas, images) = Frame.render(
      state, width: backend.width, height: backend.height, symbols: symbols,
      colorRamp: theme.hasRamp, derived: derived, pixels: SVGFrame.pixels(for: theme))
    let document = SVGFrame.document(
      canvas, theme: theme, title: Frame.pictureTitle(state, derived: derived), images: images)
    do {
      return "wrote " + (try FrameFile.write(document, in: exportDirectory ?? "."))
    } catch {
      return "\(error)"
    }
  }

  /// A marker's label: the loss function and the loss the dashboard shows now.
  public var markerLabel: String { Frame.markerLabel(state, derived: derived) }

  /// The dashboard's frame, with the recording badge over the title bar (it is the recorder's,
  /// not part of the state, so replays do not show it), and its plots' images where the
  /// backend draws them.
  private func frame(backend: TerminalBackend, colorRamp: Bool) -> (
    canvas: Canvas, images: [PlotImage]
  ) {
    let seconds = recordingStart.map { Int((backend.now - $0) / 1000) } ?? 0
    let badge =
      (symbols == .ascii ? "* REC " : "● REC ")
      + String(format: "%02d:%02d", seconds / 60, seconds % 60)
    let text = " " + badge + " "
    // The title drops its least needed items to leave the badge room: it covers nothing.
    let reserve = recordingStart == nil ? 0 : text.count + 1
    var canvas: Canvas
    var images: [PlotImage] = []
    if let pixels = backend.pixelOptions {
      (canvas, images) = Frame.render(
        state, width: backend.width, height: backend.height, symbols: symbols,
        colorRamp: colorRamp, derived: derived, titleReserve: reserve, pixels: pixels)
    } else {
      canvas = Frame.render(
        state, width: backend.width, height: backend.height, symbols: symbols,
        colorRamp: colorRamp, derived: derived, titleReserve: reserve)
    }
    guard canvas.height >= 3, recordingStart != nil else { return (canvas, images) }
    let x = max(0, canvas.width - text.count - Frame.titleStatus(state).count - 1)
    canvas.text(text, x: x, y: 0, style: Style(.warning, bold: true, reverse: true))
    return (canvas, images)
  }
}
