import FuzzSupport
import Dashboard
import Asciicast
import Replay
import TerminalInput

/// A recording's text: read, replayed to its end and rendered, or refused with an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAsciicast(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let recording = try? AsciicastReader.parse(text), let timeline = try? Timeline(recording)
  else { return 0 }
  var playback = Playback(timeline, idleTimeLimit: 2)
  playback.advance(by: 1e6)
  _ = playback.progressLine(width: 80)
  _ = Frame.render(timeline.state(afterSteps: timeline.steps.count / 2), width: 80, height: 24)
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_asciicast_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzAsciicast)
}
