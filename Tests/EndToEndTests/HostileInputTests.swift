import Foundation
import JSON
import Testing

/// One case per item of the hostile-input issue: each asserts the exit code, that stderr is one
/// line with no stack trace and no control character, and for `eval --jsonl` that the line
/// after the hostile one is answered.
@Suite(.serialized) struct HostileInputTests {
  /// A scratch folder for the files these cases write.
  static let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lossscope-hostile-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  static func write(_ name: String, _ bytes: [UInt8]) -> String {
    let path = folder.appendingPathComponent(name).path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    return path
  }

  /// Runs `lossscope ARGS REDIRECTIONS` through the shell, for `> /dev/full` and `>&-`.
  static func shell(_ arguments: [String], redirect: String, input: String? = nil) throws
    -> Binary.Result
  {
    let quoted = ([Binary.url.path] + arguments).map {
      "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    return try Binary.run(
      ["-c", quoted.joined(separator: " ") + " " + redirect], input: input, executable: "/bin/sh")
  }

  /// stderr is exactly one line, with no stack trace and nothing a terminal would obey.
  func expectOneCleanLine(
    _ result: Binary.Result, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(
      lines.count == 1, "stderr: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("lossscope: "), sourceLocation: sourceLocation)
    #expect(
      !result.stderr.contains("Stack dump") && !result.stderr.contains("Fatal error")
        && !result.stderr.contains("Backtrace"), sourceLocation: sourceLocation)
    let controls = result.stderr.unicodeScalars.filter {
      $0 != "\n" && ($0.value < 0x20 || (0x7F..<0xA0).contains($0.value))
    }
    #expect(controls.isEmpty, "raw control characters on stderr", sourceLocation: sourceLocation)
  }

  func answers(_ stdout: String) throws -> [[String: JSONValue]] {
    try stdout.split(separator: "\n").map {
      guard case .object(let fields) = try JSONValue.parse(String($0)) else { return [:] }
      return fields
    }
  }

  // 1. One eval line must not end the stream.
  @Test func hugeBroadcastsNestingAndRaggedLinesAreRefusedAndTheStreamGoesOn() throws {
    let n = 100_000
    let broadcast =
      "{\"id\":1,\"loss\":\"mse_loss\",\"input\":["
      + (0..<n).map(String.init).joined(separator: ",")
      + "],\"target\":[" + (0..<n).map { "[\($0)]" }.joined(separator: ",") + "]}"
    var deep = "[1,0]"
    for _ in 1..<70 { deep = "[" + deep + ",0]" }
    let ragged =
      "{\"id\":3,\"loss\":\"mse_loss\",\"input\":[[["
      + Array(repeating: "0", count: 2000).joined(separator: ",")
      + "]]," + Array(repeating: "[1]", count: 2000).joined(separator: ",") + "],\"target\":0}"
    let ok = "{\"id\":4,\"loss\":\"mse_loss\",\"input\":[1,2],\"target\":[0,0]}"
    let input =
      [broadcast, "{\"id\":2,\"loss\":\"mse_loss\",\"input\":\(deep),\"target\":0}", ragged, ok]
      .joined(separator: "\n") + "\n"
    let result = try Binary.run(["eval", "--jsonl"], input: input)
    #expect(result.status == 0)
    let got = try answers(result.stdout)
    #expect(got.count == 4)
    #expect(got[0]["error"].map { "\($0)".contains("2^26") } == true)
    #expect(got[1]["error"].map { "\($0)".contains("2^26") } == true)
    #expect(got[2]["error"] == .string("\"input\" is not a rectangular array of numbers"))
    #expect(got[3]["loss"] == .number(2.5))
  }

  @Test func theMemoryBudgetIsAnOption() throws {
    // 3000 × 3000 broadcast: 9M elements, within 2^26 but past a 64 MiB budget.
    let request =
      "{\"id\":1,\"loss\":\"mse_loss\",\"input\":["
      + (0..<3000).map(String.init).joined(separator: ",")
      + "],\"target\":[" + (0..<3000).map { "[\($0)]" }.joined(separator: ",")
      + "]}\n{\"id\":2,\"loss\":\"l1_loss\",\"input\":[1],\"target\":[0]}\n"
    let result = try Binary.run(["eval", "--jsonl", "--max-memory", "64"], input: request)
    let got = try answers(result.stdout)
    #expect(got.count == 2)
    #expect(got[0]["error"].map { "\($0)".contains("memory limit of 64 MiB") } == true)
    #expect(got[1]["loss"] == .number(1))
  }

  // 2. Write errors are exit 1 with one line, never a trap; and never exit 0.
  @Test(arguments: [
    ["eval", "--jsonl"], ["eval", "cross_entropy", "--input", "[[2,1,0.1]]", "--target", "[0]"],
    ["train", "--steps", "3"],
    ["snapshot", "--size", "40x10"], ["lessons"], ["themes"],
  ])
  func aFullDiskIsReported(arguments: [String]) throws {
    let request = "{\"id\":1,\"loss\":\"cross_entropy\",\"input\":[[2,1,0.1]],\"target\":[0]}\n"
    let result = try Self.shell(arguments, redirect: "> /dev/full", input: request)
    #expect(result.status == 1)
    expectOneCleanLine(result)
    #expect(result.stderr == "lossscope: cannot write output: No space left on device\n")
  }

  @Test func aClosedStdoutAndAFullStderrDoNotTrap() throws {
    let closed = try Self.shell(["lessons"], redirect: ">&-")
    #expect(closed.status == 1)
    #expect(closed.stderr == "lossscope: cannot write output: Bad file descriptor\n")
    let noRoom = try Self.shell(
      ["eval", "bogus", "--input", "[1]", "--target", "[0]"], redirect: "2>/dev/full")
    #expect(noRoom.status == 65)
  }

  // 3. CLI numbers: usage errors or bad data, never a trap or a huge allocation.
  @Test(
    arguments: [
      (["train", "--targets", "[-2]"], Int32(65)), (["train", "--classes=-5"], 64),
      (["train", "--targets", "[1000000000]"], 65),
      (["train", "--classes", "1000000000"], 64),
      (
        ["bench", "cross-entropy", "--batch", "10", "--classes", "10", "--runs", "100000000000"], 64
      ),
      (["bench", "cross-entropy", "--batch", "4294967296", "--classes", "4294967296"], 64),
      (["bench", "bce-with-logits", "--batch", "9223372036854775807", "--classes", "2"], 64),
      (["bench", "replay", "--events=-1"], 64),
      (["snapshot", "--size", "0x0"], 64), (["train", "--lr=-1"], 64),
      (["train", "--momentum=-5"], 64),
    ] as [([String], Int32)])
  func numbersFromTheCommandLineAreChecked(arguments: [String], status: Int32) throws {
    let result = try Binary.run(arguments, timeout: 60)
    #expect(result.status == status)
    #expect(!result.stderr.contains("Fatal error"))
    if status == 65 { expectOneCleanLine(result) }
  }

  // 4. record never replaces what it did not create (checked before a terminal is needed).
  @Test func recordRefusesExistingPathsDevicesAndLinks() throws {
    let existing = Self.write("existing.cast", Array("keep me".utf8))
    let link = Self.folder.appendingPathComponent("link.cast").path
    try? FileManager.default.removeItem(atPath: link)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: existing)
    for (path, extra, message) in [
      (existing, [String](), "already exists (use --overwrite to replace it)"),
      ("/dev/null", ["--overwrite"], "is not a regular file"),
      (link, ["--overwrite"], "is a symbolic link"),
    ] {
      let result = try Binary.run(["record", path] + extra)
      #expect(result.status == 1)
      expectOneCleanLine(result)
      #expect(result.stderr.contains(message))
    }
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
  }

  // 6. Tolerant reader: a last line cut inside UTF-8, and CRLF line ends.
  @Test func cutUTF8AndCRLFRecordingsPlay() throws {
    let header = "{\"version\": 2, \"width\": 80, \"height\": 24}"
    let cut = Self.write(
      "cut.cast", Array((header + "\n[0.1, \"i\", \"l\"]\n[0.2, \"o\", \"").utf8) + [0xE2, 0x94])
    let result = try Binary.run(["play", "--headless", cut])
    #expect(result.status == 0)
    expectOneCleanLine(result)
    #expect(result.stderr.contains("line 3: truncated last line skipped"))
    let crlf = Self.write("crlf.cast", Array((header + "\r\n[0.1, \"i\", \"l\"]\r\n").utf8))
    let played = try Binary.run(["play", "--headless", crlf])
    #expect(played.status == 0)
    #expect(played.stderr.isEmpty)
    #expect(played.stdout.contains("loss"))
  }

  // 7. Terminal injection: nothing from a file or an argument reaches stderr raw.
  @Test func escapeSequencesInFilesAndArgumentsAreEscaped() throws {
    let osc = "\\u001b]52;c;aGVsbG8=\\u0007\\u001b]0;owned\\u0007\\u001b[2J\\u001b[8m"
    let cast = Self.write(
      "inject.cast",
      Array(
        "{\"version\": 2, \"width\": 80, \"height\": 24, \"lossscope\": {\"lesson\": \"\(osc)\"}}\n"
          .utf8))
    for arguments in [
      ["play", "--headless", cast], ["snapshot", "--from", cast],
      ["--lesson", "\u{1B}]52;c;aGk=\u{07}"],
      ["snapshot", "--lesson", "\u{1B}]0;x\u{07}"], ["snapshot", "--state", "\u{1B}[2J=1"],
      ["snapshot", "--theme", "\u{9B}2J\u{1B}[8m"],
    ] {
      let result = try Binary.run(arguments)
      #expect(result.status != 0)
      expectOneCleanLine(result)
      #expect(!result.stderr.contains("\u{1B}"))
    }
    let themes = Self.folder.appendingPathComponent("themes-injected")
    try? FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
    try Data("text = \"\\u001b]0;owned\\u0007\"\n".utf8).write(
      to: themes.appendingPathComponent("evil.toml"))
    let checked = try Binary.run(["themes", "--check", "--themes-dir", themes.path])
    #expect(checked.status == 65)
    #expect(!checked.stderr.contains("\u{1B}") && checked.stderr.contains("\\e]0;owned"))
  }

  // 9. A header cannot ask for a frame larger than --size allows.
  @Test func theHeaderSizeIsClamped() throws {
    let cast = Self.write(
      "huge.cast", Array("{\"version\": 2, \"width\": 10000, \"height\": 10000}\n".utf8))
    let result = try Binary.run(["play", "--headless", cast])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count <= 501)
    #expect(lines.allSatisfy { $0.count <= 1000 })
  }

  // 10. Themes: linear, capped.
  @Test func bigThemesAreRefusedQuickly() throws {
    let themes = Self.folder.appendingPathComponent("themes-big")
    try? FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
    let keys = (0..<2000).map { "key_\($0) = \"#123456\"" }.joined(separator: "\n")
    try Data(keys.utf8).write(to: themes.appendingPathComponent("many.toml"))
    let megabyte = String(repeating: "# " + String(repeating: "x", count: 98) + "\n", count: 10_000)
    try Data(megabyte.utf8).write(to: themes.appendingPathComponent("huge.toml"))
    let result = try Binary.run(["themes", "--check", "--themes-dir", themes.path], timeout: 30)
    #expect(result.status == 65)
    #expect(result.stderr.contains("huge.toml: larger than 64 KiB: not a theme"))
    #expect(result.stderr.contains("many.toml:513: more than 512 keys: not a theme"))
  }

  // 11. id echoed byte for byte.
  @Test func idsAreEchoedAsWritten() throws {
    let input =
      ["9007199254740993", "1e400", "-0.0", "[1, {\"x\": 2.50}]"].map {
        "{\"id\": \($0), \"loss\": \"l1_loss\", \"input\": [1], \"target\": [0]}"
      }.joined(separator: "\n") + "\n"
    let result = try Binary.run(["eval", "--jsonl"], input: input)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("{\"id\": 9007199254740993, "))
    #expect(lines[1].hasPrefix("{\"id\": 1e400, "))
    #expect(lines[2].hasPrefix("{\"id\": -0.0, "))
    #expect(lines[3].hasPrefix("{\"id\": [1, {\"x\": 2.50}], "))
  }

  // 12. The smaller ones.
  @Test func linesOfOtherWhitespaceAndInvalidUTF8AreAnswered() throws {
    let bytes: [UInt8] =
      Array("\u{0C}\n\u{0B}\n\u{A0}\n".utf8) + [0x7B, 0xFF, 0x7D, 0x0A]
      + Array("  \t\r\n{\"id\":7,\"loss\":\"l1_loss\",\"input\":[1],\"target\":[0]}\n".utf8)
    let file = Self.write("stdin.jsonl", bytes)
    let result = try Self.shell(["eval", "--jsonl"], redirect: "< '\(file)'")
    let got = try answers(result.stdout)
    #expect(got.count == 5)
    #expect(got[3]["error"] == .string("the request line is not valid UTF-8"))
    #expect(got[4]["id"] == .number(7))
  }

  @Test func smallerValidations() throws {
    let batch = try Binary.run(["snapshot", "--batch", "[[[1,2],[3,4]]]"])
    #expect(batch.status == 65)
    expectOneCleanLine(batch)
    let big = try Binary.run(
      ["eval", "--jsonl"], input: "{\"loss\":\"nll_loss\",\"input\":[[0,1]],\"target\":[1e20]}\n")
    #expect(big.stdout.contains("out of range"))
    let nan = try Binary.run(["train", "--inputs", "[[\"nan\",0,0]]", "--steps", "1"])
    #expect(!nan.stdout.contains("-nan"))
    let themed = try Binary.run(["snapshot", "--theme", "default", "--ansi", "--size", "40x6"])
    #expect(themed.status == 0)
    let missing = try Binary.run(["play", "--headless", "/nonexistent/recording.cast"])
    #expect(missing.status == 1)
    expectOneCleanLine(missing)
    let themes = Self.folder.appendingPathComponent("themes-plus")
    try? FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
    try Data("text = \"#+12345\"\n".utf8).write(to: themes.appendingPathComponent("plus.toml"))
    #expect(try Binary.run(["themes", "--check", "--themes-dir", themes.path]).status == 65)
  }
}
