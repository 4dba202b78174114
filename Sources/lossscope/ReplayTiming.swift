import ArgumentParser

/// How a recording's time is played: `--speed` and `--idle-time-limit`, shared by `play` and
/// `export`.
struct ReplayTiming: ParsableArguments {
  @Option(help: "Play this many times faster (0.0625 to 64).")
  var speed: Double = 1

  @Option(
    name: .customLong("idle-time-limit"), help: "Shorten pauses longer than this many seconds.")
  var idleTimeLimit: Double?

  func validate() throws {
    guard speed >= 1.0 / 16, speed <= 64 else {
      throw ValidationError("--speed must be between 0.0625 and 64")
    }
    if let idleTimeLimit, !(idleTimeLimit > 0) {
      throw ValidationError("--idle-time-limit must be positive")
    }
  }
}
