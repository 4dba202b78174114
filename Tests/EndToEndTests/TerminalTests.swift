import JSON
import Foundation
import Losses
import Testing

/// The real dashboard in a real terminal (tmux): keys, screens, resize, colours, exits, signals.
@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct TerminalTests {
  /// PyTorch's loss for a key script, from `Tests/Fixtures/dashboard_cases.json`.
  static func expectedLoss(_ id: String) throws -> String {
    let text = try String(contentsOf: EvalCommandTests.fixtures.appendingPathComponent("dashboard_cases.json"), encoding: .utf8)
    guard case .array(let cases) = try JSONValue.parse(text) else { return "?" }
    for c in cases {
      guard case .object(let f) = c, f["id"] == .string(id), case .object(let e)? = f["expect"],
        case .number(let loss)? = e["loss"]
      else { continue }
      return String(format: "%.4f", loss)
    }
    return "?"
  }

  @Test func fiveRightsMoveTheLossToPyTorchsValue() throws {
    let tmux = try Tmux(["--logits", "2,1,0.1", "--target", "0"])
    try tmux.waitFor("loss 0.4170")
    for _ in 0..<5 { try tmux.send("Right") }
    let expected = try TerminalTests.expectedLoss("right-x5")
    let screen = try tmux.waitFor("loss \(expected)")
    #expect(screen.contains("loss \(expected)"), "\(screen)")
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
    #expect(!tmux.alternateScreenOn)
  }

  @Test func tChangesTheTarget() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("target 0")
    try tmux.send("Down", "t")
    let expected = try TerminalTests.expectedLoss("target")
    let screen = try tmux.waitFor("target 1", "loss \(expected)")
    #expect(screen.contains("target 1"))
    #expect(screen.contains("loss \(expected)"))
    try tmux.send("q")
  }

  @Test func helpOverlayOpensAndCloses() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("LossScope")
    try tmux.send("?")
    let help = try tmux.waitFor("Esc closes", "learning rate ÷2 / ×2", "one gradient-descent step on the logits")
    #expect(help.contains("learning rate ÷2 / ×2"))
    #expect(help.contains("one gradient-descent step on the logits"))
    try tmux.send("Escape")
    usleep(300_000)
    #expect(try !tmux.screen().contains("Esc closes"))
    try tmux.send("q")
  }

  @Test func resizingToTooSmallAndBack() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("LossScope")
    try tmux.run(["resize-window", "-t", tmux.session, "-x", "40", "-y", "12"])
    let small = try tmux.waitFor("too small", "need 72×22")
    #expect(small.contains("need 72×22"))
    // A storm of resizes, then back to a usable size.
    for (w, h) in [(90, 30), (50, 15), (130, 45), (72, 22), (100, 30)] {
      try tmux.run(["resize-window", "-t", tmux.session, "-x", String(w), "-y", String(h)])
    }
    try tmux.run(["resize-window", "-t", tmux.session, "-x", "120", "-y", "40"])
    let back = try tmux.waitFor("numbers", "loss 0.4170")
    #expect(back.contains("loss 0.4170"))
    #expect(!back.contains("too small"))
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
  }

  @Test func noColorMeansNoColourEscapes() throws {
    let plain = try Tmux([], environment: ["NO_COLOR": "1"])
    try plain.waitFor("loss 0.4170")
    let screen = try plain.screen(escapes: true)
    #expect(!screen.contains("[38;"), "colour escapes under NO_COLOR")
    #expect(!screen.contains("[48;"))
    #expect(screen.contains("\u{1B}["), "attributes (bold, reverse) still carry the meaning")
    try plain.send("q")

    let coloured = try Tmux([])
    try coloured.waitFor("loss 0.4170")
    #expect(try coloured.screen(escapes: true).contains("38;5;"), "256 colours expected without NO_COLOR")
    try coloured.send("q")
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

  @Test func ctrlCQuitsCleanly() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("LossScope")
    try tmux.send("C-c")
    #expect(tmux.exitStatus() == 0)
    #expect(!tmux.alternateScreenOn)
  }

  @Test func aKeystrokeRewritesOnlyWhatChanged() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("loss 0.4170")
    let log = NSTemporaryDirectory() + tmux.socket + ".out"
    defer { try? FileManager.default.removeItem(atPath: log) }
    try tmux.run(["pipe-pane", "-o", "-t", tmux.session, "cat > '\(log)'"])
    usleep(200_000)
    try tmux.send("Right")
    let moved = "loss " + (try TerminalTests.expectedLoss("h-and-l"))  // [2.1, 1, 0.1]
    #expect(try tmux.waitFor(moved).contains(moved))
    usleep(300_000)
    let keystroke = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
    try tmux.run(["pipe-pane", "-t", tmux.session])
    // A full 120×40 frame is several kilobytes; a logit change rewrites numbers, bars and the
    // curve's marker only.
    let full = try Tmux(["--logits", "2.1,1,0.1"])
    let fullLog = NSTemporaryDirectory() + full.socket + ".out"
    defer { try? FileManager.default.removeItem(atPath: fullLog) }
    try full.waitFor(moved)
    try full.run(["pipe-pane", "-o", "-t", full.session, "cat > '\(fullLog)'"])
    try full.send("y")  // Toggling the axis redraws the curve: still smaller than a full frame.
    try full.run(["resize-window", "-t", full.session, "-x", "119", "-y", "40"])
    #expect(try full.waitFor("y: log").contains("y: log"))
    usleep(300_000)
    let redraw = (try? FileManager.default.attributesOfItem(atPath: fullLog)[.size] as? Int) ?? 0
    #expect(keystroke > 0)
    #expect(keystroke * 2 < redraw, "keystroke wrote \(keystroke) bytes; a full redraw wrote \(redraw)")
    try tmux.send("q")
    try full.send("q")
  }

  @Test func tCyclesThemesLive() throws {
    let tmux = try Tmux([])
    try tmux.waitFor("loss 0.4170")
    let before = try tmux.screen(escapes: true)
    try tmux.send("T")
    usleep(400_000)
    let after = try tmux.screen(escapes: true)
    #expect(before != after, "the colours should change with the theme")
    #expect(try tmux.screen() == (try tmux.screen()))
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
  }

  @Test func anUnknownThemeIsReportedBeforeTheScreenIsTaken() throws {
    let tmux = try Tmux(["--theme", "no-such-theme"])
    #expect(tmux.exitStatus() == 65)
    #expect(!tmux.alternateScreenOn)
  }

  @Test func aLessonOpensFromTheCommandLineAndThePicker() throws {
    let tmux = try Tmux(["--lesson", "class-weights"])
    let screen = try tmux.waitFor("lesson class-weights", "loss 1.3133", "Σw_y = 20.0000")
    #expect(screen.contains("loss 1.3133"))
    try tmux.send("L")
    try tmux.waitFor("Enter opens")
    try tmux.send("Up", "Up", "Up", "Enter")  // class-weights → softmax-basics
    let opened = try tmux.waitFor("lesson softmax-basics", "loss 0.2159")
    #expect(opened.contains("loss 0.2159"))
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
  }

  @Test func aTinyTerminalNeitherCrashesNorDrawsOutside() throws {
    let tmux = try Tmux([], width: 80, height: 24)
    try tmux.waitFor("loss 0.4170")
    try tmux.run(["resize-window", "-t", tmux.session, "-x", "12", "-y", "4"])
    usleep(400_000)
    let tiny = try tmux.screen()
    #expect(tiny.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 12 })
    #expect(tiny.contains("terminal") || tiny.contains("small"))
    try tmux.run(["resize-window", "-t", tmux.session, "-x", "1", "-y", "1"])
    usleep(300_000)
    try tmux.run(["resize-window", "-t", tmux.session, "-x", "80", "-y", "24"])
    #expect(try tmux.waitFor("loss 0.4170").contains("loss 0.4170"))
    try tmux.send("q")
    #expect(tmux.exitStatus() == 0)
  }
}
