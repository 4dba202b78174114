import Foundation
import Recorder
import Testing

/// A tmux server of its own, running the real binary in a pane: keys in, screen out.
final class Tmux {
  let socket: String
  let session = "lossscope"
  let exitFile: String

  /// Starts `lossscope ARGUMENTS` in a new pane of the given size.
  ///
  /// With `shell`, runs that shell command instead of the binary.
  init(
    _ arguments: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:],
    shell: String? = nil
  ) throws {
    socket = "lossscope-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    exitFile = NSTemporaryDirectory() + socket + ".exit"
    // A known environment: no inherited NO_COLOR or COLORTERM unless the test sets them.
    let env =
      (["-u", "NO_COLOR", "-u", "COLORTERM", "TERM=tmux-256color", "LANG=C.UTF-8"]
      + environment.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    // The binary is exec'd by env, so it is the pane shell's child (see `programPID`).
    let program =
      shell.map { "sh -c \"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
      ?? ("'\(Binary.url.path)' " + arguments.map { "'\($0)'" }.joined(separator: " "))
    let command = "env \(env) " + program + " 2>/dev/null; echo $? > '\(exitFile)'; sleep 600"
    // The server this starts would inherit a stdout pipe and keep it open forever.
    try run(
      ["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command],
      capture: false)
  }

  deinit {
    _ = try? run(["kill-server"])
    try? FileManager.default.removeItem(atPath: exitFile)
  }

  /// Runs a tmux command on this server and returns its output.
  @discardableResult
  func run(_ arguments: [String], capture: Bool = true) throws -> String {
    try spawn(
      ["/usr/bin/env", "tmux", "-L", socket, "-f", "/dev/null"] + arguments, capture: capture)
  }

  func send(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

  /// The visible screen as text (with escape codes and trailing spaces kept when `escapes`).
  func screen(escapes: Bool = false) throws -> String {
    try run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e", "-N"] : []))
  }

  /// Waits until the screen contains `text`; returns the screen either way.
  ///
  /// A frame reaches tmux in pieces, so a test that checks several things on one screen waits
  /// for all of them together.
  @discardableResult
  func waitFor(_ texts: String..., seconds: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if texts.allSatisfy({ last.contains($0) }) { return last }
      usleep(50_000)
    }
    return last
  }

  /// The program's exit status once it has exited, waiting up to `seconds`.
  func exitStatus(seconds: Double = 10) -> Int? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: exitFile, encoding: .utf8),
        let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return status
      }
      usleep(50_000)
    }
    return nil
  }

  /// The process id of the program in the pane.
  func programPID() throws -> Int32? {
    let shell = try run(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let children = try String(
      contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    for child in children.split(separator: " ") {
      let name = (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8)) ?? ""
      if name.hasPrefix("lossscope") { return Int32(child) }
      // `env` execs the program, so the child may still be called env for a moment.
      if name.hasPrefix("env") { return Int32(child) }
    }
    return nil
  }

  /// A tmux format of the pane, such as `#{mouse_sgr_flag}`.
  func format(_ text: String) -> String {
    (try? run(["display-message", "-p", "-t", session, text]).trimmingCharacters(
      in: .whitespacesAndNewlines)) ?? ""
  }

  var alternateScreenOn: Bool {
    (try? run(["display-message", "-p", "-t", session, "#{alternate_on}"]).trimmingCharacters(
      in: .whitespacesAndNewlines)) == "1"
  }
}

/// tmux is needed for these tests; `.ci/run` installs it.
/// Whether tmux is on the PATH (the tmux suites are skipped, saying why, where it is not).
let tmuxAvailable: Bool = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
  .split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: String($0) + "/tmux")
  }

/// Runs a program with posix_spawn and waits for it with waitpid.
///
/// Foundation's `Process.waitUntilExit` can wait forever for a child that has already exited
/// when it is called off the main thread, as Swift Testing does; this cannot.
func spawn(_ arguments: [String], capture: Bool) throws -> String {
  var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  var pipeEnds: [Int32] = [-1, -1]
  if capture {
    guard pipe(&pipeEnds) == 0 else { throw CocoaError(.fileWriteUnknown) }
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
  }
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
  // Test runners block signals on their worker threads, and a child inherits the mask: start
  // tmux (and so the program under test) with nothing blocked and default dispositions.
  guard
    let pid = spawnProcess(arguments[0], arguments: Array(arguments.dropFirst()), actions: &actions)
  else { throw CocoaError(.executableLoad) }
  var output = Data()
  if capture {
    close(pipeEnds[1])
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = read(pipeEnds[0], &buffer, buffer.count)
      if n > 0 {
        output.append(contentsOf: buffer[0..<n])
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    close(pipeEnds[0])
  }
  var exitStatus: Int32 = 0
  while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
  return String(decoding: output, as: UTF8.self)
}

/// Waits until `condition` holds, looking every 20 ms, for at most `seconds`; returns whether it
/// held. (A poll on a condition, never a fixed sleep standing in for one.)
@discardableResult
func waitUntil(seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if try condition() { return true }
    usleep(20_000)
  }
  return try condition()
}
