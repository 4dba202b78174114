import Dashboard
import TerminalInput
import FuzzSupport

/// A shared state string, as sixty students would paste it: decoded or refused, and if decoded,
/// driven through descent, continuous ticks, log scale, every view and a click on each, and
/// drawn, within the time and memory budget.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzState(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  withinBudget {
    guard let scenario = try? StateString.decode(text) else { return }
    precondition(
      (try? StateString.decode(StateString.encode(scenario))) == scenario,
      "a decoded scenario does not read back")
    var state = DashboardState(scenario: scenario)
    for view in [DashboardView.dashboard, .compare, .landscape] {
      state = state.viewed(in: view, presenting: false)
      // g, y (log scale), ] (learning rate ×2), g, then a click: through the step, as live.
      state = state.pressing(
        [
          .character("g"), .character("y"), .character("]"), .character("g"),
          .mouse(MouseEvent(.click, column: 20, row: 8)),
        ], width: 90, height: 26)
      _ = Frame.render(state, width: 90, height: 26)
    }
    precondition(
      (try? StateString.decode(StateString.encode(state.scenario))) != nil,
      "an edited scenario's string does not read back")
  }
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_state_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzState)
}
