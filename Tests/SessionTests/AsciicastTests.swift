import Dashboard
import Foundation
@testable import Session
import Testing

@Suite struct AsciicastTests {
  static let header = AsciicastHeader(
    width: 100, height: 30, timestamp: 1_700_000_000, title: "t", term: "xterm-256color", programVersion: "0.1.0",
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
    let text = file([AsciicastTests.header.line, #"[0.1, "i", "l"]"#, #"[0.2, "i", "#], newline: false)
    let recording = try AsciicastReader.parse(text)
    #expect(recording.events.count == 1)
    #expect(recording.warnings == ["line 3: truncated last line skipped"])
  }

  @Test(arguments: [
    ("", 1), ("not json\n", 1), (#"{"version": 1, "width": 80, "height": 24}"# + "\n", 1),
    (#"{"version": 2, "height": 24}"# + "\n", 1), (#"{"version": 2, "width": 80.5, "height": 24}"# + "\n", 1),
    (#"[2, 80, 24]"# + "\n", 1),
  ])
  func badHeadersAreRejected(_ text: String, _ line: Int) {
    #expect(throws: AsciicastError.self) { try AsciicastReader.parse(text) }
  }

  @Test func aMalformedMiddleLineIsAnErrorNamingIt() {
    let text = file([AsciicastTests.header.line, #"[0.1, "i", "l"]"#, #"[0.2, "i"]"#, #"[0.3, "i", "h"]"#])
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
  @Test(arguments: [Key.left, .right, .up, .down, .shiftLeft, .shiftRight, .tab, .shiftTab, .space, .enter, .controlC, .character("t"), .character("?"), .character("[")])
  func everyKeyRoundTrips(_ key: Key) {
    #expect(InputDecoder.keys(InputDecoder.bytes(for: key)) == [key])
  }

  @Test func normalAndApplicationCursorModesBothDecode() {
    #expect(InputDecoder.keys(Array("\u{1B}[C\u{1B}OD\u{1B}[1;2C\u{1B}[Zt".utf8)) == [.right, .left, .shiftRight, .shiftTab, .character("t")])
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
  func recording(_ inputs: [(Double, String)], markers: [(Double, String)] = []) throws -> AsciicastReader.Recording {
    var events = inputs.map { AsciicastEvent(time: $0.0, code: "i", data: $0.1) }
    events += markers.map { AsciicastEvent(time: $0.0, code: "m", data: $0.1) }
    events.sort { $0.time < $1.time }
    return AsciicastReader.Recording(header: AsciicastTests.header, events: events, warnings: [])
  }

  @Test func replayingInputsGivesTheSameStatesAsTheKeys() throws {
    let inputs: [(Double, String)] = [(0.5, "\u{1B}OC"), (1.0, "\u{1B}OC"), (1.2, "\u{1B}OB"), (2.0, "t"), (2.5, "g")]
    let timeline = try Timeline(try recording(inputs, markers: [(1.1, "after two")]))
    var state = DashboardState(scenario: try StateString.decode(AsciicastTests.header.scenario))
    state.isReplay = true
    for (index, input) in inputs.enumerated() {
      for key in InputDecoder.keys(Array(input.1.utf8)) { state = update(state, Keymap.action(for: key)!) }
      #expect(timeline.state(afterSteps: index + 1) == state)
    }
    #expect(timeline.state(afterSteps: 0) == timeline.initial)
    #expect(timeline.markers == [Timeline.Marker(time: 1.1, label: "after two", afterStep: 2)])
    #expect(timeline.stepsBefore(time: 1.05) == 2)
  }

  @Test func playbackStepsSeeksAndKeepsTime() throws {
    let timeline = try Timeline(try recording([(1, "l"), (2, "l"), (30, "l"), (31, "t")], markers: [(2.5, "m1")]))
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
