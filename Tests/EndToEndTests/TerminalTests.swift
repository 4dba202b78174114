import JSON
import Foundation
import Losses
import Testing

/// The real dashboard in a real terminal (tmux), for what only a terminal shows: bytes reaching
/// the program, colours reaching the screen, resize signals, and the terminal restored. The run
/// loop's behaviour is tested on the in-memory backend (`TerminalUITests/DashboardLoopTests`).
@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct TerminalTests {
  /// PyTorch's loss for a key script, from `Tests/Fixtures/dashboard_cases.json`.
  static func expectedLoss(_ id: String) throws -> String {
    let text = try String(
      contentsOf: EvalCommandTests.fixtures.appendingPathComponent("dashboard_cases.json"),
      encoding: .utf8)
    guard case .array(let cases) = try JSONValue.parse(text) else { return "?" }
    for c in cases {
      guard case .object(let f) = c, f["id"] == .string(id), case .object(let e)? = f["expect"],
        case .number(let loss)? = e["loss"]
      else { continue }
      return String(format: "%.4f", loss)
    }
    return "?"
  }

  @Test func keysReachTheDashboardAndCtrlCRestoresTheTerminal() throws {
    let tmux = try Tmux(["--logits", "2,1,0.1", "--target", "0"])
    try tmux.waitFor("loss 0.4170")
    #expect(tmux.alternateScreenOn)
    // Five presses sent at once: each is a key of its own.
    try tmux.send("Right", "Right", "Right", "Right", "Right")
    let expected = try TerminalTests.expectedLoss("right-x5")
    let screen = try tmux.waitFor("loss \(expected)")
    #expect(screen.contains("loss \(expected)"), "\(screen)")
    try tmux.send("C-c")
    #expect(tmux.exitStatus() == 0)
    #expect(!tmux.alternateScreenOn)
  }

  /// The terminal's own mouse reports (SGR 1006, as xterm and tmux send them) reach the one
  /// decoder: five wheel-up notches are five Right presses.
  @Test func wheelReportsAreFiveRightPresses() throws {
    let tmux = try Tmux(["--logits", "2,1,0.1", "--target", "0"])
    try tmux.waitFor("loss 0.4170")
    #expect(tmux.format("#{mouse_sgr_flag}") == "1", "the dashboard asks for SGR reports")
    #expect(tmux.format("#{mouse_button_flag}") == "1", "and for drags")
    for _ in 0..<5 { try tmux.run(["send-keys", "-t", tmux.session, "-l", "\u{1B}[<64;30;10M"]) }
    let expected = try TerminalTests.expectedLoss("right-x5")
    let screen = try tmux.waitFor("loss \(expected)")
    #expect(screen.contains("loss \(expected)"), "\(screen)")
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
    #expect(tmux.format("#{mouse_any_flag}") == "0", "mouse reporting is off again")
  }

  @Test func noMouseLeavesTheMouseToTheTerminal() throws {
    let tmux = try Tmux(["--no-mouse"])
    try tmux.waitFor("loss 0.4170")
    #expect(tmux.format("#{mouse_any_flag}") == "0")
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
  }

  @Test func coloursReachTheScreenAndFollowTheTheme() throws {
    let plain = try Tmux([], environment: ["NO_COLOR": "1"])
    try plain.waitFor("loss 0.4170")
    let screen = try plain.screen(escapes: true)
    #expect(!screen.contains("[38;"), "colour escapes under NO_COLOR")
    #expect(!screen.contains("[48;"))
    #expect(screen.contains("\u{1B}["), "attributes (bold, reverse) still carry the meaning")
    try plain.send("q")

    let coloured = try Tmux([])
    try coloured.waitFor("loss 0.4170")
    let before = try coloured.screen(escapes: true)
    #expect(before.contains("38;5;"), "256 colours expected without NO_COLOR")
    try coloured.send("T")
    // The next theme (high-contrast) paints its own background: pure black, 16 in the cube,
    // which the default theme (Nord's dark grey) never uses. Only colours are compared, not the
    // screen, which also changes for the notice.
    func backgrounds(_ screen: String) -> Set<String> {
      Set(
        screen.components(separatedBy: "48;5;").dropFirst().map {
          String($0.prefix { $0.isNumber })
        })
    }
    var after = before
    try waitUntil {
      after = try coloured.screen(escapes: true)
      // The notice is on the key bar, the last row drawn: wait for the whole frame.
      return backgrounds(after).contains("16") && after.contains("theme high-contrast")
    }
    #expect(!backgrounds(before).contains("16"), "\(backgrounds(before))")
    #expect(
      backgrounds(after).contains("16"), "the theme's black background: \(backgrounds(after))")
    #expect(after.contains("theme high-contrast"))
    try coloured.send("q")
    #expect(coloured.exitStatus() == 0)
  }

  @Test func sigtermRestoresTheTerminal() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("LossScope")
    #expect(tmux.alternateScreenOn)
    guard let pid = try tmux.programPID() else {
      Issue.record("no program pid")
      return
    }
    kill(pid, SIGTERM)
    #expect(tmux.exitStatus() == 1)
    #expect(!tmux.alternateScreenOn)
  }

  @Test func anUnknownThemeIsReportedBeforeTheScreenIsTaken() throws {
    let tmux = try Tmux(["--theme", "no-such-theme"])
    #expect(tmux.exitStatus() == 65)
    #expect(!tmux.alternateScreenOn)
  }

  @Test func aResizeReachesTheDashboard() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("loss 0.4170")
    try tmux.run(["resize-window", "-t", tmux.session, "-x", "40", "-y", "12"])
    #expect(try tmux.waitFor("need 72×22").contains("need 72×22"))
    try tmux.run(["resize-window", "-t", tmux.session, "-x", "120", "-y", "40"])
    let back = try tmux.waitFor("numbers", "loss 0.4170")
    #expect(back.contains("loss 0.4170") && !back.contains("too small"))
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
  }
}
