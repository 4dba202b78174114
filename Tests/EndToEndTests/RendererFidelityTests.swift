import Asciicast
import Canvas
import Dashboard
@testable import Export
import Foundation
import Recorder
import Replay
import TerminalInput
import TerminalUI
import Testing

/// One session, four renderers: the live dashboard (on the in-memory backend, its stream
/// recorded through the real pipe and relay), `play`, `snapshot --from` and `export` must end on
/// the same frame, every cell's character and style, in the same theme's colours.
///
/// The session starts in a lesson with `--theme okabe-ito`, presses T, moves a logit, changes
/// view, drags on the curve, is resized, clicks a class in the new layout, runs continuous
/// descent in the landscape view and ends on a last T (the case whose frame used to go
/// unwritten).
@Suite struct RendererFidelityTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let themesDirectory = repository.appendingPathComponent("Themes").path
  static let catalog = ThemeCatalog(
    themesDirectory: themesDirectory, environment: [:], executable: nil)
  /// The binary sees these themes only (no user folder).
  static let environment: [String: String] = [
    "LANG": "C.UTF-8", "XDG_CONFIG_HOME": "/nonexistent", "PATH": "/usr/bin:/bin",
  ]

  static func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory()
      + "lossscope-renderers-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
  }

  struct Live {
    var state: DashboardState
    var screen: Canvas
    var theme: Theme
    var castPath: String
  }

  /// Runs the session live and writes its recording.
  static func recordLive(
    lesson: String, theme: String, script: (DashboardState) -> [InMemoryBackend.Scripted]
  )
    throws -> Live
  {
    let initial = DashboardState(
      lesson: try #require(LessonCatalog.lesson(lesson)), theme: catalog.index(of: theme))
    let reportsPath = temporaryPath("reports"), castPath = temporaryPath("session.cast")
    defer { unlink(reportsPath) }
    let descriptor = open(reportsPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    #expect(descriptor >= 0)
    let app = DashboardApp(
      state: initial, themes: catalog, symbols: .braille, colorChoice: .always,
      log: PipeSessionLog(descriptor: descriptor), measurer: CannedMeasurementRunner([]))
    let backend = InMemoryBackend(width: 120, height: 40, script: script(initial))
    backend.showsColor = true
    app.run(on: backend)
    close(descriptor)
    let header = AsciicastHeader(
      width: 120, height: 40, timestamp: 0, title: "fidelity", term: "xterm-256color",
      programVersion: "test", scenario: StateString.encode(initial.scenario), theme: theme,
      lesson: lesson)
    let writer = try AsciicastWriter(path: castPath, header: header)
    var relay = SessionRelay()
    try relay.relay(try Data(contentsOf: URL(fileURLWithPath: reportsPath)), to: writer)
    return Live(
      state: app.state, screen: try #require(backend.screen), theme: try #require(backend.theme),
      castPath: castPath)
  }

  /// What the live screen shows without the recorder's badge (the title row is the frame's own).
  static func frame(_ live: Live) -> Canvas {
    Frame.render(
      live.state, width: live.screen.width, height: live.screen.height, symbols: .braille,
      colorRamp: live.theme.hasRamp)
  }

  /// Rows `range` of a canvas as (character, style) pairs: text and colours both.
  static func rows(_ canvas: Canvas, _ range: Range<Int>) -> [[Cell]] {
    range.map { y in (0..<canvas.width).map { canvas[$0, y] } }
  }

  static func mouse(_ kind: MouseEvent.Kind, _ column: Int, _ row: Int)
    -> InMemoryBackend.Scripted
  {
    .key(.mouse(MouseEvent(kind, column: column, row: row)))
  }

  /// The session: T, →, v (compare), a drag along the curve, a resize, v v (landscape, then the
  /// dashboard), a click on a class in the new layout, v v (landscape), space, five ticks,
  /// space, and a last T.
  static func session(_ start: DashboardState) -> [InMemoryBackend.Scripted] {
    let compare = start.pressing([.character("T"), .right, .character("v")])
    let axis = Frame.regions(compare, width: 120, height: 40).first {
      $0.target == .probabilityAxis
    }!.rect
    let dragged = compare.pressing(
      [
        .mouse(MouseEvent(.click, column: axis.x + 5, row: axis.y + 2)),
        .mouse(MouseEvent(.drag, column: axis.x + axis.width / 2, row: axis.y + 2)),
        .mouse(MouseEvent(.release, column: axis.x + axis.width / 2, row: axis.y + 2)),
      ], width: 120, height: 40)
    let row = Frame.regions(
      dragged.pressing([.character("v"), .character("v")]), width: 100, height: 34
    )
    .first { $0.target == .classRow(2) }!.rect
    return [
      .key(.character("T")), .key(.right), .key(.character("v")),
      mouse(.click, axis.x + 5, axis.y + 2), mouse(.drag, axis.x + axis.width / 2, axis.y + 2),
      mouse(.release, axis.x + axis.width / 2, axis.y + 2),
      .resize(width: 100, height: 34),
      .key(.character("v")), .key(.character("v")),
      mouse(.click, row.x + 1, row.y),
      .key(.character("v")), .key(.character("v")), .key(.space), .wait, .wait, .wait, .wait, .wait,
      .key(.space),
      .key(.character("T")),
    ]
  }

  @Test func liveReplaySnapshotAndExportEndOnTheSameFrameInTheSameColours() throws {
    let live = try Self.recordLive(
      lesson: "softmax-basics", theme: "okabe-ito", script: Self.session)
    defer { unlink(live.castPath) }
    let expected = Self.frame(live)
    let (width, height) = (expected.width, expected.height)
    #expect((width, height) == (100, 34))
    #expect(live.state.view == .landscape && live.state.lessonID == "softmax-basics")
    #expect(live.state.themeIndex == Self.catalog.index(of: "okabe-ito") + 2)
    #expect(live.theme == Self.catalog.theme(at: live.state.themeIndex))
    #expect(live.theme.name != "okabe-ito")
    #expect(live.state.lossHistory.count > 6, "the ticks descended")
    // The live screen is the frame, with the badge over its title row.
    #expect(Self.rows(live.screen, 1..<height) == Self.rows(expected, 1..<height))

    // play: the same states in the same theme (its last row is its progress line).
    let recording = try AsciicastReader.load(live.castPath)
    let timeline = try Timeline(recording, theme: Self.catalog.index(of: recording.header.theme))
    var playback = Playback(timeline)
    playback.seek(to: timeline.steps.count)
    let player = PlaybackApp(
      playback: playback, themes: Self.catalog, symbols: .braille, colorChoice: .always)
    let screen = InMemoryBackend(width: width, height: height, script: [.wait])
    screen.showsColor = true
    player.run(on: screen)
    let played = try #require(screen.screen)
    #expect(screen.theme == live.theme)
    #expect(Self.rows(played, 0..<(height - 1)) == Self.rows(expected, 0..<(height - 1)))

    // snapshot --from, through the binary: text and colours as ANSI.
    let snapshot = try Binary.run(
      [
        "snapshot", "--from", live.castPath, "--size", "\(width)x\(height)", "--format", "ansi",
        "--symbols", "braille", "--themes-dir", Self.themesDirectory,
      ], environment: Self.environment)
    #expect(snapshot.status == 0, "\(snapshot.stderr)")
    #expect(snapshot.stdout == AnsiText.render(expected, theme: live.theme) + "\n")

    // export, through the binary: the film's last frame is the expected rows in that theme.
    let svgPath = Self.temporaryPath("film.svg")
    defer { unlink(svgPath) }
    let export = try Binary.run(
      [
        "export", live.castPath, svgPath, "--size", "\(width)x\(height)",
        "--themes-dir", Self.themesDirectory,
      ], environment: Self.environment)
    #expect(export.status == 0, "\(export.stderr)")
    let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
    let first = Self.catalog.theme(at: Self.catalog.index(of: "okabe-ito"))
    let palette = SVGPalette(theme: live.theme, under: SVGPalette(theme: first).canvas)
    let lastFrame = try #require(Self.lastFrameRows(svg))
    // A film draws its plots in vectors: its rows are the frame's with the plots' cells blank,
    // and each plot a picture over them.
    let (film, pictures) = Frame.render(
      live.state, width: width, height: height, symbols: .braille,
      colorRamp: live.theme.hasRamp, pixels: SVGFrame.pixels(for: live.theme))
    #expect(lastFrame == (0..<height).map { SVGFrame.line(film, row: $0, palette: palette) })
    #expect(!pictures.isEmpty && svg.contains("<use href=\"#p"))
  }

  /// A demo script's own `"o"` events carry every frame in the theme it is in: the one after a
  /// last T repaints the whole screen in the new colours (no cell's character changed), and the
  /// replay of the file ends in that theme.
  @Test func aScriptedRecordingsOutputCarriesTheFrameAfterALastT() throws {
    let script = try DemoScript(
      parsing: "Set Theme okabe-ito\nKey T\nKey right\nKey T", file: "theme.tape")
    let start = Self.catalog.index(of: "okabe-ito")
    let recorded = try ScriptedRecording(
      script, file: "theme.tape", themeName: "okabe-ito", startingTheme: start,
      theme: Self.catalog.cycle(), symbols: .braille, programVersion: "test")
    let outputs = recorded.events.filter { $0.code == "o" }
    #expect(outputs.count == 6, "enter, the first frame, one per key, leave")
    let final = recorded.finalState
    #expect(final.themeIndex == start + 2)
    let canvas = Frame.render(
      final, width: script.width, height: script.height, symbols: .braille, colorRamp: true)
    let theme = Self.catalog.theme(at: final.themeIndex)
    #expect(outputs[4].data == AnsiScreen.update(from: nil, to: canvas, theme: theme))
    #expect(
      recorded.events.filter { $0.code == "n" }.map(\.data) == [
        "theme " + Self.catalog.theme(at: start + 1).name, "theme " + theme.name,
      ])
    let timeline = try Timeline(recorded.recording, theme: start)
    #expect(timeline.finalState.themeIndex == final.themeIndex)
    #expect(
      Self.rows(Frame.render(timeline.finalState, width: 120, height: 40), 0..<40)
        == Self.rows(Frame.render(final, width: 120, height: 40), 0..<40))
  }

  /// A click is hit-tested in the layout of the glyphs the session was drawn with: ASCII folds
  /// some words to other widths (the compare view's key bar has `γ`, `gamma` in ASCII, before
  /// `y`), so the header records the symbols and the replay lays out with them.
  @Test func aClickReplaysInTheLayoutOfTheSessionsGlyphs() throws {
    let start = DashboardState(scenario: .standard).viewed(in: .compare, presenting: false)
    let ascii = Frame.regions(start, width: 120, height: 40, symbols: .ascii)
    let braille = Frame.regions(start, width: 120, height: 40, symbols: .braille)
    let logKey = try #require(ascii.last { $0.target == .key(.character("y")) }).rect
    let inBraille = try #require(braille.last { $0.target == .key(.character("y")) }).rect
    // A cell of the ASCII key bar's `y` that the braille key bar does not cover.
    let column = try #require(
      (logKey.x..<logKey.maxX).first { $0 < inBraille.x || $0 >= inBraille.maxX })
    let click = MouseEvent(.click, column: column, row: logKey.y)
    let live = start.pressing([.mouse(click)], width: 120, height: 40, symbols: .ascii)
    #expect(live.logScale, "the click pressed y")
    func header(_ symbols: String) -> AsciicastHeader {
      AsciicastHeader(
        width: 120, height: 40, timestamp: 0, title: "t", term: "xterm", programVersion: "test",
        scenario: StateString.encode(start.scenario), theme: "default", view: "compare",
        symbols: symbols)
    }
    func replayed(_ symbols: String) throws -> DashboardState {
      let bytes = String(decoding: InputDecoder.bytes(for: .mouse(click)), as: UTF8.self)
      let recording = AsciicastReader.Recording(
        header: header(symbols), events: [AsciicastEvent(time: 0.1, code: "i", data: bytes)],
        warnings: [])
      return try Timeline(recording).finalState
    }
    let fromFile = try AsciicastReader.parse(header("ascii").line + "\n")
    #expect(fromFile.header.symbols == "ascii", "the header keeps the symbols")
    #expect(try replayed("ascii").logScale)
    #expect(try !replayed("braille").logScale, "the braille layout has no y there")
  }

  /// The rows of an animated SVG's last frame, as the SVG of each (`<use href="#rN">` looked up
  /// in `<defs>`).
  static func lastFrameRows(_ svg: String) -> [String]? {
    var definitions: [String: String] = [:]
    for line in svg.split(separator: "\n") where line.hasPrefix("<g id=\"r") {
      let text = String(line)
      guard let close = text.firstIndex(of: ">"), text.hasSuffix("</g>") else { continue }
      let id = String(text[text.index(text.startIndex, offsetBy: 7)..<text.index(before: close)])
      definitions[id] = String(
        text[text.index(after: close)..<text.index(text.endIndex, offsetBy: -4)])
    }
    guard
      let last = svg.split(separator: "\n").last(where: { $0.hasPrefix("<g transform=") })
    else { return nil }
    return last.components(separatedBy: "<use href=\"#").dropFirst().compactMap { part in
      part.split(separator: "\"").first.flatMap { definitions[String($0)] }
    }
  }
}
