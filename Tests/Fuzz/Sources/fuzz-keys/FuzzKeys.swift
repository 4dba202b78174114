import FuzzSupport
import Dashboard
import Asciicast
import Replay
import TerminalInput

/// A `--keys` script and raw terminal input bytes, applied to the seed scenario and rendered.
///
/// Also checks the one decoder's promise: bytes fed in pieces (as reads deliver them live)
/// decode to the same keys as the whole run (as a replay reads it), and each unit's bytes,
/// decoded alone (a recorded `"i"` event), give the same key again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let text = String(decoding: bytes, as: UTF8.self)
  var keys = (try? Key.script(text)) ?? []
  keys += InputDecoder.keys(bytes)
  var live = InputDecoder()
  var chunks: [InputDecoder.Chunk] = []
  let step = max(1, Int(bytes.first ?? 1) % 7)
  for start in stride(from: 0, to: bytes.count, by: step) {
    chunks += live.feed(Array(bytes[start..<min(bytes.count, start + step)]))
  }
  chunks += live.flush()
  guard chunks == InputDecoder.complete(bytes), chunks.flatMap(\.bytes) == bytes else {
    fatalError("split input decodes differently from the whole")
  }
  for chunk in chunks where InputDecoder.complete(chunk.bytes) != [chunk] {
    fatalError("a unit decodes differently alone")
  }
  let state = DashboardState(scenario: .standard).pressing(Array(keys.prefix(400)))
  _ = Frame.render(state, width: 90, height: 26)
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_keys_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzKeys)
}
