import Dashboard
import Foundation
import SafeText
import Canvas

/// The themes a user can choose from, found on disk in the contract's order.
///
/// 1. `--themes-dir DIR`;
/// 2. `$XDG_CONFIG_HOME/lossscope/themes` (or `~/.config/lossscope/themes`);
/// 3. the `Themes/` folder shipped with the program: found by walking up from the executable
///    (which covers `swift run` and `.build/release/lossscope` in a checkout), or
///    `../share/lossscope/Themes` beside an installed binary.
///
/// A name found in an earlier folder hides the same name later. Without any folder the
/// built-in default theme is the only one.
public struct ThemeCatalog: Sendable {
  /// One theme file.
  public struct Entry: Sendable {
    public var name: String
    public var url: URL
  }

  public private(set) var entries: [Entry]

  /// Finds theme files.
  public init(
    themesDirectory: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: URL? = ThemeCatalog.executableURL
  ) {
    var folders: [URL] = []
    if let themesDirectory { folders.append(URL(fileURLWithPath: themesDirectory)) }
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      folders.append(URL(fileURLWithPath: xdg).appendingPathComponent("lossscope/themes"))
    } else if let home = environment["HOME"], !home.isEmpty {
      folders.append(URL(fileURLWithPath: home).appendingPathComponent(".config/lossscope/themes"))
    }
    if let shipped = ThemeCatalog.shippedFolder(executable: executable) { folders.append(shipped) }
    var seen = Set<String>()
    var entries: [Entry] = []
    for folder in folders {
      let files =
        (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil))
        ?? []
      for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent })
      where file.pathExtension == "toml" {
        let name = file.deletingPathExtension().lastPathComponent
        if seen.insert(name).inserted { entries.append(Entry(name: name, url: file)) }
      }
    }
    // The default theme first, so that `T` starts from it.
    entries.sort {
      ($0.name == "default" ? 0 : 1, $0.name) < ($1.name == "default" ? 0 : 1, $1.name)
    }
    self.entries = entries
  }

  /// The running executable's location.
  public static var executableURL: URL? {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().standardizedFileURL
  }

  /// The shipped `Themes/` folder: up to six folders above the executable, or
  /// `../share/lossscope/Themes` beside it.
  static func shippedFolder(executable: URL?) -> URL? {
    guard var folder = executable?.deletingLastPathComponent() else { return nil }
    let installed = folder.deletingLastPathComponent().appendingPathComponent(
      "share/lossscope/Themes")
    for _ in 0..<6 {
      let candidate = folder.appendingPathComponent("Themes")
      if FileManager.default.fileExists(
        atPath: candidate.appendingPathComponent("default.toml").path)
      {
        return candidate
      }
      folder.deleteLastPathComponent()
    }
    return FileManager.default.fileExists(atPath: installed.path) ? installed : nil
  }

  /// The theme names, in cycling order.
  public var names: [String] { entries.isEmpty ? ["default"] : entries.map(\.name) }

  /// Loads a theme by name; the built-in default when the name is `default` and no file exists.
  ///
  /// - Throws: ``ThemeProblem`` for an unknown name or a broken file.
  public func theme(named name: String) throws -> Theme {
    guard let entry = entries.first(where: { $0.name == name }) else {
      if name == "default" { return .standard }
      throw ThemeProblem(
        file: TerminalSafe.cut(name), line: nil,
        message:
          "no theme named \(TerminalSafe.quoted(name)) (have: \(names.map(TerminalSafe.escaped).joined(separator: ", ")))"
      )
    }
    return try ThemeFile.load(entry.url).checked()
  }

  /// The theme at a position in the cycle (any integer: it wraps); the built-in default when the
  /// file cannot be loaded.
  public func theme(at index: Int) -> Theme {
    let names = self.names
    return (try? theme(named: names[((index % names.count) + names.count) % names.count]))
      ?? .standard
  }

  /// The position of a theme in the cycle (where `T` counts from), or 0, the first, for a name
  /// the cycle does not hold (an old recording's theme that is no longer installed).
  public func index(of name: String?) -> Int {
    name.flatMap { names.firstIndex(of: $0) } ?? 0
  }

  /// The themes by position (``theme(at:)``), each file loaded once: for a film of many frames.
  public func cycle() -> (Int) -> Theme {
    let count = names.count
    var loaded: [Int: Theme] = [:]
    return { index in
      let position = ((index % count) + count) % count
      if let theme = loaded[position] { return theme }
      let theme = self.theme(at: position)
      loaded[position] = theme
      return theme
    }
  }
}
