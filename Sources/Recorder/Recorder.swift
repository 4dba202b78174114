// The Recorder module: `lossscope record`'s side of the process boundary. The pseudo-terminal
// the dashboard runs in, the child process, raw mode, signals as bytes on a pipe (SIGCHLD,
// SIGWINCH, SIGTSTP) and the relay that writes the dashboard's reported stream into the
// asciicast file as it arrives. It knows the file format, not the dashboard.

import SafeText
import CPseudoTerminal
import Foundation
import Asciicast

#if canImport(Glibc)
  import Glibc
#endif

/// Records a dashboard session as asciicast, the way asciinema does: the dashboard runs in a
/// pseudo-terminal, and every byte between it and the real terminal passes through here.
///
/// - `o` events hold the exact bytes the dashboard wrote (so asciinema plays the file);
/// - everything else comes from the dashboard itself, over a pipe (see ``PipeSessionLog``): each
///   key as the exact bytes the terminal sent, each tick of continuous descent, each
///   measurement, each resize, and markers labelled from its live state, in the order it applied
///   them, which is what makes the replay exact;
/// - each line is written (and so flushed) as it happens.
public final class Recorder {
  private let writer: AsciicastWriter
  private var outputText = UTF8Chunker()
  private var sessionRelay = SessionRelay()
  /// The first write that failed; recording stops there and the dashboard is asked to end.
  private var writeFailure: AsciicastError?

  /// The descriptor the dashboard finds its end of the pipe on (`--session-fd`).
  public static let sessionDescriptor: Int32 = 3

  /// Starts a recording file.
  ///
  /// - Parameters:
  ///   - path: The `.cast` file to write.
  ///   - header: Its header; the scenario in it is the one the dashboard starts from.
  ///   - creation: Whether an existing regular file may be replaced.
  ///   - format: asciicast v2 or v3.
  /// - Throws: ``AsciicastError`` when the file exists, is not a regular file, or cannot be
  ///   written.
  public init(
    path: String, header: AsciicastHeader, creation: AsciicastWriter.Creation = .new,
    format: AsciicastFormat = .v2
  ) throws {
    writer = try AsciicastWriter(path: path, header: header, creation: creation, format: format)
  }

  /// What was written: the time of the last event and the number of events by code.
  public var summary: (duration: Double, counts: [String: Int]) { (writer.duration, writer.counts) }

  /// Runs `executable arguments` in a pseudo-terminal the size of ours, relaying and recording
  /// until it exits. Our terminal is put in raw mode meanwhile and always restored. The child
  /// gets the pipe for its reports as descriptor ``sessionDescriptor``.
  ///
  /// When the file cannot be written (a full disk), recording stops, the dashboard is asked to
  /// end (it restores the screen through the relay), our terminal is restored, and then the
  /// error is thrown; the file ends at its last complete line.
  ///
  /// - Returns: The child's exit status.
  /// - Throws: ``AsciicastError`` when the pseudo-terminal or the child cannot be started, or
  ///   a write to the file failed.
  public func run(executable: String, arguments: [String]) throws -> Int32 {
    let status = try relay(executable: executable, arguments: arguments)
    if let writeFailure { throw writeFailure }
    return status
  }

  private func relay(executable: String, arguments: [String]) throws -> Int32 {
    var size = winsize()
    if ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) != 0 || size.ws_col == 0 {
      size.ws_col = 80
      size.ws_row = 24
    }
    var name = [CChar](repeating: 0, count: 256)
    let master = shim_open_pseudo_terminal(&name, name.count)
    guard master >= 0 else {
      throw AsciicastError(line: 0, message: "cannot open a pseudo-terminal")
    }
    let slavePath = String(
      decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    defer { close(master) }
    var reports: [Int32] = [-1, -1]
    guard pipe(&reports) == 0 else {
      throw AsciicastError(line: 0, message: "cannot create a pipe")
    }
    var reportsOpen = true
    defer { if reportsOpen { close(reports[0]) } }

    let child: pid_t
    do {
      child = try spawn(
        executable: executable, arguments: arguments, terminal: slavePath, master: master,
        reports: reports)
    } catch {
      close(reports[1])
      throw error
    }
    close(reports[1])
    // SIGCHLD: the dashboard stopped itself (Ctrl-Z), so the recorder stops too.
    let wake = try SignalPipe(signals: [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCHLD])
    var exitStatus: Int32?
    let saved = RawMode()
    defer { saved.restore() }

    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var terminalOpen = true
    // Until the dashboard has closed both its terminal and its end of the pipe.
    while terminalOpen || reportsOpen {
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: terminalOpen ? master : -1, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
        pollfd(fd: reportsOpen ? reports[0] : -1, events: Int16(POLLIN), revents: 0),
      ]
      if poll(&fds, nfds_t(fds.count), -1) < 0 { continue }
      if fds[2].revents != 0 {
        for signal in wake.drain() {
          if signal == SIGCHLD {
            var status: Int32 = 0
            let reaped = waitpid(child, &status, WNOHANG | WUNTRACED)
            if reaped == child && (status & 0xFF) == 0x7F {
              // Stopped: give the terminal back (cooked mode; the dashboard has already turned
              // its modes off through the pty), stop, and on `fg` take it again and wake the
              // dashboard, which redraws whole.
              saved.restore()
              raise(SIGSTOP)
              saved.enter()
              if ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                _ = ioctl(master, UInt(TIOCSWINSZ), &size)
              }
              kill(child, SIGCONT)
            } else if reaped == child {
              exitStatus = status
            }
          } else if signal == SIGWINCH {
            // The dashboard records the resize when its terminal tells it.
            if ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
              _ = ioctl(master, UInt(TIOCSWINSZ), &size)
            }
          } else {
            // Pass termination on to the dashboard, which restores its screen and exits.
            kill(child, signal)
          }
        }
      }
      if fds[0].revents & Int16(POLLIN) != 0 {
        let n = read(STDIN_FILENO, &buffer, buffer.count)
        if n > 0 {
          _ = writeAll(master, buffer[0..<n])
        } else if n == 0 {
          kill(child, SIGHUP)
        }
      }
      if fds[3].revents != 0 {
        let n = read(reports[0], &buffer, buffer.count)
        if n > 0 {
          guarded(child) { try sessionRelay.relay(buffer[0..<n], to: writer) }
        } else if !(n < 0 && errno == EINTR) {
          close(reports[0])
          reportsOpen = false
        }
      }
      if fds[1].revents != 0 {
        let n = read(master, &buffer, buffer.count)
        if n > 0 {
          _ = writeAll(STDOUT_FILENO, buffer[0..<n])
          buffer.withUnsafeBytes { bytes in
            let text = outputText.text(appending: UnsafeRawBufferPointer(rebasing: bytes[0..<n]))
            if !text.isEmpty { guarded(child) { try writer.append(code: "o", data: text) } }
          }
        } else if !(n < 0 && errno == EINTR) {
          terminalOpen = false  // EIO: the dashboard has exited and closed the terminal.
        }
      }
    }
    var status: Int32 = exitStatus ?? 0
    if exitStatus == nil { while waitpid(child, &status, 0) < 0 && errno == EINTR {} }
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  /// Writes to the file unless writing has already failed; the first failure ends the session.
  private func guarded(_ child: pid_t, _ write: () throws -> Void) {
    guard writeFailure == nil else { return }
    do {
      try write()
    } catch {
      writeFailure = error as? AsciicastError ?? AsciicastError(line: 0, message: "\(error)")
      kill(child, SIGTERM)
    }
  }

  /// Starts the child as the leader of a new session whose controlling terminal is the slave.
  private func spawn(
    executable: String, arguments: [String], terminal: String, master: Int32, reports: [Int32]
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addclose(&actions, master)
    posix_spawn_file_actions_addclose(&actions, reports[0])
    posix_spawn_file_actions_adddup2(&actions, reports[1], Recorder.sessionDescriptor)
    if reports[1] != Recorder.sessionDescriptor {
      posix_spawn_file_actions_addclose(&actions, reports[1])
    }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, terminal, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDOUT_FILENO)
    posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDERR_FILENO)
    // A new session: opening the slave then makes it the controlling terminal.
    guard
      let pid = spawnProcess(
        executable, arguments: arguments, actions: &actions, newSession: true)
    else { throw AsciicastError(line: 0, message: "cannot start \(executable)") }
    return pid
  }
}

extension Recorder {
  /// The size of the terminal on standard input, or 80×24 when there is none.
  public static func terminalSize() -> (width: Int, height: Int) {
    var size = winsize()
    guard ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else {
      return (80, 24)
    }
    return (Int(size.ws_col), Int(size.ws_row))
  }
}
