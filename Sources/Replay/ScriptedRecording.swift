import Dashboard
import Canvas
import TerminalInput
import Asciicast

/// The recording a live session would have produced from a demo script, made without a terminal
/// and deterministically: the same script gives the same events, times included.
///
/// The script's clock runs in whole milliseconds: each key takes ``keyInterval``, `Sleep` adds
/// its time, and while continuous descent runs a tick falls every ``Action/tickMilliseconds`` after it
/// started, as the live dashboard's clock does. Each key is stored as the
/// bytes a terminal sends for it (`i`), each tick (`t`), marker (`m`), caption (`c`) and notice
/// (`n`) as live, and the output (`o`) is every frame re-drawn as a terminal would receive it
/// (all of it after `T`), so asciinema plays the file too.
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

  /// Runs a script: each command becomes inputs to ``step(_:_:derived:)``, on the script's
  /// clock, and the effects the steps ask for are performed as the live dashboard performs them
  /// (a marker's label, the theme's name); each input is logged as the live recorder logs it.
  ///
  /// - Parameters:
  ///   - script: The script.
  ///   - file: Its name, for messages.
  ///   - themeName: The theme the header names (the script's `Set Theme`, or the caller's).
  ///   - startingTheme: That theme's index in the list `T` cycles through.
  ///   - theme: The theme at an index of that list (wrapping around it), as live.
  ///   - symbols: Braille, block or ASCII graphics for the output.
  ///   - programVersion: For the header.
  /// - Throws: ``DemoScriptError`` when the script asks for what cannot be recorded
  ///   deterministically (the large-vocab lesson's measurements), or for too many cells.
  public init(
    _ script: DemoScript, file: String, themeName: String, startingTheme: Int = 0,
    theme: (Int) -> Theme, symbols: SymbolSet, programVersion: String
  ) throws {
    let derived = Derived()
    var state: DashboardState
    let scenario = script.state.flatMap { try? StateString.decode($0) } ?? .standard
    if let id = script.lesson, let lesson = LessonCatalog.lesson(id) {
      state = DashboardState(lesson: lesson, theme: startingTheme)
        .viewed(in: script.view, presenting: false)
    } else {
      state = DashboardState(
        scenario: scenario, view: script.view ?? .dashboard, theme: startingTheme)
    }
    let (width, height) = (script.width, script.height)
    header = AsciicastHeader(
      width: width, height: height, timestamp: 0, title: "LossScope demo", term: "xterm-256color",
      programVersion: programVersion, scenario: StateString.encode(state.scenario),
      theme: themeName, lesson: script.lesson, view: (script.view ?? state.view).rawValue,
      symbols: symbols.rawValue)

    // Every input draws a frame: the work is frames × cells, bounded before it is done (for the
    // keys) and while it is (for the ticks, which depend on what the keys do).
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
    var screen: (canvas: Canvas, theme: Int)?
    var nextTick: Int?
    func emit(_ event: SessionEvent, at time: Int) {
      events.append(AsciicastEvent(time: Double(time) / 1000, code: event.code, data: event.data))
    }
    func draw(at time: Int) throws {
      framesDrawn += 1
      guard framesDrawn <= ScriptedRecording.maximumCells / max(1, cells) else {
        throw tooMuch(framesDrawn)
      }
      let canvas = Frame.render(
        state, width: width, height: height, symbols: symbols, colorRamp: true, derived: derived)
      // Another theme repaints every cell, as a terminal needs it to (no cell changed).
      let output = AnsiScreen.update(
        from: screen?.theme == state.themeIndex ? screen?.canvas : nil, to: canvas,
        theme: theme(state.themeIndex))
      if !output.isEmpty {
        events.append(AsciicastEvent(time: Double(time) / 1000, code: "o", data: output))
      }
      screen = (canvas, state.themeIndex)
    }
    /// Steps one input, logged as `event`, performing its effects; then draws.
    func send(_ input: Input, logged event: SessionEvent, at time: Int) throws {
      emit(event, at: time)
      let wasRunning = state.running
      let (next, effects) = step(state, input, derived: derived)
      state = next
      for effect in effects {
        switch effect {
        case .addMarker(let label): emit(.marker(label), at: time)
        case .changeTheme(let index):
          let notice = Input.themeNotice(theme(index).name)
          emit(.notice(notice), at: time)
          state = step(state, .notice(notice), derived: derived).state
        case .startMeasurement:
          throw DemoScriptError(
            file: file, line: 0,
            message:
              "the large-vocab lesson's measurements are timings, different on every run: a script cannot record them"
          )
        case .copyToClipboard, .writeFrame, .quit:
          break
        }
      }
      if state.running && !wasRunning { nextTick = time + Action.tickMilliseconds }
      try draw(at: time)
    }
    /// Runs the clock to `time`, with the ticks of continuous descent that fall before it.
    func run(until time: Int) throws {
      while state.running, let due = nextTick, due <= time {
        nextTick = due + Action.tickMilliseconds
        try send(.tick, logged: .tick, at: due)
      }
      if !state.running { nextTick = nil }
      clock = max(clock, time)
    }
    events.append(AsciicastEvent(time: 0, code: "o", data: AnsiScreen.enter))
    try draw(at: 0)
    for command in script.commands {
      switch command {
      case .key(let key):
        try run(until: clock)
        try send(
          .pressing(key, width: width, height: height, symbols: symbols),
          logged: .input(InputDecoder.bytes(for: key)),
          at: clock)
        try run(until: clock + ScriptedRecording.keyInterval)
      case .sleep(let seconds):
        try run(until: clock + Int((seconds * 1000).rounded()))
      case .marker(let label):
        try run(until: clock)
        emit(.marker(label), at: clock)
      case .caption(let text):
        try run(until: clock)
        try send(.caption(text), logged: .caption(text), at: clock)
      }
    }
    events.append(AsciicastEvent(time: Double(clock) / 1000, code: "o", data: AnsiScreen.leave))
    self.events = events
    finalState = state
  }

  /// The recording as `play` and `export` read one.
  public var recording: AsciicastReader.Recording {
    AsciicastReader.Recording(header: header, events: events, warnings: [])
  }
}
