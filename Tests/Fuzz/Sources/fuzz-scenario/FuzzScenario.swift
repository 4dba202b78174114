import FuzzSupport
import Dashboard

/// The scenario options (`--logits`, `--batch`, `--target`, `--weights`, `--loss`, `--state`),
/// one per line of the input, then the frame they give.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  var fields = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  while fields.count < 6 { fields.append("") }
  func option(_ index: Int) -> String? { fields[index].isEmpty ? nil : fields[index] }
  guard
    let scenario = try? Scenario.from(
      logits: option(0), batch: option(1), target: option(2), weights: option(3), loss: option(4),
      state: option(5))
  else { return 0 }
  // g, Tab (next loss), g, r (reduction), S (smoothing +0.05): through the step, as live.
  let state = DashboardState(scenario: scenario).pressing([
    .character("g"), .tab, .character("g"), .character("r"), .character("S"),
  ])
  _ = Frame.render(state, width: 100, height: 30)
  _ = StateString.encode(state.scenario)
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_scenario_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzScenario)
}
