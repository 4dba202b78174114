import Foundation
import SafeText
import Recorder

/// Standard output and error, written with `write(2)` so that every failure is seen.
///
/// `FileHandle.write` traps on an error (a full disk, a closed descriptor) and `print` buffers
/// and drops it; here a failed write of output is an ``OutputError`` (exit 1 with one line on
/// stderr), and a failed write of an error message is ignored.
enum StandardStreams {
  /// Writes all of `text` to standard output.
  ///
  /// - Throws: ``OutputError`` with the system's reason when a write fails.
  static func writeOutput(_ text: String) throws {
    var bytes = Array(text.utf8)
    let failure = writeAll(STDOUT_FILENO, &bytes)
    if failure != 0 { throw OutputError(code: failure) }
  }

  /// Writes all of `text` to standard error, ignoring any failure: there is nowhere left to
  /// report it.
  static func writeError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = writeAll(STDERR_FILENO, &bytes)
  }

  /// Writes every byte, retrying after signals and short writes. Returns 0 or the `errno`.
  private static func writeAll(_ descriptor: Int32, _ bytes: inout [UInt8]) -> Int32 {
    bytes.withUnsafeBytes { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return 0 }
      var done = 0
      while done < buffer.count {
        let n = write(descriptor, base + done, buffer.count - done)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { return errno }
        if n == 0 { return EIO }
        done += n
      }
      return 0
    }
  }
}

/// Standard output could not be written: `cannot write output: No space left on device`.
struct OutputError: Error, CustomStringConvertible {
  var code: Int32
  var description: String { "cannot write output: " + String(cString: strerror(code)) }
}

/// Prints a one-line message to standard error, with anything a terminal would obey escaped.
///
/// Messages name files, lines and values that came from outside; whatever path they took here,
/// no escape sequence from them reaches the user's terminal.
func printError(_ message: String) {
  StandardStreams.writeError("lossscope: " + TerminalSafe.escaped(message) + "\n")
}

/// Writes one line to standard output immediately, so a reader of a pipe sees it at once.
///
/// - Throws: ``OutputError`` when it cannot be written.
func writeLine(_ line: String) throws {
  try StandardStreams.writeOutput(line + "\n")
}
