@testable import Dashboard
import Foundation
import Losses
import TerminalUI
import Testing
import TerminalInput
import Benchmarks
import Asciicast
import Replay
import Recorder

/// A scripted session through the real run loop, recorded through the real recorder code (the
/// dashboard's pipe reports, relayed into an asciicast file), then replayed: the replay must end
/// on the live session's frame, and the marker's label must be the live loss.
@Suite struct ReplayFidelityTests {
  static func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory()
      + "lossscope-fidelity-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
  }

  /// Runs `script` live with its stream reported to a pipe-like file, relays the reports into a
  /// recording, and returns the live app and the recording read back.
  static func recordLive(
    _ initial: DashboardState, script: [InMemoryBackend.Scripted], format: AsciicastFormat = .v2,
    measurer: MeasurementRunner = CannedMeasurementRunner([])
  ) throws -> (app: DashboardApp, backend: InMemoryBackend, recording: AsciicastReader.Recording) {
    let reportsPath = temporaryPath("reports"), castPath = temporaryPath("session.cast")
    defer {
      unlink(reportsPath)
      unlink(castPath)
    }
    let descriptor = open(reportsPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    #expect(descriptor >= 0)
    let app = DashboardApp(
      state: initial, themes: ThemeCatalog(themesDirectory: nil, environment: [:], executable: nil),
      symbols: .braille, colorChoice: .never, log: PipeSessionLog(descriptor: descriptor),
      measurer: measurer)
    let backend = InMemoryBackend(width: 120, height: 40, script: script)
    app.run(on: backend)
    close(descriptor)

    let header = AsciicastHeader(
      width: 120, height: 40, timestamp: 0, title: "test", term: "xterm", programVersion: "test",
      scenario: StateString.encode(initial.scenario), theme: "default", lesson: initial.lessonID)
    let writer = try AsciicastWriter(path: castPath, header: header, format: format)
    var relay = SessionRelay()
    let reports = try Data(contentsOf: URL(fileURLWithPath: reportsPath))
    // In pieces, as a pipe delivers them.
    for start in stride(from: 0, to: reports.count, by: 7) {
      try relay.relay(reports[start..<min(reports.count, start + 7)], to: writer)
    }
    return (app, backend, try AsciicastReader.load(castPath))
  }

  /// The replay's last state is the live one (but for being a replay), and so is its frame.
  static func expectReplay(
    _ timeline: Timeline, endsOn live: DashboardState, width: Int, height: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var replayed = timeline.finalState
    replayed.isReplay = false
    #expect(replayed == live, sourceLocation: sourceLocation)
    #expect(
      Frame.render(timeline.finalState, width: width, height: height).plainText
        == Frame.render(live, width: width, height: height).plainText,
      sourceLocation: sourceLocation)
  }

  @Test(arguments: AsciicastFormat.allCases)
  func continuousDescentReplaysToTheLiveFrameAndTheMarkerIsTheLiveLoss(format: AsciicastFormat)
    throws
  {
    let ticks = 12
    let script: [InMemoryBackend.Scripted] =
      [.key(.right), .key(.space)] + Array(repeating: .wait, count: ticks)
      + [.key(.space), .key(.character("m")), .key(.character("q"))]
    let (app, backend, recording) = try Self.recordLive(
      DashboardState(scenario: .standard), script: script, format: format)
    #expect(recording.version == (format == .v3 ? 3 : 2))
    let live = app.state
    #expect(live.lossHistory.count == ticks + 2)  // the start, the Right press, then each tick

    let timeline = try Timeline(recording)
    // keys: right, space, space, m, q; and the ticks.
    #expect(timeline.steps.count == 5 + ticks)
    Self.expectReplay(timeline, endsOn: live, width: 120, height: 40)
    // The live screen had the REC badge and the notice over the title bar; below it, the same.
    #expect(
      Array(backend.screen!.lines.dropFirst())
        == Array(Frame.render(live, width: 120, height: 40).lines.dropFirst()))

    let marker = try #require(timeline.markers.first)
    #expect(marker.label == app.markerLabel)
    #expect(
      marker.label
        == String(format: "cross_entropy loss %.4f", Double(Analysis.totalLoss(of: live.scenario))))
    // The loss moved: continuous descent happened and was replayed.
    #expect(live.lossHistory.last! < live.lossHistory[1])

    // Playing it through (as `play` does) ends on the same state.
    var playback = Playback(timeline)
    playback.advance(by: playback.duration + 1)
    #expect(playback.atEnd)
    #expect(playback.state == timeline.finalState)
  }

  @Test func theLargeVocabMeasurementReplaysAsMeasured() throws {
    let lesson = try #require(LessonCatalog.lesson("large-vocab"))
    let canned = VocabularyMeasurement.sizes.map { size in
      VocabularyMeasurement(
        batch: size.batch, classes: size.classes, fusedMilliseconds: 0.123456789,
        composedMilliseconds: 9.87654321,
        fusedBytes: size.batch * size.classes * 4, composedBytes: 12_345_678, optimizedBuild: true)
    }
    let script: [InMemoryBackend.Scripted] =
      [.key(.character("g"))] + Array(repeating: .wait, count: 6) + [.key(.character("q"))]
    let (app, _, recording) = try Self.recordLive(
      DashboardState(lesson: lesson), script: script, measurer: CannedMeasurementRunner(canned))
    #expect(recording.events.filter { $0.code == "b" }.count == canned.count)
    let replayed = try Timeline(recording).finalState
    #expect(replayed.measurements == app.state.measurements)
    let frame = Frame.render(replayed, width: 160, height: 50).plainText
    #expect(frame.contains("measured on the recording machine"))
    #expect(
      frame.contains(
        "128 × 50257: fused 0.12 ms, 25.7 MB · composed 9.88 ms, 12.3 MB · 80.0× faster"))
  }

  /// Mouse reports are recorded as the bytes the terminal sent and replayed at the recorded
  /// size: a bar dragged, the wheel, a resize, the landscape clicked, a title's hotkey clicked.
  @Test func aSessionWithTheMouseReplaysToTheLiveFrame() throws {
    let start = DashboardState(scenario: .standard)
    let regions = Frame.regions(start, width: 120, height: 40)
    let axis = try #require(regions.first { $0.target == .probabilityAxis })
    let descend = try #require(regions.first { $0.target == .key(.character("g")) })
    func mouse(_ kind: MouseEvent.Kind, _ column: Int, _ row: Int) -> InMemoryBackend.Scripted {
      .key(.mouse(MouseEvent(kind, column: column, row: row)))
    }
    var script: [InMemoryBackend.Scripted] = [
      mouse(.click, axis.rect.x + 3, axis.rect.y + 2),
      mouse(.drag, axis.rect.x + 9, axis.rect.y + 4),
      mouse(.release, axis.rect.x + 9, axis.rect.y + 4),
      mouse(.wheelUp, 10, 10), mouse(.wheelUp, 10, 10),
      mouse(.click, descend.rect.x, descend.rect.y),
      .resize(width: 100, height: 30), .key(.character("v")), .key(.character("v")),
    ]
    // After the resize, the landscape at 100×30: a click in its plot.
    script += [mouse(.click, 30, 12), mouse(.release, 30, 12), .key(.character("q"))]
    let (app, _, recording) = try Self.recordLive(start, script: script)
    let live = app.state
    #expect(live.view == .landscape)
    #expect(live.scenario != start.scenario)
    // The drag, two wheel notches, g, the landscape click.
    #expect(live.undoStack.count == 5)
    let timeline = try Timeline(recording)
    #expect(timeline.steps.count == script.count - 1, "every report and key is a step")
    Self.expectReplay(timeline, endsOn: live, width: 100, height: 30)
  }
}
