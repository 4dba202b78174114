import FuzzSupport
import Dashboard
import Session

/// A `--keys` script and raw terminal input bytes, applied to the seed scenario and rendered.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let text = String(decoding: bytes, as: UTF8.self)
  var keys = (try? Key.script(text)) ?? []
  keys += InputDecoder.keys(bytes)
  let state = DashboardState(scenario: .standard).pressing(Array(keys.prefix(400)))
  _ = Frame.render(state, width: 90, height: 26)
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_keys_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  runFuzzer(argc, argv, fuzzKeys)
}
