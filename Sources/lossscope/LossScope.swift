import ArgumentParser
import CTerminalGuard

/// The `lossscope` command: a live dashboard for loss functions, and its tools.
@main
struct LossScope: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lossscope",
    abstract: "See how loss functions respond: losses, softmax and gradients, live.",
    version: LossScope.version,
    subcommands: [Live.self, Eval.self, Train.self, Bench.self, Snapshot.self, Record.self, Play.self, Lessons.self, Themes.self],
    defaultSubcommand: Live.self
  )

  static let version = "0.1.0"

  /// Guards the terminal first: a crash or a fatal signal (Ctrl-\\ included) restores it and
  /// prints one line, instead of Swift's crash reporter taking the terminal over.
  static func main() {
    terminal_guard_install()
    main(nil)
  }
}
