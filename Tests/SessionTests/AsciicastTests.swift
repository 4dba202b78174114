import Dashboard
import Losses
import Foundation
@testable import Asciicast
@testable import Replay
import Testing
@testable import TerminalInput
@testable import Recorder
import Benchmarks

@Suite struct AsciicastTests {
  static let header = AsciicastHeader(
    width: 100, height: 30, timestamp: 1_700_000_000, title: "t", term: "xterm-256color",
    programVersion: "0.1.0",
    scenario: "v1;z=2,1,0.1;y=0", theme: "default")

  func file(_ lines: [String], newline: Bool = true) -> String {
    lines.joined(separator: "\n") + (newline ? "\n" : "")
  }

  @Test func writerAndReaderRoundTrip() throws {
    let path = NSTemporaryDirectory() + "roundtrip-\(UUID().uuidString).cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try AsciicastWriter(path: path, header: AsciicastTests.header)
    try writer.append(code: "o", data: "\u{1B}[2Jhello ⣿ ◆")
    try writer.append(code: "i", data: "\u{1B}OC")
    try writer.append(code: "m", data: "cross_entropy loss 0.4170")
    // Each line is on disk as soon as it is written, before the writer is closed.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let recording = try AsciicastReader.parse(text)
    #expect(recording.header == AsciicastTests.header)
    #expect(recording.events.map(\.code) == ["o", "i", "m"])
    #expect(recording.events[0].data == "\u{1B}[2Jhello ⣿ ◆")
    #expect(recording.events.map(\.time) == recording.events.map(\.time).sorted())
    #expect(recording.warnings.isEmpty)
  }

  @Test func unknownEventCodesAreKeptAndIgnoredByTheTimeline() throws {
    let text = file([AsciicastTests.header.line, #"[0.1, "x", "future"]"#, #"[0.2, "i", "l"]"#])
    let recording = try AsciicastReader.parse(text)
    #expect(recording.events.count == 2)
    #expect(try Timeline(recording).steps.count == 1)
  }

  @Test func aTruncatedLastLineIsSkippedWithAWarning() throws {
    let text = file(
      [AsciicastTests.header.line, #"[0.1, "i", "l"]"#, #"[0.2, "i", "#], newline: false)
    let recording = try AsciicastReader.parse(text)
    #expect(recording.events.count == 1)
    #expect(recording.warnings == ["line 3: truncated last line skipped"])
  }

  @Test(arguments: [
    ("", 1), ("not json\n", 1), (#"{"version": 1, "width": 80, "height": 24}"# + "\n", 1),
    (#"{"version": 2, "height": 24}"# + "\n", 1),
    (#"{"version": 2, "width": 80.5, "height": 24}"# + "\n", 1),
    (#"[2, 80, 24]"# + "\n", 1),
  ])
  func badHeadersAreRejected(_ text: String, _ line: Int) {
    #expect(throws: AsciicastError.self) { try AsciicastReader.parse(text) }
  }

  @Test func aMalformedMiddleLineIsAnErrorNamingIt() {
    let text = file([
      AsciicastTests.header.line, #"[0.1, "i", "l"]"#, #"[0.2, "i"]"#, #"[0.3, "i", "h"]"#,
    ])
    do {
      _ = try AsciicastReader.parse(text)
      Issue.record("expected an error")
    } catch let error as AsciicastError {
      #expect(error.line == 3)
    } catch {
      Issue.record("\(error)")
    }
    #expect(throws: AsciicastError.self) {
      try AsciicastReader.parse(file([AsciicastTests.header.line, #"[-1, "i", "l"]"#]))
    }
  }

  @Test func aBadScenarioInTheHeaderIsReported() throws {
    var header = AsciicastTests.header
    header.scenario = "v1;z=1;y=0"
    let recording = try AsciicastReader.parse(file([header.line]))
    #expect(throws: AsciicastError.self) { try Timeline(recording) }
  }
}

@Suite struct InputDecoderTests {
  @Test(arguments: [
    Key.left, .right, .up, .down, .shiftLeft, .shiftRight, .tab, .shiftTab, .space, .enter,
    .controlC, .character("t"), .character("?"), .character("["),
  ])
  func everyKeyRoundTrips(_ key: Key) {
    #expect(InputDecoder.keys(InputDecoder.bytes(for: key)) == [key])
  }

  @Test func normalAndApplicationCursorModesBothDecode() {
    #expect(
      InputDecoder.keys(Array("\u{1B}[C\u{1B}OD\u{1B}[1;2C\u{1B}[Zt".utf8)) == [
        .right, .left, .shiftRight, .shiftTab, .character("t"),
      ])
    #expect(InputDecoder.keys([0x1B]) == [.escape])
    #expect(InputDecoder.keys([0x1B, 0x5B]) == [])
  }

  @Test func utf8SplitAcrossChunksIsHeldBack() {
    var chunker = UTF8Chunker()
    let bytes = Array("a⣿b".utf8)  // ⣿ is three bytes
    let first = bytes[0..<2].withUnsafeBytes { chunker.text(appending: $0) }
    let second = bytes[2...].withUnsafeBytes { chunker.text(appending: $0) }
    #expect(first == "a")
    #expect(second == "⣿b")
  }
}

@Suite struct TimelineTests {
  func recording(_ inputs: [(Double, String)], markers: [(Double, String)] = []) throws
    -> AsciicastReader.Recording
  {
    var events = inputs.map { AsciicastEvent(time: $0.0, code: "i", data: $0.1) }
    events += markers.map { AsciicastEvent(time: $0.0, code: "m", data: $0.1) }
    events.sort { $0.time < $1.time }
    return AsciicastReader.Recording(header: AsciicastTests.header, events: events, warnings: [])
  }

  @Test func replayingInputsGivesTheSameStatesAsTheKeys() throws {
    let inputs: [(Double, String)] = [
      (0.5, "\u{1B}OC"), (1.0, "\u{1B}OC"), (1.2, "\u{1B}OB"), (2.0, "t"), (2.5, "g"),
    ]
    let timeline = try Timeline(try recording(inputs, markers: [(1.1, "after two")]))
    var state = DashboardState(
      scenario: try StateString.decode(AsciicastTests.header.scenario), replay: true)
    for (index, input) in inputs.enumerated() {
      for key in InputDecoder.keys(Array(input.1.utf8)) {
        state = update(state, Keymap.action(for: key)!)
      }
      #expect(timeline.state(afterSteps: index + 1) == state)
    }
    #expect(timeline.state(afterSteps: 0) == timeline.initial)
    #expect(timeline.markers == [Timeline.Marker(time: 1.1, label: "after two", afterStep: 2)])
  }

  @Test func playbackStepsSeeksAndKeepsTime() throws {
    let timeline = try Timeline(
      try recording([(1, "l"), (2, "l"), (30, "l"), (31, "t")], markers: [(2.5, "m1")]))
    var playback = Playback(timeline, idleTimeLimit: 2)
    #expect(playback.duration == 5)  // the 28 s pause shortened to 2
    playback.advance(by: 1.5)
    #expect(playback.position == 1)
    _ = playback.handle(.character("."))
    #expect(playback.position == 2 && !playback.playing)
    _ = playback.handle(.character(","))
    _ = playback.handle(.character(","))
    #expect(playback.position == 0)
    _ = playback.handle(.character("]"))
    #expect(playback.position == 2)
    _ = playback.handle(.character("["))
    #expect(playback.position == 2)  // no earlier marker
    _ = playback.handle(.character("+"))
    _ = playback.handle(.space)
    playback.advance(by: 10)
    #expect(playback.atEnd)
    #expect(playback.state == timeline.state(afterSteps: 4))
    let keepsPlaying = playback.handle(.character("q"))
    #expect(!keepsPlaying)
    #expect(playback.progressLine(width: 200).contains("step 4/4"))
  }
}

@Suite struct SessionStreamTests {
  @Test func everyEventRoundTripsThroughItsCodeAndData() throws {
    let measurement = VocabularyMeasurement(
      batch: 32, classes: 32_000, fusedMilliseconds: 1.0 / 3, composedMilliseconds: 12.5,
      fusedBytes: 4_096_000,
      composedBytes: 17_000_000, optimizedBuild: false)
    let largest = VocabularyMeasurement(
      batch: 128, classes: 50_257, fusedMilliseconds: 2, composedMilliseconds: 60,
      fusedBytes: 25_731_584, composedBytes: 77_000_000, optimizedBuild: true,
      linear: LinearStepMeasurement(
        tokens: 512, hidden: 768, vocabulary: 50_257, milliseconds: 1_400.25,
        extraBytes: 25_800_000))
    let events: [SessionEvent] = [
      .input(Array("\u{1B}OC".utf8)), .tick, .measurement(measurement), .measurement(largest),
      .marker("focal loss 0.1234"), .resize(width: 80, height: 24),
    ]
    for event in events { #expect(try SessionEvent(code: event.code, data: event.data) == event) }
    #expect(events.map(\.code) == ["i", "t", "b", "b", "m", "r"])
    // A linear step of another size is refused: the lesson never takes it.
    let other = largest.linear.map { step in
      var changed = largest
      changed.linear = LinearStepMeasurement(
        tokens: 4096, hidden: step.hidden, vocabulary: step.vocabulary,
        milliseconds: step.milliseconds, extraBytes: step.extraBytes)
      return changed
    }!
    #expect(throws: AsciicastError.self) {
      try SessionEvent(code: "b", data: SessionEvent.measurement(other).data)
    }
    // Codes that are not the stream's (output, v3 exit, anything newer) are skipped, not errors.
    for code in ["o", "x", "q"] { #expect(try SessionEvent(code: code, data: "0") == nil) }
  }

  @Test func aBadMeasurementIsAnErrorNamingItsLine() throws {
    let text =
      [
        AsciicastTests.header.line, #"[0.1, "i", "g"]"#,
        #"[0.2, "b", "{\"batch\": 3, \"classes\": 7}"]"#,
      ].joined(separator: "\n") + "\n"
    #expect(
      throws: AsciicastError(
        line: 3, message: "a measurement (\"b\") event names a size the lesson does not measure")
    ) {
      _ = try Timeline(try AsciicastReader.parse(text))
    }
  }

  @Test func ticksAndKeysReplayInTheirRecordedOrder() throws {
    // space, three ticks, space: three descent steps, then stopped.
    let text =
      [
        AsciicastTests.header.line, #"[0.1, "i", " "]"#, #"[0.16, "t", ""]"#, #"[0.22, "t", ""]"#,
        #"[0.28, "t", ""]"#,
        #"[0.3, "i", " "]"#, #"[0.4, "t", ""]"#,
      ].joined(separator: "\n") + "\n"
    let timeline = try Timeline(try AsciicastReader.parse(text))
    var expected = update(timeline.initial, .toggleRunning)
    for _ in 0..<3 { expected = update(expected, .tick) }
    expected = update(expected, .toggleRunning)
    // A tick while stopped (a late one) changes nothing.
    #expect(timeline.finalState == update(expected, .tick))
    #expect(timeline.finalState == expected)
    #expect(timeline.steps.count == 6)
  }

  @Test func asciicastV3IsReadWithIntervalTimesAndATermBlock() throws {
    let text =
      [
        #"{"version": 3, "term": {"cols": 90, "rows": 25, "type": "xterm-256color"}, "timestamp": 1700000000, "lossscope": {"scenario": "v1;z=2,1,0.1;y=0"}}"#,
        "# a comment line",
        #"[0.5, "i", "\u001bOC"]"#, #"[0.25, "o", "x"]"#, #"[0.25, "i", "t"]"#, #"[1.0, "x", "0"]"#,
      ].joined(separator: "\n") + "\n"
    let recording = try AsciicastReader.parse(text)
    #expect(recording.version == 3)
    #expect(
      recording.header.width == 90 && recording.header.height == 25
        && recording.header.term == "xterm-256color")
    #expect(recording.events.map(\.time) == [0.5, 0.75, 1.0, 2.0])
    let timeline = try Timeline(recording)
    #expect(timeline.steps.map(\.input) == [.key(.right), .key(.character("t"))])
  }

  @Test func theWriterWritesV3Intervals() throws {
    let path = NSTemporaryDirectory() + "v3-\(UUID().uuidString).cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try AsciicastWriter(path: path, header: AsciicastTests.header, format: .v3)
    try writer.append(code: "i", data: "l")
    try writer.append(code: "t", data: "")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      text.hasPrefix(#"{"lossscope""#) && text.contains(#""term": {"cols": 100, "rows": 30"#)
        && text.contains(#""version": 3"#))
    let recording = try AsciicastReader.parse(text)
    #expect(recording.header == AsciicastTests.header)
    #expect(recording.events.map(\.code) == ["i", "t"])
    #expect(writer.counts == ["i": 1, "t": 1])
  }
}

@Suite struct StreamingDecoderTests {
  /// Feeds `bytes` in pieces of `step` and flushes at the end, as the live loop does.
  func live(_ bytes: [UInt8], step: Int) -> [InputDecoder.Chunk] {
    var decoder = InputDecoder()
    var chunks: [InputDecoder.Chunk] = []
    for start in stride(from: 0, to: bytes.count, by: step) {
      chunks += decoder.feed(Array(bytes[start..<min(bytes.count, start + step)]))
    }
    return chunks + decoder.flush()
  }

  @Test(arguments: [
    Array("\u{1B}[1;2C\u{1B}OAé€😀tq".utf8),
    [0x5B, 0x54, 0x77, 0xF9, 0xB5, 0x77, 0x1B],  // found by fuzz-keys: an invalid UTF-8 lead
    [0xE2, 0x82, 0x1B, 0x5B, 0x43, 0x80],  // a cut character, then Right, then a stray byte
  ])
  func piecesDecodeLikeTheWholeAndEachUnitAlone(_ bytes: [UInt8]) {
    let whole = InputDecoder.complete(bytes)
    #expect(whole.flatMap(\.bytes) == bytes)
    for step in 1...4 { #expect(live(bytes, step: step) == whole, "step \(step)") }
    for chunk in whole { #expect(InputDecoder.complete(chunk.bytes) == [chunk]) }
  }

  @Test func aSequenceCutByARead() {
    var decoder = InputDecoder()
    #expect(decoder.feed([0x1B, 0x5B, 0x31, 0x3B]).isEmpty)
    #expect(
      decoder.feed([0x32, 0x44, 0x71]) == [
        InputDecoder.Chunk(bytes: Array("\u{1B}[1;2D".utf8), key: .shiftLeft),
        InputDecoder.Chunk(bytes: [0x71], key: .character("q")),
      ])
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.flush() == [InputDecoder.Chunk(bytes: [0x1B], key: .escape)])
  }
}
