import Dashboard
import Export
import FuzzSupport
import Asciicast
import Replay
import TerminalInput

/// A demo script's text: parsed or refused with `FILE:LINE`, and if parsed, recorded without a
/// terminal (every frame drawn), within the time and memory budget, or refused for its work.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  withinBudget(seconds: 15, megabytes: 768) {
    guard let script = try? DemoScript(parsing: text, file: "fuzz.tape") else { return }
    _ = try? ScriptedRecording(
      script, file: "fuzz.tape", themeName: "default", theme: { _ in .standard },
      symbols: .braille, programVersion: "fuzz")
  }
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_script_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzScript)
}
