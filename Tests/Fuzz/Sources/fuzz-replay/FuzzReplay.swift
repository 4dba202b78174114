import Dashboard
import FuzzSupport
import Asciicast
import Replay
import TerminalInput

/// A recording made of resizes, mouse reports and keys, decoded from the input's bytes (so
/// libFuzzer explores event mixes, not JSON syntax): replayed to its end, seeked to its middle
/// and its final frame drawn, within the time and memory budget. Sizes come from the whole
/// range a file can write, 0 to 2^63 − 1.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplay(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var events: [AsciicastEvent] = []
  var index = 0
  func next() -> Int {
    defer { index += 1 }
    return index < bytes.count ? Int(bytes[index]) : 0
  }
  let sizes = [0, 1, 12, 80, 200, 1000, 6000, 100_000, Int.max]
  while index < bytes.count, events.count < 2000 {
    let time = Double(events.count) * 0.01
    switch next() % 4 {
    case 0:
      let width = sizes[next() % sizes.count], height = sizes[next() % sizes.count]
      events.append(AsciicastEvent(time: time, code: "r", data: "\(width)x\(height)"))
    case 1:
      let kind = ["0", "32", "64", "65", "3"][next() % 5]
      let end = next() % 2 == 0 ? "M" : "m"
      let report = "\u{1B}[<\(kind);\(next() * 4 + 1);\(next() * 2 + 1)\(end)"
      events.append(AsciicastEvent(time: time, code: "i", data: report))
    case 2:
      let keys = ["g", "v", "l", "h", "t", "j", "u", "y", " ", "T", "[", "]", "0", "z", "?", "\t"]
      events.append(AsciicastEvent(time: time, code: "i", data: keys[next() % keys.count]))
    default:
      events.append(AsciicastEvent(time: time, code: "t", data: ""))
    }
  }
  let header = AsciicastHeader(
    width: [80, 200, 1000][next() % 3], height: [24, 60, 500][next() % 3], timestamp: 0,
    title: "", term: "xterm", programVersion: "", scenario: "", theme: "default")
  withinBudget(seconds: 5) {
    guard
      let timeline = try? Timeline(
        AsciicastReader.Recording(header: header, events: events, warnings: []))
    else { return }
    _ = timeline.state(afterSteps: timeline.steps.count / 2)
    _ = Frame.render(timeline.finalState, width: 80, height: 24)
  }
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_replay_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzReplay)
}
