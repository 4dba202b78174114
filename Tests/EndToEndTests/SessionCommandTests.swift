import JSON
import Foundation
import Losses
import Testing
import TerminalInput

/// `record`, `play` and `snapshot --from` on real recordings made in tmux.
@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct SessionCommandTests {
  /// Records Right×5, a marker and q in a 100×30 terminal; returns the file.
  ///
  /// The keys are sent together: each is still a key, and an input event, of its own.
  static func record(keys: [String] = ["Right", "Right", "Right", "Right", "Right", "m", "q"])
    throws -> String
  {
    let file = NSTemporaryDirectory() + "session-\(UUID().uuidString).cast"
    let tmux = try Tmux(
      ["record", file, "--logits", "2,1,0.1", "--target", "0"], width: 100, height: 30)
    try tmux.waitFor("loss 0.4170")
    try tmux.run(["send-keys", "-t", tmux.session] + keys)
    #expect(tmux.exitStatus() == 0)
    return file
  }

  /// The first number written right after `label` on a screen (`loss 0.0326` → "0.0326").
  static func number(after label: String, in screen: String) -> String? {
    var rest = screen[...]
    while let range = rest.range(of: label) {
      let number = rest[range.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" }
      if number.first?.isNumber == true { return String(number) }
      rest = rest[range.upperBound...]
    }
    return nil
  }

  /// A v2 recording rewritten as asciicast v3 (a `term` block, interval times), as asciinema 3
  /// writes it.
  static func convertedToV3(_ text: String) throws -> String {
    let lines = text.split(separator: "\n").map(String.init)
    guard case .object(var header) = try JSONValue.parse(lines[0]) else { return "" }
    var term: [String: JSONValue] = ["cols": header["width"]!, "rows": header["height"]!]
    if case .object(let env)? = header["env"] { term["type"] = env["TERM"] }
    header["version"] = .number(3)
    header["term"] = .object(term)
    for key in ["width", "height", "env"] { header.removeValue(forKey: key) }
    var out = [JSONValue.object(header).serialized]
    var last = 0.0
    for line in lines.dropFirst() {
      guard case .array(let event) = try JSONValue.parse(line), case .number(let time) = event[0]
      else { continue }
      out.append(JSONValue.array([.number(time - last), event[1], event[2]]).serialized)
      last = time
    }
    out.append(JSONValue.array([.number(0.1), .string("x"), .string("0")]).serialized)
    return out.joined(separator: "\n") + "\n"
  }

  @Test func continuousDescentReplaysAsTheUserSawIt() throws {
    let file = NSTemporaryDirectory() + "descent-\(UUID().uuidString).cast"
    defer { try? FileManager.default.removeItem(atPath: file) }
    let tmux = try Tmux(
      ["record", file, "--logits", "2,1,0.1", "--target", "0"], width: 100, height: 30)
    try tmux.waitFor("loss 0.4170", "REC")
    try tmux.send("Space")
    // Wait until descent has visibly moved the loss, then stop it.
    #expect(try waitUntil { !(try tmux.screen()).contains("loss 0.4170") })
    try tmux.send("Space", "m")
    let stopped = try tmux.waitFor("marker 1")
    #expect(stopped.contains("● REC"), "the recording badge shows")
    let live = try #require(Self.number(after: "loss ", in: stopped))
    #expect(live != "0.4170")
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)

    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains("\"t\", \"\"]"), "ticks are recorded")
    #expect(
      text.contains("\"m\", \"cross_entropy loss \(live)\"]"),
      "the marker is labelled with the live loss")
    let played = try Binary.run(["play", file, "--headless", "--size", "100x30"])
    #expect(played.status == 0)
    #expect(Self.number(after: "loss ", in: played.stdout) == live, "\(played.stdout)")
    #expect(!played.stdout.contains("REC"), "the badge is not part of the replayed frame")
    let snapshot = try Binary.run(["snapshot", "--from", file, "--size", "100x30"])
    #expect(snapshot.stdout == played.stdout)
    let past = try Binary.run(["snapshot", "--from", file, "--event", "100000"])
    #expect(past.status == 64)
    #expect(past.stderr.contains("past the end") && past.stderr.contains("actions"))

    // The same session as asciicast v3 replays to the same final frame.
    let v3 = file + ".v3.cast"
    defer { try? FileManager.default.removeItem(atPath: v3) }
    try Self.convertedToV3(text).write(toFile: v3, atomically: true, encoding: .utf8)
    let playedV3 = try Binary.run(["play", v3, "--headless", "--size", "100x30"])
    #expect(playedV3.status == 0, "\(playedV3.stderr)")
    #expect(playedV3.stdout == played.stdout)
  }

  /// asciinema 2.4 plays a recording with LossScope's own event codes (ticks, captions,
  /// markers, mouse reports) and shows its last frame.
  @Test(
    .enabled(if: asciinemaAvailable, "asciinema is not installed (.ci/run installs it with pip)"))
  func asciinemaPlaysARecordingWithLossScopesOwnEvents() throws {
    let tape = NSTemporaryDirectory() + "codes-\(UUID().uuidString).tape"
    let file = tape + ".cast"
    defer { for path in [tape, file] { try? FileManager.default.removeItem(atPath: path) } }
    try """
    Set Size 100x30
    Caption "ticks, markers, captions and the mouse"
    Key right
    Key wheel-up@50,10
    Marker "here"
    Key space
    Sleep 300ms
    Key space
    """.write(toFile: tape, atomically: true, encoding: .utf8)
    #expect(try Binary.run(["record", file, "--script", tape]).status == 0)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    for code in ["\"t\"", "\"c\"", "\"m\"", "\"i\""] { #expect(text.contains(code), "\(code)") }
    let played = try Binary.run(["play", file, "--headless"])
    let live = try #require(Self.number(after: "loss ", in: played.stdout))
    let viewer = try Tmux(
      [], width: 100, height: 30,
      shell: "python3 -m asciinema cat '\(file)' | sed 's/\\x1b\\[?1049l//g'; echo CAT-EXIT=$?")
    let screen = try viewer.waitFor("CAT-EXIT=0", "loss \(live)")
    #expect(screen.contains("CAT-EXIT=0") && screen.contains("loss \(live)"), "\(screen)")
  }

  /// Mouse reports are recorded as the bytes the terminal sent and replay to the frame the user
  /// saw: a click on a class row, a drag along the loss curve, the wheel, and a view change.
  @Test func aRecordingWithTheMouseReplaysToTheSameFrame() throws {
    let file = NSTemporaryDirectory() + "mouse-\(UUID().uuidString).cast"
    defer { try? FileManager.default.removeItem(atPath: file) }
    let tmux = try Tmux(
      ["record", file, "--logits", "2,1,0.1", "--target", "0"], width: 120, height: 40)
    try tmux.waitFor("loss 0.4170", "REC")
    // The curve's plot starts a few columns into its box; rows 4 to 15 are inside it at 120×40.
    for report in [
      "\u{1B}[<0;20;8M", "\u{1B}[<32;30;9M", "\u{1B}[<32;40;9M", "\u{1B}[<0;40;9m",
      "\u{1B}[<65;60;20M", "\u{1B}[<65;60;20M",
    ] {
      try tmux.run(["send-keys", "-t", tmux.session, "-l", report])
    }
    #expect(try waitUntil { !(try tmux.screen()).contains("loss 0.4170") })
    try tmux.send("v")
    // The whole frame: its first, last and a middle line drawn.
    let screen = try tmux.waitFor("compare view", "BCE one-vs-rest", "q quit", "|∂ℓ/∂z_y| vs p_y")
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains("\"i\", \"\\u001b[<32;40;9M\"]"), "the drag is recorded as its bytes")
    let played = try Binary.run(["play", file, "--headless"])
    #expect(played.status == 0, "\(played.stderr)")
    // The live screen's title bar had the REC badge; below it, the same frame.
    let live = screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
      .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    let replayed = played.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      .dropFirst().map {
        String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
      }
    #expect(Array(live.prefix(38)) == Array(replayed.prefix(38)))
  }

  @Test func aLargeVocabMeasurementReplaysAsMeasured() throws {
    let file = NSTemporaryDirectory() + "vocab-\(UUID().uuidString).cast"
    defer { try? FileManager.default.removeItem(atPath: file) }
    let tmux = try Tmux(["record", file, "--lesson", "large-vocab"], width: 160, height: 50)
    try tmux.waitFor("press g to measure")
    try tmux.send("g")
    let measured = try tmux.waitFor("1 × 1000: fused", seconds: 120)
    let row = try #require(measured.split(separator: "\n").first { $0.contains("1 × 1000: fused") })
    let liveRow = String(row.drop { $0 != "1" }.prefix { $0 != "│" })
    // q quits at once, abandoning the rest of the measurement.
    try tmux.send("q")
    #expect(tmux.exitStatus(seconds: 10) == 0)
    let played = try Binary.run(["play", file, "--headless", "--size", "160x50"])
    #expect(played.stdout.contains(liveRow), "live: \(liveRow)\nreplayed: \(played.stdout)")
    #expect(played.stdout.contains("measured on the recording machine"))
  }

  @Test(
    .enabled(if: asciinemaAvailable, "asciinema is not installed (.ci/run installs it with pip)"))
  func aRecordingReplaysToTheSameLossAndPlaysInAsciinema() throws {
    let file = try SessionCommandTests.record()
    defer { try? FileManager.default.removeItem(atPath: file) }
    let final = "loss " + (try TerminalTests.expectedLoss("right-x5"))

    let text = try String(contentsOfFile: file, encoding: .utf8)
    let lines = text.split(separator: "\n")
    guard case .object(let header) = try JSONValue.parse(String(lines[0])) else {
      Issue.record("no header")
      return
    }
    #expect(header["version"] == .number(2))
    #expect(header["width"] == .number(100))
    #expect(header["height"] == .number(30))
    guard case .object(let block)? = header["lossscope"] else {
      Issue.record("no lossscope block")
      return
    }
    #expect(block["scenario"] != nil && block["theme"] == .string("default"))
    let codes = try lines.dropFirst().map { line -> String in
      guard case .array(let event) = try JSONValue.parse(String(line)),
        case .string(let code) = event[1]
      else { return "?" }
      return code
    }
    #expect(codes.filter { $0 == "i" }.count == 7)
    #expect(codes.contains("o"))
    #expect(
      text.contains("\"m\", \"cross_entropy \(final)\""), "the marker is labelled with the loss")

    // Deterministic replay, headless, at another size.
    let played = try Binary.run(["play", file, "--headless", "--size", "80x24"])
    #expect(played.status == 0)
    #expect(played.stdout.contains(final))
    let start = try Binary.run(["snapshot", "--from", file, "--event", "0", "--size", "80x24"])
    #expect(start.stdout.contains("loss 0.4170"))
    let afterFive = try Binary.run(["snapshot", "--from", file, "--event", "5", "--size", "80x24"])
    #expect(afterFive.stdout.contains(final))
    // The frame after N recorded inputs is the live dashboard's after the same N keys.
    for n in 0...6 {
      let keys = (["right", "right", "right", "right", "right", "m"].prefix(n)).joined(
        separator: " ")
      let replayed = try Binary.run([
        "snapshot", "--from", file, "--event", String(n), "--size", "100x30",
      ])
      let live = try Binary.run([
        "snapshot", "--logits", "2,1,0.1", "--target", "0", "--keys", keys, "--size", "100x30",
      ])
      #expect(
        replayed.status == 0 && replayed.stdout == live.stdout, "frame after \(n) inputs differs")
    }

    // asciinema itself: `asciinema cat` replays the exact bytes; a terminal shows the last frame.
    let cat = try spawn(["/usr/bin/env", "python3", "-m", "asciinema", "cat", file], capture: true)
    #expect(!cat.isEmpty)
    let viewer = try Tmux(
      [], width: 100, height: 30,
      shell: "python3 -m asciinema cat '\(file)' | sed 's/\\x1b\\[?1049l//g'; echo CAT-EXIT=$?")
    let screen = try viewer.waitFor("CAT-EXIT=0", final)
    #expect(screen.contains("CAT-EXIT=0"))
    #expect(screen.contains(final), "\(screen)")
  }

  @Test func playStepsBackAndForthInATerminal() throws {
    let file = try SessionCommandTests.record()
    defer { try? FileManager.default.removeItem(atPath: file) }
    let final = "loss " + (try TerminalTests.expectedLoss("right-x5"))
    let tmux = try Tmux(["play", file, "--speed", "8"], width: 100, height: 30)
    let end = try tmux.waitFor("step 7/7", final, "markers 1/1")
    #expect(end.contains(final))
    #expect(end.contains("markers 1/1"))
    for _ in 0..<7 { try tmux.send(",") }
    let start = try tmux.waitFor("step 0/7", "loss 0.4170")
    #expect(start.contains("loss 0.4170"))
    try tmux.send("]")
    let marker = try tmux.waitFor("step 6/7", final)
    #expect(marker.contains(final))
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
    #expect(!tmux.alternateScreenOn)
  }

  @Test func brokenRecordingsAreRefusedOrTrimmed() throws {
    let file = try SessionCommandTests.record()
    defer { try? FileManager.default.removeItem(atPath: file) }
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let truncated = file + ".truncated"
    try String(text.dropLast(12)).write(toFile: truncated, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: truncated) }
    let trimmed = try Binary.run(["play", truncated, "--headless"])
    #expect(trimmed.status == 0)
    #expect(trimmed.stderr.contains("truncated last line skipped"))
    let notCast = file + ".json"
    try "{\"version\": 1, \"width\": 80, \"height\": 24}\n".write(
      toFile: notCast, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: notCast) }
    let refused = try Binary.run(["play", notCast, "--headless"])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("\(notCast):1:"))
    // A file that cannot be opened is not bad data: exit 1.
    #expect(try Binary.run(["play", "/nonexistent.cast", "--headless"]).status == 1)
    // Without a terminal, record and play (not headless) say so and exit 1, like the dashboard.
    let noTerminalPlay = try Binary.run(["play", file])
    #expect(noTerminalPlay.status == 1)
    #expect(
      noTerminalPlay.stderr.contains("play needs a terminal")
        && noTerminalPlay.stderr.contains("--headless"))
    let noTerminalRecord = try Binary.run(["record", file + ".new"])
    #expect(noTerminalRecord.status == 1)
    #expect(noTerminalRecord.stderr.contains("record needs a terminal"))
    #expect(!FileManager.default.fileExists(atPath: file + ".new"))
  }

  @Test func aKilledRecordingStillPlaysToItsLastCompleteLine() throws {
    let file = NSTemporaryDirectory() + "killed-\(UUID().uuidString).cast"
    defer { try? FileManager.default.removeItem(atPath: file) }
    let tmux = try Tmux(["record", file], width: 100, height: 30)
    try tmux.waitFor("loss 0.4170")
    try tmux.send("Right", "Right")
    // Until both keys are on disk.
    #expect(
      waitUntil {
        ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").components(
          separatedBy: "\"i\""
        ).count >= 3
      })
    guard let pid = try tmux.programPID() else {
      Issue.record("no recorder pid")
      return
    }
    kill(pid, SIGKILL)
    #expect(tmux.exitStatus() == 137)
    let played = try Binary.run(["play", file, "--headless", "--size", "80x24"])
    #expect(played.status == 0, "\(played.stderr)")
    // Both Right presses replayed: PyTorch's loss for them, not the start's nor one press's.
    let expected = try TerminalTests.expectedLoss("right-x2")
    #expect(expected == "0.3532")
    #expect(played.stdout.contains("loss \(expected)"), "\(played.stdout)")
  }

  /// Whether asciinema can be run (`python3 -m asciinema`); the tests never install it.
  static let asciinemaAvailable: Bool =
    (try? spawn(
      ["/usr/bin/env", "sh", "-c", "python3 -m asciinema --version >/dev/null 2>&1 && echo yes"],
      capture: true))?.contains("yes") == true
}
