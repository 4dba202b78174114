import ArgumentParser
import Dashboard
import SnapshotTesting
import Testing

@testable import lossscope

/// The command line parsed in process, as swift-argument-parser's own examples test theirs:
/// defaults, validation errors and their exit codes, without running anything.
@Suite struct CommandParsingTests {
  /// The subcommand an argument list parses to.
  func parse<C: ParsableCommand>(_ arguments: [String], as type: C.Type) throws -> C {
    let command = try LossScope.parseAsRoot(arguments)
    return try #require(command as? C, "\(arguments) parsed to \(Swift.type(of: command))")
  }

  /// The exit code and message of arguments that do not parse (or do not validate).
  func failure(_ arguments: [String]) -> (code: Int32, message: String)? {
    do {
      _ = try LossScope.parseAsRoot(arguments)
      return nil
    } catch {
      return (LossScope.exitCode(for: error).rawValue, LossScope.message(for: error))
    }
  }

  @Test func noSubcommandIsTheDashboardWithItsDefaults() throws {
    let live = try parse([], as: LossScope.DashboardCommand.self)
    #expect(live.display.color == .auto && live.display.background == .auto)
    #expect(live.display.view == nil && !live.display.noMouse && !live.display.present)
    let chosen = try parse(
      ["--view", "landscape", "--no-mouse", "--logits", "1,2"], as: LossScope.DashboardCommand.self)
    #expect(chosen.display.view == .landscape && chosen.display.noMouse)
    #expect(chosen.scenario.logits == "1,2")
  }

  /// The why-not-mse example as a class types it: a value may start with a minus.
  @Test func negativeNumbersAreOptionValues() throws {
    let live = try parse(
      ["--logits", "-2,4,0.5", "--target", "0"], as: LossScope.DashboardCommand.self)
    #expect(live.scenario.logits == "-2,4,0.5" && live.scenario.target == "0")
    #expect(try live.scenario.scenario().samples[0].logits == [-2, 4, 0.5])
    let snapshot = try parse(
      ["snapshot", "--weights", "-1,2", "--logits", "-0.5,-1"], as: LossScope.Snapshot.self)
    #expect(snapshot.scenario.weights == "-1,2" && snapshot.scenario.logits == "-0.5,-1")
    let state = try parse(
      ["snapshot", "--state", "-z=1"], as: LossScope.Snapshot.self)
    #expect(state.scenario.state == "-z=1")
  }

  @Test func snapshotDefaultsAndFormats() throws {
    let plain = try parse(["snapshot"], as: LossScope.Snapshot.self)
    #expect(plain.size == "120x40" && plain.resolvedFormat == .text)
    #expect(try parse(["snapshot", "--ansi"], as: LossScope.Snapshot.self).resolvedFormat == .ansi)
    #expect(
      try parse(["snapshot", "--format", "svg", "--view", "compare"], as: LossScope.Snapshot.self)
        .resolvedFormat == .svg)
  }

  @Test(arguments: [
    (["snapshot", "--size", "0x0"], "--size must be COLSxROWS"),
    (["snapshot", "--ansi", "--format", "html"], "--ansi is --format ansi"),
    (["snapshot", "--event", "3"], "--event needs --from FILE"),
    (["snapshot", "--view", "map"], "map"),
    (["play"], "play takes a recording FILE or --script FILE.tape"),
    (["play", "a.cast", "--speed", "100"], "--speed must be between 0.0625 and 64"),
    (["export", "a.cast", "out.png"], "OUT must end in .svg or .html"),
    (
      ["export", "a.cast", "out.html", "--frames", "markers"], "--frames markers writes SVG stills"
    ),
    (
      ["export", "a.cast", "out.svg", "--idle-time-limit", "0"],
      "--idle-time-limit must be positive"
    ),
    (["record", "a.cast", "--size", "80x24"], "--size goes with --script"),
    (["bench", "cross-entropy", "--batch", "0"], "batch"),
  ])
  func badArgumentsAreUsageErrors(arguments: [String], message: String) throws {
    let result = try #require(failure(arguments), "\(arguments) parsed")
    #expect(result.code == 64, "\(arguments): exit \(result.code)")
    #expect(result.message.contains(message), "\(arguments): \(result.message)")
  }

  @Test func helpNamesEveryCommandAndTheViews() throws {
    let help = LossScope.helpMessage()
    for command in [
      "dashboard", "eval", "train", "bench", "snapshot", "record", "play", "export", "lessons",
      "themes",
    ] {
      #expect(help.contains("  \(command)"), "\(command)")
    }
    let dashboard = LossScope.helpMessage(for: LossScope.DashboardCommand.self)
    #expect(dashboard.contains("--view <view>") && dashboard.contains("--no-mouse"))
    #expect(!dashboard.contains("--session-fd"), "the recorder's option stays hidden")
    let record = LossScope.helpMessage(for: LossScope.Record.self)
    #expect(record.contains("--script <script>") && record.contains("--overwrite"))
  }

  /// The help texts, at 100 columns, as users read them (a changed option shows in review).
  @Test func helpTextSnapshots() {
    assertSnapshot(of: LossScope.helpMessage(columns: 100), as: .lines, named: "root")
    for (name, command) in [
      ("dashboard", LossScope.DashboardCommand.self as ParsableCommand.Type),
      ("snapshot", LossScope.Snapshot.self),
      ("record", LossScope.Record.self), ("play", LossScope.Play.self),
      ("export", LossScope.Export.self),
    ] {
      assertSnapshot(of: LossScope.helpMessage(for: command, columns: 100), as: .lines, named: name)
    }
  }
}
