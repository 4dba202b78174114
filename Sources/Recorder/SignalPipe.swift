import CSignalPipe
import Foundation
import Asciicast

/// The recorder's signals as bytes on a pipe (CSignalPipe's self-pipe, shared with the
/// dashboard's terminal backend), so that `poll` waits for them with everything else. They do
/// not end the recorder, which passes them on; when it goes, the process's dispositions and
/// signal mask are put back as they were.
final class SignalPipe {
  let readEnd: Int32

  init(signals: [Int32]) throws {
    readEnd = signal_pipe_install(signals, Int32(signals.count))
    guard readEnd >= 0 else { throw AsciicastError(line: 0, message: "cannot create a pipe") }
  }

  /// The signals received since the last call.
  func drain() -> [Int32] {
    var numbers = [Int32](repeating: 0, count: 16)
    let count = Int(signal_pipe_drain(&numbers, 16))
    return Array(numbers.prefix(count))
  }

  deinit { signal_pipe_uninstall() }
}
