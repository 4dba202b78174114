import FuzzSupport
import SafeText

/// The sanitiser: for any bytes, its output holds no ESC and no C0 or C1 control, and escaping
/// it again changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let safe = TerminalSafe.escaped(text)
  precondition(
    !safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) },
    "a control got through")
  precondition(TerminalSafe.escaped(safe) == safe, "not idempotent")
  let cut = TerminalSafe.cut(text, limit: 16)
  precondition(cut.count <= 16, "cut too long")
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_sanitizer_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzSanitizer)
}
