import Foundation
import Testing

@testable import Recorder

/// The recorder borrows the process's signal dispositions only while it runs.
@Suite struct SignalPipeTests {
  func disposition(_ signal: Int32) -> UnsafeMutableRawPointer? {
    var action = sigaction()
    sigaction(signal, nil, &action)
    return unsafeBitCast(action.__sigaction_handler.sa_handler, to: UnsafeMutableRawPointer?.self)
  }

  @Test func thePipeRestoresWhatItReplaced() throws {
    let before = disposition(SIGUSR2)
    do {
      let pipe = try SignalPipe(signals: [SIGUSR2])
      #expect(disposition(SIGUSR2) != before, "the pipe's handler while it lives")
      raise(SIGUSR2)
      #expect(
        pipe.drain() == [SIGUSR2], "the signal arrived as a byte, and did not end the process")
    }
    #expect(disposition(SIGUSR2) == before, "the disposition from before the recorder")
  }
}
