import ArgumentParser
import Dashboard
import Foundation
import Session

extension LossScope {
  /// `lossscope record FILE`: the dashboard, recorded as asciicast v2.
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the dashboard and record it as an asciicast v2 file (asciinema can play it).",
      discussion: "Press m to add a marker. `lossscope play FILE` replays it with seeking and stepping.")

    @Argument(help: "The .cast file to write.")
    var file: String

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var display: DisplayOptions

    func run() throws {
      try requireTerminal("record needs a terminal (stdin and stdout)")
      var status: Int32 = 0
      try reportingFailures {
        let initial = try scenario.dashboardState()
        let theme = display.theme ?? "default"
        _ = try display.loadTheme(theme, from: display.catalog())
        let state = StateString.encode(initial.scenario)
        let (width, height) = Recorder.terminalSize()
        let header = AsciicastHeader(
          width: width, height: height, timestamp: Int(Date().timeIntervalSince1970), title: "LossScope",
          term: ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color", programVersion: LossScope.version,
          scenario: state, theme: theme, lesson: initial.lessonID)
        var arguments = (initial.lessonID.map { ["--lesson", $0] } ?? ["--state", state])
          + ["--theme", theme, "--color", display.color.rawValue]
        if let directory = display.themesDir { arguments += ["--themes-dir", directory] }
        arguments += ["--symbols", display.resolvedSymbols().rawValue]
        do {
          let recorder = try Recorder(path: file, header: header, initial: initial)
          status = try recorder.run(executable: LossScope.executablePath, arguments: arguments)
        } catch let error as AsciicastError {
          throw BadData(description: "\(file): \(error.message)")
        }
      }
      if status != 0 { throw ExitCode(status) }
    }
  }

  /// This program's own executable, to run the dashboard under the recorder.
  static var executablePath: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }
}
