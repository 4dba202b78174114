import CPseudoTerminal
import Dashboard
import Foundation

/// Signals delivered as bytes on a pipe, so that `poll` can wait for them with everything else.
final class SignalPipe {
  let readEnd: Int32
  private let writeEnd: Int32
  private var sources: [DispatchSourceSignal] = []
  /// The dispositions the pipe replaced, put back when it goes.
  private var previous: [(signal: Int32, action: sigaction)] = []
  private let queue = DispatchQueue(label: "lossscope.recorder.signals")

  init(signals: [Int32]) throws {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { throw AsciicastError(line: 0, message: "cannot create a pipe") }
    readEnd = ends[0]
    writeEnd = ends[1]
    _ = fcntl(readEnd, F_SETFL, O_NONBLOCK)
    let writeEnd = self.writeEnd
    for number in signals {
      // Ignored for the process (a Dispatch source sees it regardless); the old disposition is
      // kept and restored, so the process is left as it was found.
      var ignore = sigaction()
      ignore.__sigaction_handler.sa_handler = SIG_IGN
      sigemptyset(&ignore.sa_mask)
      var old = sigaction()
      sigaction(number, &ignore, &old)
      previous.append((number, old))
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(writeEnd, &byte, 1)
      }
      source.resume()
      sources.append(source)
    }
  }

  /// The signals received since the last call.
  func drain() -> [Int32] {
    var received: [Int32] = []
    var byte: UInt8 = 0
    while read(readEnd, &byte, 1) == 1 { received.append(Int32(byte)) }
    return received
  }

  deinit {
    for source in sources { source.cancel() }
    for (number, action) in previous {
      var action = action
      sigaction(number, &action, nil)
    }
    close(readEnd)
    close(writeEnd)
  }
}
