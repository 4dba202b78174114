import FuzzSupport
import TerminalUI

/// A theme file's text: it parses or gives a ThemeProblem, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = try? ThemeFile.parse(text, name: "fuzz", path: "fuzz.toml")
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_theme_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzTheme)
}
