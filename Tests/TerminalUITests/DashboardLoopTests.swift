import Asciicast
import Dashboard
import Export
import Foundation
import Losses
import TerminalUI
import Testing
import TerminalInput
import Benchmarks
import Replay

/// The dashboard's real run loop on the in-memory backend: keys, ticks, resize, signals and
/// quitting, in milliseconds and without sleeping (the backend's clock is virtual).
@Suite struct DashboardLoopTests {
  static func app(
    _ state: DashboardState = DashboardState(scenario: .standard), log: SessionLog? = nil,
    measurer: MeasurementRunner = CannedMeasurementRunner([])
  ) -> DashboardApp {
    DashboardApp(
      state: state, themes: ThemeCatalog(themesDirectory: nil, environment: [:], executable: nil),
      symbols: .braille, colorChoice: .never, log: log, measurer: measurer)
  }

  @Test func keysBecomeActionsAndQQuits() {
    let backend = InMemoryBackend(
      width: 120, height: 40, script: [.key(.right), .key(.character("t")), .key(.character("q"))])
    let app = Self.app()
    let final = app.run(on: backend)
    #expect(final.quitRequested)
    #expect(app.endingSignal == 0)
    #expect(
      final
        == DashboardState(scenario: .standard).pressing([.right, .character("t"), .character("q")]))
    #expect(backend.screen?.plainText == Frame.render(final, width: 120, height: 40).plainText)
  }

  /// E writes the frame as SVG in the folder, never over a file, and says so on screen.
  @Test func eWritesTheFrameAsSVGAndSaysSo() throws {
    let directory = NSTemporaryDirectory() + "lossscope-export-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let app = Self.app()
    app.exportDirectory = directory
    let backend = InMemoryBackend(
      width: 120, height: 40, script: [.key(.right), .key(.character("E")), .key(.character("E"))])
    let final = app.run(on: backend)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(files.count == 2, "\(files)")
    #expect(files.allSatisfy { $0.hasPrefix("lossscope-") && $0.hasSuffix(".svg") })
    let first = try #require(files.first)
    let svg = try String(contentsOfFile: directory + "/" + first, encoding: .utf8)
    let loss = String(format: "%.4f", Derived().analysis(final.scenario).totalLoss)
    #expect(svg.contains("loss \(loss)"), "the frame's loss is text in the picture")
    #expect(svg.hasPrefix("<svg"))
    #expect(backend.screen?.plainText.contains("wrote lossscope-") == true)

    // The same second again: a new name, never the old file.
    let date = Date(timeIntervalSince1970: 1_800_000_000)
    let a = try FrameFile.write("one", in: directory, at: date)
    let b = try FrameFile.write("two", in: directory, at: date)
    #expect(a != b && b.hasSuffix("-2.svg"))
    #expect(try String(contentsOfFile: directory + "/" + a, encoding: .utf8) == "one")
  }

  @Test func keysThatArriveTogetherAreEachOneAction() {
    // Three Right presses in one read are three keys (and, recorded, three input events).
    let bytes =
      InputDecoder.bytes(for: .right) + InputDecoder.bytes(for: .right)
      + InputDecoder.bytes(for: .right)
    let log = MemoryLog()
    let final = Self.app(log: log).run(
      on: InMemoryBackend(width: 80, height: 24, script: [.input(bytes), .key(.character("q"))]))
    #expect(
      final
        == DashboardState(scenario: .standard).pressing([.right, .right, .right, .character("q")]))
    #expect(log.events.filter { $0.code == "i" }.count == 4)
  }

  @Test func anEscapeSequenceSplitAcrossReadsIsOneKeyAndALoneEscIsEsc() {
    let backend = InMemoryBackend(
      width: 80, height: 24,
      script: [
        .input([0x1B]), .input([0x4F, 0x43]),  // ESC, then O C: Right
        // A lone Esc: after the delay, the Esc key (closes help).
        .key(.character("?")), .input([0x1B]), .wait,
        .key(.character("q")),
      ])
    let final = Self.app().run(on: backend)
    #expect(
      final
        == DashboardState(scenario: .standard).pressing([
          .right, .character("?"), .escape, .character("q"),
        ]))
    #expect(!final.helpVisible)
    #expect(backend.timeoutsAsked.contains(DashboardApp.escapeDelay))
  }

  @Test func continuousDescentTicksOnlyWhileRunningAndIdleWaitsForInput() {
    let ticks = 7
    let backend = InMemoryBackend(
      width: 120, height: 40,
      script: [.wait, .key(.space)] + Array(repeating: .wait, count: ticks) + [
        .key(.space), .wait, .key(.character("q")),
      ])
    let final = Self.app().run(on: backend)
    var expected = update(DashboardState(scenario: .standard), .toggleRunning)
    for _ in 0..<ticks { expected = update(expected, .tick) }
    expected = update(update(expected, .toggleRunning), .quit)
    #expect(final == expected)
    #expect(final.lossHistory.count == ticks + 1)
    // Idle: no timeout at all (blocks on input); running: one frame interval.
    #expect(backend.timeoutsAsked.first == .some(nil))
    #expect(backend.timeoutsAsked[2] == DashboardApp.frameInterval)
    #expect(backend.timeoutsAsked.last == .some(nil))
  }

  @Test func aSignalEndsTheLoopAndSaysWhich() {
    let app = Self.app()
    _ = app.run(
      on: InMemoryBackend(
        width: 80, height: 24, script: [.key(.right), .signal(SIGTERM), .key(.right)]))
    #expect(app.endingSignal == SIGTERM)
    #expect(app.state == DashboardState(scenario: .standard).pressing([.right]))
  }

  @Test func aResizeRedrawsAtTheNewSizeAndIsRecorded() {
    let log = MemoryLog()
    let backend = InMemoryBackend(
      width: 120, height: 40, script: [.resize(width: 80, height: 24), .key(.character("q"))])
    let final = Self.app(log: log).run(on: backend)
    #expect(backend.screen?.width == 80 && backend.screen?.height == 24)
    #expect(backend.cellsSent[1] == 80 * 24)
    #expect(log.events.contains(.resize(width: 80, height: 24)))
    #expect(!final.helpVisible)
  }

  @Test func aKeystrokeSendsOnlyTheCellsThatChanged() {
    let backend = InMemoryBackend(
      width: 120, height: 40, script: [.key(.character("l")), .key(.character("q"))])
    _ = Self.app().run(on: backend)
    #expect(backend.cellsSent[0] == 120 * 40)
    #expect(backend.cellsSent[1] > 0 && backend.cellsSent[1] < 120 * 40 / 4)
  }

  @Test func theLargeVocabMeasurementRunsOffTheInputPathAndIsRecordedAsMeasured() throws {
    let lesson = try #require(LessonCatalog.lesson("large-vocab"))
    let canned = VocabularyMeasurement.sizes.enumerated().map { index, size in
      VocabularyMeasurement(
        batch: size.batch, classes: size.classes, fusedMilliseconds: Double(index + 1),
        composedMilliseconds: Double(10 * (index + 1)),
        fusedBytes: size.batch * size.classes * 4, composedBytes: 3 * size.batch * size.classes * 4,
        optimizedBuild: true)
    }
    let log = MemoryLog()
    let app = Self.app(
      DashboardState(lesson: lesson), log: log, measurer: CannedMeasurementRunner(canned))
    let script: [InMemoryBackend.Scripted] =
      [.key(.character("g"))] + Array(repeating: .wait, count: 6) + [.key(.character("q"))]
    let backend = InMemoryBackend(width: 140, height: 44, script: script)
    let final = app.run(on: backend)
    #expect(final.measurements == canned)
    // The canned measurer is never busy: its result is ready at once, as a fast size's is. The
    // loop must still come back for it rather than wait for a key (the first question is
    // before g; the four sizes follow).
    #expect(Array(backend.timeoutsAsked[1...4]) == [50, 50, 50, 50].map { Optional($0) })
    #expect(log.events.compactMap { if case .measurement(let m) = $0 { m } else { nil } } == canned)
  }

  @Test func tMakesTheSelectedClassTheTarget() {
    let backend = InMemoryBackend(
      width: 120, height: 40, script: [.key(.down), .key(.character("t"))])
    _ = Self.app().run(on: backend)
    #expect(backend.screen?.lines[0].contains("target 1 · class 1") == true)
  }

  @Test func theHelpOverlayOpensAndEscClosesItAfterTheEscDelay() {
    let backend = InMemoryBackend(width: 120, height: 40, script: [.key(.character("?"))])
    let app = Self.app()
    _ = app.run(on: backend)
    #expect(backend.screen?.plainText.contains("Esc closes") == true)
    backend.enqueue([.input([0x1B])])
    _ = app.run(on: backend)
    // Esc alone might begin a sequence: nothing yet.
    #expect(backend.screen?.plainText.contains("Esc closes") == true)
    backend.enqueue([.wait])
    _ = app.run(on: backend)
    #expect(backend.screen?.plainText.contains("Esc closes") == false)
  }

  @Test func resizingToTooSmallAndBackThroughAStorm() {
    let backend = InMemoryBackend(width: 120, height: 40, script: [.resize(width: 40, height: 12)])
    let app = Self.app()
    _ = app.run(on: backend)
    #expect(backend.screen?.plainText.contains("need 72×22") == true)
    backend.enqueue(
      [(90, 30), (50, 15), (130, 45), (72, 22), (12, 4), (1, 1), (120, 40)].map {
        .resize(width: $0.0, height: $0.1)
      })
    _ = app.run(on: backend)
    let screen = backend.screen!
    #expect(screen.width == 120 && screen.height == 40)
    #expect(screen.plainText.contains("numbers") && !screen.plainText.contains("too small"))
    // Every frame was the backend's size: nothing drawn outside.
    #expect(backend.cellsSent.dropFirst().allSatisfy { $0 <= 130 * 45 })
  }

  @Test func aLessonOpensFromThePicker() throws {
    let backend = InMemoryBackend(
      width: 120, height: 40,
      script: [.key(.character("L")), .key(.up), .key(.up), .key(.up), .key(.enter)])
    let final = Self.app(
      DashboardState(lesson: try #require(LessonCatalog.lesson("class-weights")))
    ).run(on: backend)
    #expect(final.lessonID == "softmax-basics")
    #expect(backend.screen?.lines[0].contains("lesson softmax-basics") == true)
  }

  @Test func aNewThemeRedrawsTheWholeFrame() {
    let backend = InMemoryBackend(width: 100, height: 30, script: [.key(.character("T"))])
    let app = Self.app()
    _ = app.run(on: backend)
    #expect(app.state.themeIndex == 1)
    #expect(backend.cellsSent == [100 * 30, 100 * 30])
    #expect(
      backend.screen?.lines.last?.contains("theme default") == true, "T says which theme it chose")
  }

  /// The badge is the recorder's and only the live screen shows it; the marker's notice is the
  /// state's (one notice, on the key bar), so a replay's frame shows it too.
  @Test func aRecordedSessionShowsABadgeAndAMarkerNotice() throws {
    let log = MemoryLog()
    let backend = InMemoryBackend(width: 120, height: 40, script: [.key(.character("m"))])
    backend.enqueue([])
    let app = Self.app(log: log)
    _ = app.run(on: backend)
    let title = backend.screen?.lines.first ?? ""
    #expect(title.contains("● REC 00:00"))
    // The badge covers no title item: whatever the title shows is whole, left of the badge.
    let badge = try #require(title.range(of: " ● REC 00:00 "))
    let items = title[..<badge.lowerBound].trimmingCharacters(in: .whitespaces)
    #expect(items.hasSuffix("class 0") || items.hasSuffix("target 0"), "\(title)")
    #expect(backend.screen?.lines.last?.contains("marker 1") == true)
    let frame = Frame.render(app.state, width: 120, height: 40)
    #expect(!frame.lines[0].contains("REC"))
    #expect(frame.lines[39].contains("marker 1"))
  }
}

/// A session log that keeps the events in memory.
final class MemoryLog: SessionLog {
  var events: [SessionEvent] = []
  func record(code: String, data: String) {
    if let event = try? SessionEvent(code: code, data: data) { events.append(event) }
  }
}

@Suite struct StateStringOverlayTests {
  @Test func theStateStringIsOneScrolledLineAndCCopiesIt() {
    let backend = InMemoryBackend(width: 80, height: 24, script: [.key(.character("P"))])
    let app = DashboardLoopTests.app()
    _ = app.run(on: backend)
    let text = StateString.encode(app.state.scenario)
    let screen = backend.screen!.plainText
    #expect(screen.contains(String(text.prefix(40))), "on one line, not wrapped")
    #expect(screen.contains("c copies to the clipboard"))
    backend.enqueue([.key(.right), .key(.character("c"))])
    _ = app.run(on: backend)
    #expect(app.state.stateStringOffset == 8)
    #expect(backend.clipboard == [text])
    #expect(
      app.state.scenario == DashboardState(scenario: .standard).scenario,
      "→ scrolls; it does not move a logit")
    backend.enqueue([.key(.escape), .wait])
    _ = app.run(on: backend)
    #expect(!app.state.stateStringVisible)
  }
}

/// `play` keeps a demo's caption visible above its progress line.
@Suite struct PlaybackCaptionTests {
  @Test func theCaptionShowsAboveTheProgressLine() throws {
    let script = try DemoScript(
      parsing: "Caption \"hello, class\"\nKey right\nSleep 200ms", file: "demo.tape")
    let recorded = try ScriptedRecording(
      script, file: "demo.tape", themeName: "default", theme: { _ in .standard }, symbols: .braille,
      programVersion: "test")
    var playback = Playback(try Timeline(recorded.recording))
    playback.seek(to: playback.timeline.steps.count)
    let app = PlaybackApp(
      playback: playback,
      themes: ThemeCatalog(themesDirectory: nil, environment: [:], executable: nil),
      symbols: .braille, colorChoice: .never)
    let backend = InMemoryBackend(width: 120, height: 40, script: [.wait])
    app.run(on: backend)
    let lines = try #require(backend.screen).lines
    #expect(lines[38].contains("hello, class"), "\(lines[38])")
    #expect(lines[39].contains("step "), "the progress line: \(lines[39])")
  }
}
