import ArgumentParser
import CTerminalGuard
import Foundation
import SafeText

/// The `lossscope` command: a live dashboard for loss functions, and its tools.
@main
struct LossScope: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lossscope",
    abstract: "See how loss functions respond: losses, softmax and gradients, live.",
    version: LossScope.version,
    subcommands: [
      DashboardCommand.self, Eval.self, Train.self, Bench.self, Snapshot.self, Record.self,
      Play.self,
      Export.self, Lessons.self, Themes.self,
    ],
    defaultSubcommand: DashboardCommand.self
  )

  static let version = "0.1.0"

  /// Guards the terminal first: a crash or a fatal signal (Ctrl-\\ included) restores it and
  /// prints one line, instead of Swift's crash reporter taking the terminal over.
  ///
  /// Parsing errors are reported as swift-argument-parser words them, but with control
  /// characters escaped: its messages quote the argument (`Unknown option '--\e]0;x'`).
  static func main() {
    terminal_guard_install()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      let safe = message.split(separator: "\n", omittingEmptySubsequences: false)
        .map { TerminalSafe.escaped(String($0)) }.joined(separator: "\n")
      if code == .success {
        // --help and --version: their text is the output.
        if !safe.isEmpty, (try? StandardStreams.writeOutput(safe + "\n")) == nil {
          Foundation.exit(ExitStatus.failure)
        }
      } else if !safe.isEmpty {
        StandardStreams.writeError(safe + "\n")
      }
      Foundation.exit(code.rawValue)
    }
  }
}
