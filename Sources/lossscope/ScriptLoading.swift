import Dashboard
import Export
import Foundation
import TerminalUI
import Replay

extension LossScope {
  /// The most bytes a demo script may have.
  static let maximumScriptBytes = 1 << 20

  /// Reads and runs a demo script into the recording a live session would have made.
  ///
  /// - Parameters:
  ///   - path: The `.tape` file.
  ///   - size: `--size`, which wins over the script's `Set Size`.
  ///   - display: The theme options (the script's `Set Theme` wins over `--theme`).
  /// - Returns: The recording the script makes.
  /// - Throws: ``RecordingFailure`` when the file cannot be read (exit 1), ``BadData`` naming the
  ///   file and line of a bad line or an unknown theme (exit 65).
  static func runScript(_ path: String, size: String?, display: DisplayOptions) throws
    -> ScriptedRecording
  {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw RecordingFailure(
        description: "cannot open \(path): \(String(cString: strerror(errno)))")
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: maximumScriptBytes + 1)) ?? Data()
    guard data.count <= maximumScriptBytes else {
      throw BadData(description: "\(path): a script is at most 1 MiB")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw BadData(description: "\(path): not UTF-8 text")
    }
    do {
      var script = try DemoScript(parsing: text, file: path)
      if let size { (script.width, script.height) = try Snapshot.parseSize(size) }
      let catalog = display.catalog()
      let name = script.theme ?? display.startingTheme ?? "default"
      _ = try display.loadTheme(name, from: catalog)
      return try ScriptedRecording(
        script, file: path, themeName: name, startingTheme: catalog.index(of: name),
        theme: catalog.cycle(),
        symbols: display.resolvedSymbols(), programVersion: LossScope.version)
    } catch let error as DemoScriptError {
      throw BadData(description: error.description)
    }
  }
}
