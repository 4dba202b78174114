import Foundation
import JSON
import Testing
import TerminalInput

/// The third round of hostile input, one test per kind of the issue, each on inputs made here:
/// the release behaviour before the round was a trap, a hang or gigabytes for every one.
/// Every run has a watchdog (``Binary/run``'s timeout): a hang fails as a hang.
@Suite(.serialized) struct HostileInputRound3Tests {
  static let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lossscope-hostile3-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  static func write(_ name: String, _ text: String) -> String {
    let path = folder.appendingPathComponent(name).path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    return path
  }

  /// A recording: a v2 header (with a scenario) and the given event lines.
  static func recording(
    _ name: String, width: Int = 80, height: Int = 24, scenario: String = "", _ events: [String]
  ) -> String {
    let header =
      "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"lossscope\": "
      + "{\"version\": \"x\", \"scenario\": \"\(scenario)\", \"theme\": \"default\"}}"
    return write(name, ([header] + events).joined(separator: "\n") + "\n")
  }

  static func click(_ column: Int, _ row: Int) -> String {
    "[0.5, \"i\", \"\\u001b[<0;\(column);\(row)M\"]"
  }

  /// One line on stderr, naming the problem, no trap.
  func expectRefusal(
    _ result: Binary.Result, status: Int32 = 65, mentioning text: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(!result.timedOut, "hung", sourceLocation: sourceLocation)
    #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(
      result.stderr.split(separator: "\n").count == 1, "\(result.stderr)",
      sourceLocation: sourceLocation)
    #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
  }

  // 1. Non-finite and huge numbers: refused at every edge, not trapped on while drawing.
  @Test(arguments: [
    "v1;z=2,1,0;y=0;lr=1e38", "v1;z=inf,1,0;y=0", "v1;z=-inf,1,0;y=0", "v1;z=2,1,0;y=0;w=3e38,1,1",
    "v1;z=1e30,1,0;y=0",
  ])
  func nonFiniteAndHugeScenariosAreRefusedEverywhere(_ state: String) throws {
    expectRefusal(
      try Binary.run(["snapshot", "--state", state, "--view", "landscape", "--keys", "g y"]),
      mentioning: "must")
    let cast = Self.recording("nonfinite.cast", scenario: state, ["[0.1, \"i\", \"g\"]"])
    expectRefusal(try Binary.run(["play", "--headless", cast]), mentioning: "lossscope.scenario")
    expectRefusal(
      try Binary.run(["export", cast, Self.folder.appendingPathComponent("x.svg").path]),
      mentioning: "lossscope.scenario")
    let tape = Self.write("nonfinite.tape", "Set State \"\(state)\"\nKey g\n")
    expectRefusal(
      try Binary.run([
        "record", Self.folder.appendingPathComponent("n.cast").path, "--script", tape,
      ]),
      mentioning: "nonfinite.tape:1: Set State")
  }

  // 2. Resizes in a recording are clamped like the header, and a click after one costs a
  // layout.
  @Test(arguments: ["100000x100000", "9223372036854775807x9223372036854775807", "6000x6000"])
  func hugeResizesAreClamped(_ size: String) throws {
    let cast = Self.recording(
      "resize.cast", ["[0.1, \"r\", \"\(size)\"]"] + (0..<20).map { _ in Self.click(10, 10) })
    let result = try Binary.run(["play", "--headless", "--size", "80x24", cast], timeout: 30)
    #expect(!result.timedOut)
    #expect(result.status == 0, "\(result.stderr)")
    let snapshot = try Binary.run(["snapshot", "--from", cast, "--event", "20"], timeout: 30)
    #expect(snapshot.status == 0, "\(snapshot.stderr)")
  }

  // 3. Work that grows with a product: clicks at 1000×500, a script of 1000×500 frames, and a
  // linear_cross_entropy request of N = V = 10^6.
  @Test func productsOfSmallNumbersAreBounded() throws {
    let clicks = Self.recording(
      "clicks.cast", width: 1000, height: 500,
      (0..<1000).map { Self.click(10 + $0 % 50, 10 + $0 % 30) })
    let played = try Binary.run(["play", "--headless", "--size", "80x24", clicks], timeout: 60)
    #expect(!played.timedOut && played.status == 0, "\(played.stderr)")
    let tape = Self.write("big.tape", "Set Size 1000x500\nKey l x2000\n")
    expectRefusal(
      try Binary.run(
        ["record", Self.folder.appendingPathComponent("big.cast").path, "--script", tape],
        timeout: 30),
      mentioning: "cells to draw")
    let n = 1_000_000
    let zeros = "[" + Array(repeating: "0", count: n).joined(separator: ",") + "]"
    let request =
      "{\"id\": 1, \"loss\": \"linear_cross_entropy\", \"input\": [\(zeros)], "
      + "\"linear_weight\": [\(zeros)], \"target\": 0}"
    let input = request.replacingOccurrences(
      of: "\"input\": [\(zeros)]",
      with: "\"input\": "
        + "[" + Array(repeating: "[0]", count: n).joined(separator: ",") + "]"
    )
    .replacingOccurrences(
      of: "\"linear_weight\": [\(zeros)]",
      with: "\"linear_weight\": "
        + "[" + Array(repeating: "[0]", count: n).joined(separator: ",") + "]"
    )
    .replacingOccurrences(of: "\"target\": 0", with: "\"target\": \(zeros)")
    let answered = try Binary.run(
      ["eval", "--jsonl"],
      input: input + "\n{\"id\": 2, \"loss\": \"mse_loss\", \"input\": [1], "
        + "\"target\": [0]}\n", timeout: 60)
    #expect(!answered.timedOut)
    let lines = answered.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.contains("N × D × V") == true, "\(lines.first ?? "")")
    #expect(lines.last?.contains("\"loss\": 1.0") == true)
  }

  // 4. Memory: replaying a 1 MB recording of keys stays within 1 GB of address space; export and
  // bench refuse what would not fit.
  @Test func memoryStaysBounded() throws {
    // Every key an edit, so every one leaves an undo entry (500 kept live, all of them shared
    // by the checkpoints).
    let keys = (0..<60_000).map { "[\(Double($0) / 1000), \"i\", \"\(["l", "h"][$0 % 2])\"]" }
    let cast = Self.recording("keys.cast", keys)
    // Under AddressSanitizer (CI's second pass) the shadow memory alone passes any address-space
    // limit, so there the replay only has to succeed.
    let limit =
      ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil ? "ulimit -v 1048576; " : ""
    let replay = try Binary.run(
      ["-c", limit + "exec '\(Binary.url.path)' play --headless '\(cast)'"],
      timeout: 120, executable: "/bin/sh")
    #expect(replay.status == 0, "\(replay.stderr)")
    // The undo budget is SessionTests' (TimelineBudgetTests): the debug binary is too slow
    // to reach it here.
    let long = Self.recording("long.cast", width: 1000, height: 500, keys)
    // Not malformed, only too big: exit 1.
    expectRefusal(
      try Binary.run(["export", long, Self.folder.appendingPathComponent("long.html").path]),
      status: 1, mentioning: "cells to draw")
    // A usage error, with swift-argument-parser's usage lines after the message.
    let bench = try Binary.run([
      "bench", "linear-cross-entropy", "--tokens", "2147483648", "--hidden", "1", "--vocab", "1",
    ])
    #expect(bench.status == 64)
    #expect(bench.stderr.hasPrefix("Error: --tokens × --hidden must be at most 2^28 floats"))
  }

  // 5 and 6. A FIFO among the themes, and a file name that is an escape sequence.
  @Test func themeFilesThatAreNotFilesOrHaveHostileNames() throws {
    let themes = Self.folder.appendingPathComponent("themes-fifo")
    try? FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
    let fifo = themes.appendingPathComponent("x.toml").path
    unlink(fifo)
    #expect(mkfifo(fifo, 0o644) == 0)
    let hostile = "\u{1B}]52;c;aGk=\u{07}\u{1B}[2J"
    try Data("text = \"#ffffff\"\n".utf8).write(
      to: themes.appendingPathComponent(hostile + ".toml"))
    let checked = try Binary.run(["themes", "--check", "--themes-dir", themes.path], timeout: 20)
    #expect(!checked.timedOut)
    #expect(checked.status == 65)
    #expect(checked.stderr.contains("x.toml: not a regular file"), "\(checked.stderr)")
    let listed = try Binary.run(["themes", "--themes-dir", themes.path], timeout: 20)
    for output in [checked.stdout, checked.stderr, listed.stdout] {
      #expect(!output.contains("\u{1B}"), "raw escape: \(output.debugDescription)")
    }
    #expect(listed.stdout.contains("\\e]52;c;aGk="))
    let snapshot = try Binary.run(
      ["snapshot", "--theme", "x", "--themes-dir", themes.path, "--ansi"], timeout: 20)
    expectRefusal(snapshot, mentioning: "not a regular file")
  }

  // 7. CRLF scripts record as their LF twins do; Sleep takes decimal numbers only.
  @Test func crlfScriptsWorkAndHexSleepsAreRefused() throws {
    let script = "Set Size 80x24\nKey l x2\nSleep 0.2s\nKey t\n"
    let lf = Self.write("lf.tape", script)
    let crlf = Self.write("crlf.tape", script.replacingOccurrences(of: "\n", with: "\r\n"))
    let a = try Binary.run(["play", "--headless", "--script", lf])
    let b = try Binary.run(["play", "--headless", "--script", crlf])
    #expect(b.status == 0, "\(b.stderr)")
    #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
    let hex = Self.write("hex.tape", "Key l\nSleep 0x10\n")
    expectRefusal(
      try Binary.run(["play", "--headless", "--script", hex]), mentioning: "hex.tape:2")
  }

  // 8. Ctrl-Z gives the terminal back with mouse reporting off; continuing turns it on again.
  @Test func suspendingTurnsMouseReportingOffAndBackOn() throws {
    let tmux = try Tmux(["--logits", "2,1,0.1", "--target", "0"])
    try tmux.waitFor("loss 0.4170")
    #expect(tmux.format("#{mouse_any_flag}") == "1")
    try tmux.send("C-z")
    #expect(waitUntil { tmux.format("#{mouse_any_flag}") == "0" }, "mouse still on when stopped")
    #expect(waitUntil { !tmux.alternateScreenOn }, "still on the alternate screen")
    let pid = try #require(try tmux.programPID())
    kill(pid, SIGCONT)
    #expect(waitUntil { tmux.format("#{mouse_any_flag}") == "1" }, "mouse not back after SIGCONT")
    try tmux.waitFor("loss 0.4170")
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
    #expect(tmux.format("#{mouse_any_flag}") == "0")
  }

  // 9. make install/uninstall run nothing from PREFIX or DESTDIR.
  @Test(arguments: ["/tmp/x`touch PWNED`", "/tmp/$(shell touch PWNED)", "/tmp/'; touch PWNED; '"])
  func makeRefusesPrefixesThatCouldRunCommands(_ prefix: String) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let marker = root.appendingPathComponent("PWNED").path
    for target in ["install", "uninstall"] {
      let result = try Binary.run(
        ["-n", "-C", root.path, target, "PREFIX=\(prefix)"], timeout: 30,
        executable: "/usr/bin/make")
      #expect(result.status != 0)
      #expect(result.stderr.contains("PREFIX and DESTDIR may not hold"), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: marker))
    }
  }

  // 10. The smaller ones.
  @Test func smallerOnes() throws {
    // Noncharacters in the HTML player's data are escapes.
    let captions = Self.recording(
      "caption.cast", ["[0.1, \"c\", \"a\u{FFFE}b\u{FFFF}\"]", "[0.2, \"i\", \"l\"]"])
    let html = Self.folder.appendingPathComponent("caption.html").path
    unlink(html)
    let exported = try Binary.run(["export", captions, html])
    #expect(exported.status == 0, "\(exported.stderr)")
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(!page.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF })
    // A measurement of 0 ms against 0 ms has no ratio.
    let measured = Self.write(
      "zero.cast",
      "{\"version\": 2, \"width\": 120, \"height\": 40, \"lossscope\": {\"lesson\": \"large-vocab\"}}\n"
        + "[0.1, \"i\", \"g\"]\n[0.2, \"b\", \"{\\\"batch\\\": 1, \\\"classes\\\": 1000, "
        + "\\\"fused_ms\\\": 0, \\\"composed_ms\\\": 0, \\\"fused_bytes\\\": 0, "
        + "\\\"composed_bytes\\\": 0}\"]\n")
    let frame = try Binary.run(["play", "--headless", measured])
    #expect(frame.status == 0, "\(frame.stderr)")
    #expect(!frame.stdout.contains("1000000000"))
    #expect(frame.stdout.contains("too fast to compare"), "\(frame.stdout)")
    // ramp_9 is an error wherever the theme is used.
    let themes = Self.folder.appendingPathComponent("themes-ramp")
    try? FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
    try Data("ramp_9 = \"#ffffff\"\n".utf8).write(to: themes.appendingPathComponent("r.toml"))
    expectRefusal(
      try Binary.run(["snapshot", "--theme", "r", "--themes-dir", themes.path, "--ansi"]),
      mentioning: "ramp_9")
    // A 15 MB header is refused before it is parsed.
    let big = Self.write(
      "bigheader.cast",
      "{\"version\": 2, \"width\": 80, \"height\": 24, \"lossscope\": {\"scenario\": \"v1;z="
        + String(repeating: "1,", count: 7_500_000) + "1;y=0\"}}\n")
    let refused = try Binary.run(["play", "--headless", big], timeout: 30)
    expectRefusal(refused, mentioning: "longer than 1 MiB")
  }
}
