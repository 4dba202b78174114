import Dashboard
import FuzzSupport
import JSON

/// The scenario options' size limits: whatever `--batch`, `--logits` or `--target` holds, a
/// scenario that is built stays within its limits, a flattened array within the limit it was
/// given, and nothing traps (an overflowing shape, a huge reservation).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLimits(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let value = try? JSONValue.parse(text),
    let (values, dims) = try? NestedArray.flatten(value, field: "x", limit: 64)
  {
    precondition(
      values.count <= 64 && ElementLimit.checkedProduct(dims) == values.count, "limit not kept")
  }
  for scenario in [
    try? Scenario.from(batch: text), try? Scenario.from(logits: text),
    try? Scenario.from(logits: "1,2", target: text),
  ] {
    guard let scenario else { continue }
    precondition(scenario.samples.count <= Scenario.maximumSamples, "too many samples")
    precondition(
      scenario.samples.allSatisfy { $0.logits.count <= Scenario.maximumClasses }, "too many classes"
    )
  }
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_limits_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzLimits)
}
