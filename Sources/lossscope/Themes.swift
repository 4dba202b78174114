import ArgumentParser
import Foundation
import TerminalUI

extension LossScope {
  /// `lossscope themes`: list or check the colour themes.
  struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the colour themes, or check their files.")

    @Flag(help: "Validate every theme file: FILE:LINE: message for each problem.")
    var check = false

    @Option(name: .customLong("themes-dir"), help: "Look for themes in this folder first.")
    var themesDir: String?

    func run() throws {
      let catalog = ThemeCatalog(themesDirectory: themesDir)
      guard check else {
        if catalog.entries.isEmpty { writeLine("default  (built in)") }
        for entry in catalog.entries { writeLine("\(entry.name)  \(entry.url.path)") }
        return
      }
      var failed = false
      for entry in catalog.entries {
        do {
          let loaded = try ThemeFile.load(entry.url)
          for error in loaded.errors { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
          for warning in loaded.warnings { FileHandle.standardError.write(Data("\(warning) (warning)\n".utf8)) }
          if loaded.errors.isEmpty { writeLine("ok  \(entry.name)") } else { failed = true }
        } catch let problem as ThemeProblem {
          FileHandle.standardError.write(Data("\(problem)\n".utf8))
          failed = true
        }
      }
      if failed { throw ExitCode(ExitStatus.badData) }
    }
  }
}
