import Foundation
import Testing

/// Items 5 and 8 of the hostile-input issue, which only a terminal can show: a recording whose
/// file stops taking writes, and Ctrl-\ or a crash signal while the dashboard holds the screen.
/// Each checks the exit status, that the terminal is given back (no alternate screen, echo and
/// canonical mode on), and that stderr is one line without a crash report.
@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct TerminalSignalTests {
  static func scratch(_ name: String) -> String {
    NSTemporaryDirectory()
      + "lossscope-signals-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
  }

  /// Runs `command` (with `$B` the binary; it should `exec` it, so the shell's own report of a
  /// signal is not mixed into the program's stderr) in tmux from a script file, its stderr to a file,
  /// then prints the terminal's echo and canonical flags (`stty -a`) so the mode it was left in
  /// can be read.
  static func start(_ command: String, stderr: String) throws -> Tmux {
    let script = scratch("run.sh")
    // The script removes itself once the shell has it open (it reads on from the open file).
    try """
    rm -f '\(script)'
    trap true QUIT INT
    B='\(Binary.url.path)'
    ( \(command) ) 2>'\(stderr)'
    status=$?
    stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '
    echo "STATUS=$status"
    sleep 600
    """.write(toFile: script, atomically: true, encoding: .utf8)
    return try Tmux([], width: 100, height: 30, shell: "sh '\(script)'")
  }

  /// The process id of the first `lossscope` below the pane's shell.
  static func programPID(_ tmux: Tmux) throws -> Int32? {
    var queue = [
      try tmux.run(["display-message", "-p", "-t", tmux.session, "#{pane_pid}"]).trimmingCharacters(
        in: .whitespacesAndNewlines)
    ]
    while !queue.isEmpty {
      let pid = queue.removeFirst()
      let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
      if name.hasPrefix("lossscope") { return Int32(pid) }
      let children =
        (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
      queue += children.split(separator: " ").map(String.init)
    }
    return nil
  }

  static func expectRestored(
    _ tmux: Tmux, stderr: String, status: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    // The script prints the program's status (the shells around it may take a Ctrl-\\ too).
    let screen = (try? tmux.waitFor("STATUS=")) ?? ""
    #expect(screen.contains("STATUS=\(status)\n"), "\(screen)", sourceLocation: sourceLocation)
    #expect(
      !tmux.alternateScreenOn, "still in the alternate screen", sourceLocation: sourceLocation)
    #expect(
      screen.contains("echo") && !screen.contains("-echo"), "echo is off: \(screen)",
      sourceLocation: sourceLocation)
    #expect(
      screen.contains("icanon") && !screen.contains("-icanon"), "canonical mode is off",
      sourceLocation: sourceLocation)
    let text = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
    #expect(
      !text.contains("Backtrace") && !text.contains("Fatal error") && !text.contains("Crash"),
      "\(text)", sourceLocation: sourceLocation)
    #expect(
      text.split(separator: "\n").count <= 1, "stderr: \(text.debugDescription)",
      sourceLocation: sourceLocation)
  }

  @Test func ctrlBackslashQuitsAndRestoresTheTerminal() throws {
    let stderr = Self.scratch("quit.err")
    defer { unlink(stderr) }
    let tmux = try Self.start("exec \"$B\"", stderr: stderr)
    try tmux.waitFor("loss 0.4170")
    try tmux.send("C-\\")
    Self.expectRestored(tmux, stderr: stderr, status: 0)
  }

  @Test func aCrashSignalRestoresTheTerminalAndSaysOneLine() throws {
    let stderr = Self.scratch("segv.err")
    defer { unlink(stderr) }
    let tmux = try Self.start("exec \"$B\"", stderr: stderr)
    try tmux.waitFor("loss 0.4170")
    let pid = try #require(try Self.programPID(tmux))
    kill(pid, SIGSEGV)
    Self.expectRestored(tmux, stderr: stderr, status: 128 + Int(SIGSEGV))
    let text = try String(contentsOfFile: stderr, encoding: .utf8)
    #expect(text.hasPrefix("lossscope: "), "\(text)")
  }

  @Test func aFileThatStopsTakingWritesEndsTheRecordingCleanly() throws {
    // A file size limit (32 KiB) stands in for a full disk: past it, write() fails (EFBIG) as it
    // would with ENOSPC. SIGXFSZ is ignored so the failure is an error, not a signal.
    let file = Self.scratch("full.cast"), stderr = Self.scratch("full.err")
    defer {
      unlink(file)
      unlink(stderr)
    }
    let tmux = try Self.start(
      "trap '' XFSZ; ulimit -f 64; exec \"$B\" record '\(file)'", stderr: stderr)
    try tmux.waitFor("loss 0.4170")
    // Keys make output until the file is full; the recorder then ends the session.
    for _ in 0..<200 {
      if (try tmux.screen()).contains("STATUS=") { break }
      try tmux.send("Right", "Left", "Tab")
    }
    Self.expectRestored(tmux, stderr: stderr, status: 1)
    let text = try String(contentsOfFile: stderr, encoding: .utf8)
    #expect(text.hasPrefix("lossscope: cannot write \(file): File too large"), "\(text)")
    // The file ends at its last complete line, so it plays.
    let played = try Binary.run(["play", file, "--headless", "--size", "80x24"])
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stderr.isEmpty, "no truncated line: \(played.stderr)")
    #expect(
      ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) <= 32 * 1024)
  }
}
