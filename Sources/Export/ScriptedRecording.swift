import Dashboard
import Session

/// The recording a live session would have produced from a demo script, made without a terminal
/// and deterministically: the same script gives the same events, times included.
///
/// The script's clock runs in whole milliseconds: each key takes ``keyInterval``, `Sleep` adds
/// its time, and while continuous descent runs a tick falls every ``Action/tickMilliseconds`` after it
/// started, as the live dashboard's clock does. Each key is stored as the
/// bytes a terminal sends for it (`i`), each tick (`t`), marker (`m`) and caption (`c`) as live,
/// and the output (`o`) is the frame re-drawn as a terminal would receive it, so asciinema
/// plays the file too.
public struct ScriptedRecording: Sendable {
  public let header: AsciicastHeader
  /// Every event, times in seconds from the start.
  public let events: [AsciicastEvent]
  /// The state at the end.
  public let finalState: DashboardState

  /// Milliseconds a key takes.
  public static let keyInterval = 100
  /// The most cells a script's recording draws (frames × columns × rows), about ten seconds of
  /// work here.
  public static let maximumCells = 100_000_000

  /// Runs a script.
  ///
  /// - Parameters:
  ///   - script: The script.
  ///   - file: Its name, for messages.
  ///   - themeName: The theme the header names (the script's `Set Theme`, or the caller's).
  ///   - theme: The colours of theme index `i` (T cycles through them, as live).
  ///   - symbols: Braille, block or ASCII graphics for the output.
  ///   - programVersion: For the header.
  /// - Throws: ``DemoScriptError`` when the script asks for what cannot be recorded
  ///   deterministically (the large-vocab lesson's measurements).
  public init(
    _ script: DemoScript, file: String, themeName: String, theme: (Int) -> Theme,
    symbols: SymbolSet, programVersion: String
  ) throws {
    var state: DashboardState
    if let id = script.lesson, let lesson = LessonCatalog.lesson(id) {
      state = DashboardState(lesson: lesson)
    } else {
      state = DashboardState(
        scenario: script.state.flatMap { try? StateString.decode($0) } ?? .standard)
    }
    if let view = script.view { state.show(view) }
    let (width, height) = (script.width, script.height)
    header = AsciicastHeader(
      width: width, height: height, timestamp: 0, title: "LossScope demo", term: "xterm-256color",
      programVersion: programVersion, scenario: StateString.encode(state.scenario),
      theme: themeName, lesson: script.lesson, view: script.view ?? state.view)

    // Every key and tick draws a frame: the work is frames × cells, bounded before it is done
    // (for the keys) and while it is (for the ticks, which depend on what the keys do).
    let cells = width * height
    let keys = script.commands.filter { if case .key = $0 { true } else { false } }.count
    func tooMuch(_ frames: Int) -> DemoScriptError {
      DemoScriptError(
        file: file, line: 0,
        message:
          "\(frames) frames of \(width)×\(height) would be more than \(ScriptedRecording.maximumCells) cells to draw; use a smaller Set Size or fewer keys"
      )
    }
    guard keys + 1 <= ScriptedRecording.maximumCells / max(1, cells) else {
      throw tooMuch(keys + 1)
    }
    var framesDrawn = 0
    var events: [AsciicastEvent] = []
    var clock = 0
    var screen: Canvas?
    var nextTick: Int?
    func emit(_ code: String, _ data: String, at time: Int) {
      events.append(AsciicastEvent(time: Double(time) / 1000, code: code, data: data))
    }
    func draw(at time: Int) throws {
      framesDrawn += 1
      guard framesDrawn <= ScriptedRecording.maximumCells / max(1, cells) else {
        throw tooMuch(framesDrawn)
      }
      let canvas = Frame.render(
        state, width: width, height: height, symbols: symbols, colorRamp: true)
      let output = AnsiScreen.update(
        from: screen, to: canvas, theme: theme(state.themeIndex))
      if !output.isEmpty { emit("o", output, at: time) }
      screen = canvas
    }
    /// Runs the clock to `time`, with the ticks of continuous descent that fall before it.
    func run(until time: Int) throws {
      while state.running, let due = nextTick, due <= time {
        emit("t", "", at: due)
        state = update(state, .tick)
        try draw(at: due)
        nextTick = due + Action.tickMilliseconds
      }
      if !state.running { nextTick = nil }
      clock = max(clock, time)
    }
    emit("o", AnsiScreen.enter, at: 0)
    try draw(at: 0)
    for command in script.commands {
      switch command {
      case .key(let key):
        try run(until: clock)
        emit("i", String(decoding: InputDecoder.bytes(for: key), as: UTF8.self), at: clock)
        let wasRunning = state.running
        let before = state
        state = state.applying(key, width: width, height: height)
        if Keymap.action(for: key, in: before) == .marker {
          emit("m", Frame.markerLabel(state), at: clock)
        }
        if state.pendingMeasurement != nil {
          throw DemoScriptError(
            file: file, line: 0,
            message:
              "the large-vocab lesson's measurements are timings, different on every run: a script cannot record them"
          )
        }
        if state.running && !wasRunning { nextTick = clock + Action.tickMilliseconds }
        try draw(at: clock)
        try run(until: clock + ScriptedRecording.keyInterval)
      case .sleep(let seconds):
        try run(until: clock + Int((seconds * 1000).rounded()))
      case .marker(let label):
        try run(until: clock)
        emit("m", label, at: clock)
      case .caption(let text):
        try run(until: clock)
        emit("c", text, at: clock)
        state = update(state, .setCaption(text))
        try draw(at: clock)
      }
    }
    emit("o", AnsiScreen.leave, at: clock)
    self.events = events
    finalState = state
  }

  /// The recording as `play` and `export` read one.
  public var recording: AsciicastReader.Recording {
    AsciicastReader.Recording(header: header, events: events, warnings: [])
  }
}
