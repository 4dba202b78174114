import ArgumentParser
import Foundation
import SafeText
import TerminalUI

extension LossScope {
  /// `lossscope themes`: list or check the colour themes.
  struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the colour themes, or check their files.")

    @Flag(help: "Validate every theme file: FILE:LINE: message for each problem.")
    var check = false

    @Option(name: .customLong("themes-dir"), help: "Look for themes in this folder first.")
    var themesDir: String?

    func run() throws {
      try reportingFailures { try listOrCheck() }
    }

    private func listOrCheck() throws {
      let catalog = ThemeCatalog(themesDirectory: themesDir)
      guard check else {
        if catalog.entries.isEmpty { try writeLine("default  (built in)") }
        for entry in catalog.entries {
          // A file's name is text from outside: shown, never obeyed.
          try writeLine(
            "\(TerminalSafe.escaped(entry.name))  \(TerminalSafe.escaped(entry.url.path))"
              + (entry.name == "default" ? "  (the default)" : ""))
        }
        return
      }
      var failed = false
      for entry in catalog.entries {
        do {
          let loaded = try ThemeFile.load(entry.url)
          for error in loaded.errors { printProblem("\(error)") }
          for warning in loaded.warnings { printProblem("\(warning) (warning)") }
          if loaded.errors.isEmpty {
            try writeLine("ok  \(TerminalSafe.escaped(entry.name))")
          } else {
            failed = true
          }
        } catch let problem as ThemeProblem {
          printProblem("\(problem)")
          failed = true
        }
      }
      if failed { throw ExitCode(ExitStatus.badData) }
    }

    /// `FILE:LINE: message` on stderr, as compilers print it, with control characters escaped.
    private func printProblem(_ text: String) {
      StandardStreams.writeError(TerminalSafe.escaped(text) + "\n")
    }
  }
}
