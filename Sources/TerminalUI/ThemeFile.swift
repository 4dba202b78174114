import Dashboard
import Foundation
import TOMLKit
import SafeText
import Canvas

/// A problem in a theme file, as `FILE:LINE: message`.
public struct ThemeProblem: Error, Sendable, CustomStringConvertible, Equatable {
  public var file: String
  public var line: Int?
  public var message: String

  public var description: String {
    line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
  }
}

/// Reads `Themes/NAME.toml`: a flat table of role names to colours.
///
/// Keys are the ``Role`` names in snake case (`text`, `accent`, `bar_fill`, …) for foregrounds
/// and `ROLE_bg` for backgrounds, `background` for the colour painted under everything (left
/// out: the terminal's own), and `ramp_0` … `ramp_8` for the landscape's colour ramp, low to
/// high (left out: viridis; all `"default"`: a ramp of characters instead). Values are `"#rrggbb"`, an ANSI index 0–255, or `"default"` (the
/// terminal's own colour). A key left out falls back to the built-in default theme's value; an
/// unknown key is a warning; a bad value is an error naming the file and line.
public enum ThemeFile {
  /// A theme and the warnings found while reading it.
  public struct Loaded: Sendable {
    public var theme: Theme
    /// Bad values, by line. A theme with errors is not used.
    public var errors: [ThemeProblem]
    /// Unknown keys, by line.
    public var warnings: [ThemeProblem]

    /// The theme, or the first error.
    public func checked() throws -> Theme {
      if let first = errors.first { throw first }
      return theme
    }
  }

  /// Parses theme text.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - name: The theme's name (the file name without `.toml`).
  ///   - path: The path shown in messages.
  /// - Returns: The theme with every bad value and unknown key found, in line order.
  /// - Throws: ``ThemeProblem`` for a TOML syntax error.
  public static func parse(_ text: String, name: String, path: String) throws -> Loaded {
    guard text.utf8.count <= maximumBytes else {
      throw ThemeProblem(
        file: path, line: nil, message: "larger than \(maximumBytes / 1024) KiB: not a theme")
    }
    let keyLines = try precheck(text, path: path)
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ThemeProblem(file: path, line: error.source.begin.line, message: error.description)
    } catch {
      throw ThemeProblem(file: path, line: nil, message: "\(error)")
    }
    var foreground: [Role: Color] = [:]
    var background: [Role: Color] = [:]
    var warnings: [ThemeProblem] = []
    var errors: [ThemeProblem] = []
    var canvas = Color.terminalDefault
    var ramp = Theme.viridis
    for (key, value) in table {
      let line = keyLines[key]
      if key.hasPrefix("ramp_"), let step = Int(key.dropFirst(5)), ramp.indices.contains(step),
        key == "ramp_\(step)"
      {
        do { ramp[step] = try parseColor(value, file: path, line: line, key: key) } catch let
          problem
          as ThemeProblem
        { errors.append(problem) }
        continue
      }
      if key == "background" {
        do { canvas = try parseColor(value, file: path, line: line, key: key) } catch let problem
          as ThemeProblem
        { errors.append(problem) }
        continue
      }
      let isBackground = key.hasSuffix("_bg")
      let roleName = isBackground ? String(key.dropLast(3)) : key
      if key.hasPrefix("ramp_") {
        // Not one of ramp_0 … ramp_8 (ramp_9, ramp_-1, ramp_00): an error, so the theme is not
        // used with a step silently missing.
        errors.append(
          ThemeProblem(
            file: path, line: line,
            message: "\(TerminalSafe.quoted(key)): the ramp's steps are ramp_0 … ramp_8"))
        continue
      }
      guard let role = ThemeFile.role(forKey: roleName) else {
        if key != "name" && key != "description" {
          warnings.append(
            ThemeProblem(
              file: path, line: line, message: "unknown key \(TerminalSafe.quoted(key)) (ignored)"))
        }
        continue
      }
      do {
        let color = try parseColor(value, file: path, line: line, key: key)
        if isBackground { background[role] = color } else { foreground[role] = color }
      } catch let problem as ThemeProblem {
        errors.append(problem)
      }
    }
    let byLine = { (a: ThemeProblem, b: ThemeProblem) in (a.line ?? 0) < (b.line ?? 0) }
    return Loaded(
      theme: Theme(
        name: name, foreground: foreground, background: background, canvas: canvas, ramp: ramp),
      errors: errors.sorted(by: byLine),
      warnings: warnings.sorted(by: byLine))
  }

  /// Reads and parses a theme file, reading no more than ``maximumBytes`` and one byte.
  ///
  /// Opened without blocking and read only if it is a regular file: a FIFO or a device named
  /// `x.toml` would otherwise hang the reader (and the dashboard on `T`).
  public static func load(_ url: URL) throws -> Loaded {
    let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw ThemeProblem(file: url.path, line: nil, message: "cannot read the file")
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw ThemeProblem(file: url.path, line: nil, message: "not a regular file: not a theme")
    }
    guard let data = try? handle.read(upToCount: maximumBytes + 1) else {
      throw ThemeProblem(file: url.path, line: nil, message: "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ThemeProblem(
        file: url.path, line: nil,
        message: data.count > maximumBytes
          ? "larger than \(maximumBytes / 1024) KiB: not a theme" : "not UTF-8 text")
    }
    return try parse(text, name: url.deletingPathExtension().lastPathComponent, path: url.path)
  }

  private static func parseColor(
    _ value: TOMLValueConvertible, file: String, line: Int?, key: String
  ) throws -> Color {
    if let text = value.string {
      if text == "default" { return .terminalDefault }
      let hex = text.hasPrefix("#") ? String(text.dropFirst()) : ""
      // Six hex digits exactly: UInt32("+12345", radix: 16) would accept a sign.
      if hex.utf8.count == 6, hex.utf8.allSatisfy({ isHexDigit($0) }),
        let rgb = UInt32(hex, radix: 16)
      {
        return .rgb(UInt8(rgb >> 16 & 0xFF), UInt8(rgb >> 8 & 0xFF), UInt8(rgb & 0xFF))
      }
      throw ThemeProblem(
        file: file, line: line,
        message:
          "\(TerminalSafe.cut(key)): \(TerminalSafe.quoted(text)) is not \"#rrggbb\", an ANSI index 0-255 or \"default\""
      )
    }
    if let index = value.int {
      guard (0...255).contains(index) else {
        throw ThemeProblem(
          file: file, line: line, message: "\(key): ANSI index \(index) is outside 0-255")
      }
      return .indexed(UInt8(index))
    }
    throw ThemeProblem(
      file: file, line: line,
      message: "\(key): expected \"#rrggbb\", an ANSI index 0-255 or \"default\"")
  }

  /// The largest theme file read: a theme is a few dozen lines.
  public static let maximumBytes = 64 * 1024
  /// The most keys in a theme.
  public static let maximumKeys = 512

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
  }

  /// Checks the lines TOMLKit's parser (toml++) must not see, and notes where each key is.
  ///
  /// A theme is a flat table, so a table header is an error here; and toml++ asserts, taking
  /// the whole program down, on some malformed keys (a non-ASCII character opening a table
  /// header, found by fuzzing). Keys are therefore checked first: bare keys of letters, digits,
  /// `_` and `-`, or quoted keys. One pass over the text, so checking is linear in its size.
  ///
  /// - Returns: The 1-based line of each key (quotes removed), for messages.
  /// - Throws: ``ThemeProblem`` naming the line, or for more than ``maximumKeys`` keys.
  static func precheck(_ text: String, path: String) throws -> [String: Int] {
    let bare = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
    var keyLines: [String: Int] = [:]
    var keyCount = 0
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("[") {
        throw ThemeProblem(
          file: path, line: index + 1,
          message: "tables are not allowed: a theme is a flat list of key = value")
      }
      guard let equals = line.firstIndex(of: "=") else {
        throw ThemeProblem(file: path, line: index + 1, message: "expected key = value")
      }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces)
      let quoted =
        key.count >= 2 && key.hasPrefix("\"") && key.hasSuffix("\"")
        && !key.dropFirst().dropLast().contains("\"")
      guard quoted || (!key.isEmpty && key.allSatisfy { bare.contains($0) }) else {
        throw ThemeProblem(
          file: path, line: index + 1, message: "\(TerminalSafe.quoted(key)) is not a valid key")
      }
      keyCount += 1
      guard keyCount <= maximumKeys else {
        throw ThemeProblem(
          file: path, line: index + 1, message: "more than \(maximumKeys) keys: not a theme")
      }
      let name = quoted ? String(key.dropFirst().dropLast()) : key
      if keyLines[name] == nil { keyLines[name] = index + 1 }
    }
    return keyLines
  }

  /// A role's key in theme files: its name in snake case (`bar_fill`).
  public static func key(for role: Role) -> String {
    var out = ""
    for character in role.rawValue {
      if character.isUppercase {
        out += "_" + character.lowercased()
      } else {
        out.append(character)
      }
    }
    return out
  }

  static func role(forKey key: String) -> Role? {
    Role.allCases.first { ThemeFile.key(for: $0) == key }
  }
}
