import CPseudoTerminal
import Foundation
import Pixels
import TerminalUI
import Testing

/// The dashboard asks the terminal for its background (OSC 11) before it starts, in a real
/// pseudo-terminal whose other end answers as a terminal would.
@Suite(.serialized) struct TerminalQueryTests {
  /// A pseudo-terminal pair at 120×40; the test holds the master.
  struct PseudoTerminal {
    let master: Int32
    let slave: Int32

    init() throws {
      var name = [CChar](repeating: 0, count: 256)
      master = shim_open_pseudo_terminal(&name, name.count)
      guard master >= 0 else { throw POSIXError(.ENODEV) }
      let path = String(
        decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      slave = open(path, O_RDWR | O_NOCTTY)
      guard slave >= 0 else { throw POSIXError(.ENODEV) }
      var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
      _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Reads what is there within `milliseconds`.
    func read(milliseconds: Int32) -> [UInt8] {
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, milliseconds) > 0 else { return [] }
      var buffer = [UInt8](repeating: 0, count: 65536)
      let count = Glibc.read(master, &buffer, buffer.count)
      return count > 0 ? Array(buffer[0..<count]) : []
    }

    func write(_ text: String) {
      _ = text.utf8CString.withUnsafeBufferPointer {
        Glibc.write(master, $0.baseAddress, $0.count - 1)
      }
    }
  }

  /// Runs the dashboard on a pseudo-terminal that answers the start's questions with `reply`,
  /// until its output contains `wanted` (or 20 s pass); then quits it.
  func run(reply: String?, arguments: [String] = [], until wanted: [String]) throws -> (
    output: String, asked: Bool
  ) {
    let terminal = try PseudoTerminal()
    let process = Process()
    process.executableURL = Binary.url
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm-256color"
    environment["LANG"] = "C.UTF-8"
    environment["COLORTERM"] = nil
    environment["NO_COLOR"] = nil
    environment["TMUX"] = nil
    process.environment = environment
    let handle = FileHandle(fileDescriptor: terminal.slave, closeOnDealloc: false)
    process.standardInput = handle
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    close(terminal.slave)
    defer {
      // Drained while it ends: a child writing images into a full pty would never see q.
      if process.isRunning { process.terminate() }
      _ = waitUntil(seconds: 5) {
        _ = terminal.read(milliseconds: 20)
        return !process.isRunning
      }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
      close(terminal.master)
    }
    var output: [UInt8] = []
    var asked = false
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      output += terminal.read(milliseconds: 100)
      let text = String(decoding: output, as: UTF8.self)
      if !asked, text.contains("\u{1B}]11;?") {
        asked = true
        if let reply { terminal.write(reply) }
      }
      if wanted.allSatisfy({ text.contains($0) }) { break }
    }
    terminal.write("q")
    _ = waitUntil(seconds: 10) {
      output += terminal.read(milliseconds: 20)
      return !process.isRunning
    }
    return (String(decoding: output, as: UTF8.self), asked)
  }

  /// A terminal that answers white: the light theme (its white background, 231 in the 256-colour
  /// cube), with the DA1 reply ending the wait at once; mode 2026 reported, so frames come
  /// wrapped in it.
  @Test func aLightTerminalStartsInTheLightTheme() throws {
    let white = "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\" + "\u{1B}[?2026;2$y" + "\u{1B}[?62;22c"
    let (output, asked) = try run(
      reply: white, until: ["loss 0.4170", "48;5;231", "\u{1B}[?2026l"])
    #expect(asked)
    #expect(output.contains("48;5;231"), "the light theme's white background")
    #expect(output.contains("\u{1B}[?2026h") && output.contains("\u{1B}[?2026l"))
    // No reply leaked into the dashboard as keys: nothing moved.
    #expect(output.contains("loss 0.4170"))
  }

  /// A dark answer keeps the default theme; `--background light` wins over the answer.
  @Test func aDarkTerminalKeepsTheDefaultAndTheOptionWins() throws {
    let black = "\u{1B}]11;rgb:0000/0000/0000\u{07}" + "\u{1B}[?62;22c"
    let dark = try run(reply: black, until: ["loss 0.4170"])
    #expect(dark.asked)
    #expect(!dark.output.contains("48;5;231"))
    #expect(!dark.output.contains("\u{1B}[?2026h"), "no mode 2026 where it was not reported")
    let forced = try run(
      reply: black, arguments: ["--background", "light"], until: ["loss 0.4170", "48;5;231"])
    #expect(forced.output.contains("48;5;231"))
  }

  /// A terminal that never answers: the dashboard starts anyway, after the short timeout.
  @Test func aSilentTerminalStillStarts() throws {
    let silent = try run(reply: nil, until: ["loss 0.4170"])
    #expect(silent.asked && silent.output.contains("loss 0.4170"))
  }

  /// A scripted terminal per kind: one that answers the kitty query gets kitty images, one that
  /// lists sixel in DA1 (with its cell size) gets sixel, one with neither gets cells, one that
  /// says nothing gets cells; no reply byte is ever read as a key (the loss and every logit stay
  /// as they were, and no notice of an unknown key shows).
  @Test func theGraphicsFollowWhatTheTerminalSays() throws {
    let kittyReply =
      "\u{1B}]11;rgb:0000/0000/0000\u{1B}\\" + "\u{1B}_Gi=31;OK\u{1B}\\" + "\u{1B}[6;20;10t"
      + "\u{1B}[?62;22c"
    let kitty = try run(reply: kittyReply, until: ["loss 0.4170", "\u{1B}_Ga=p,"])
    #expect(kitty.output.contains("\u{1B}_Ga=t,f=24,o=z"))
    #expect(!kitty.output.contains("\u{1B}P0;1;0q"))
    let sixelReply = "\u{1B}[6;20;10t" + "\u{1B}[?62;4;22c"
    let sixel = try run(reply: sixelReply, until: ["loss 0.4170", "\u{1B}P0;1;0q"])
    #expect(sixel.output.contains("\u{1B}P0;1;0q\"1;1;"))
    #expect(!sixel.output.contains("\u{1B}_Ga=t"))
    let neither = try run(reply: "\u{1B}[6;20;10t\u{1B}[?62;22c", until: ["loss 0.4170"])
    #expect(!neither.output.contains("\u{1B}_Ga=t") && !neither.output.contains("\u{1B}P0;1;0q"))
    let silent = try run(reply: nil, until: ["loss 0.4170"])
    #expect(!silent.output.contains("\u{1B}_Ga=t") && !silent.output.contains("\u{1B}P0;1;0q"))
    for output in [kitty.output, sixel.output, neither.output, silent.output] {
      #expect(output.contains("loss 0.4170") && !output.contains("unknown key"))
    }
  }

  @Test func repliesParse() {
    let report = TerminalReport.parse(
      Array("x\u{1B}]11;rgb:fdfd/f6f6/e3e3\u{1B}\\\u{1B}[?2026;1$y\u{1B}[?1;2c".utf8))
    #expect(report.background == RGB(0xFD, 0xF6, 0xE3))
    #expect(report.appearance == .light && report.synchronizedOutput && report.answered)
    let short = TerminalReport.parse(Array("\u{1B}]11;rgb:2/3/4\u{07}".utf8))
    #expect(short.appearance == .dark && !short.answered)
    #expect(TerminalReport.parse(Array("\u{1B}]11;rgb:zz/00/00\u{07}".utf8)).background == nil)
    // DECRPM before DA1 is not read as DA1; CSI 16 t gives the cell size.
    let graphics = TerminalReport.parse(
      Array("\u{1B}[?2026;2$y\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;18;9t\u{1B}[?62;4;22c".utf8))
    #expect(graphics.kittyGraphics && graphics.sixel && graphics.synchronizedOutput)
    #expect(graphics.cellSize == TerminalReport.CellSize(width: 9, height: 18))
    #expect(!TerminalReport.parse(Array("\u{1B}[?62;22c".utf8)).sixel)
  }
}
