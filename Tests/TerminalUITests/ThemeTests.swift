import Dashboard
import Foundation
import TerminalUI
import Testing
import Canvas

@Suite struct ThemeTests {
  static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Themes")

  @Test func everyShippedThemeIsValidAndComplete() throws {
    let files = try FileManager.default.contentsOfDirectory(
      at: ThemeTests.shipped, includingPropertiesForKeys: nil
    )
    .filter { $0.pathExtension == "toml" }
    let names = Set(files.map { $0.deletingPathExtension().lastPathComponent })
    #expect(
      names.isSuperset(of: [
        "default", "light", "high-contrast", "monochrome", "solarized-dark", "okabe-ito",
      ]))
    for file in files {
      let loaded = try ThemeFile.load(file)
      #expect(
        loaded.errors.isEmpty && loaded.warnings.isEmpty,
        "\(file.lastPathComponent): \(loaded.errors + loaded.warnings)")
      for role in Role.allCases {
        #expect(
          loaded.theme.foreground[role] != nil,
          "\(file.lastPathComponent) lacks \(ThemeFile.key(for: role))")
      }
    }
  }

  @Test func theDefaultFileMatchesTheBuiltInTheme() throws {
    let loaded = try ThemeFile.load(ThemeTests.shipped.appendingPathComponent("default.toml"))
    for role in Role.allCases {
      #expect(loaded.theme.foreground(role) == Theme.standard.foreground(role))
    }
  }

  @Test func missingKeysFallBackToTheDefault() throws {
    let loaded = try ThemeFile.parse("accent = \"#010203\"\n", name: "x", path: "x.toml")
    #expect(loaded.theme.foreground(.accent) == .rgb(1, 2, 3))
    #expect(loaded.theme.foreground(.marker) == Theme.standard.foreground(.marker))
  }

  @Test func valuesMayBeHexIndicesOrDefault() throws {
    let loaded = try ThemeFile.parse(
      "text = 7\nmarker = \"default\"\nbar_fill_bg = \"#FFFFFF\"\n", name: "x", path: "x.toml")
    #expect(loaded.theme.foreground(.text) == .indexed(7))
    #expect(loaded.theme.foreground(.marker) == .terminalDefault)
    #expect(loaded.theme.background(.barFill) == .rgb(255, 255, 255))
  }

  @Test func badValuesNameTheFileAndLine() throws {
    let text = "# a theme\ntext = \"#fff\"\naccent = 300\nmystery = \"#000000\"\nmarker = true\n"
    let loaded = try ThemeFile.parse(text, name: "bad", path: "Themes/bad.toml")
    #expect(
      loaded.errors.map(\.description) == [
        "Themes/bad.toml:2: text: \"#fff\" is not \"#rrggbb\", an ANSI index 0-255 or \"default\"",
        "Themes/bad.toml:3: accent: ANSI index 300 is outside 0-255",
        "Themes/bad.toml:5: marker: expected \"#rrggbb\", an ANSI index 0-255 or \"default\"",
      ])
    #expect(
      loaded.warnings.map(\.description) == ["Themes/bad.toml:4: unknown key \"mystery\" (ignored)"]
    )
    #expect(throws: ThemeProblem.self) { try loaded.checked() }
  }

  @Test(arguments: [
    ("text = \"#ffffff\"\n[\u{FFFD}t]\nx = 1\n", 2),  // found by fuzzing: toml++ asserted on this
    ("[colors]\ntext = 1\n", 1),
    ("text = 1\n\u{FFFD} = 2\n", 2),
    ("text = 1\njust words\n", 2),
  ])
  func malformedKeysAndTablesAreRefusedBeforeTheParser(_ text: String, _ line: Int) {
    do {
      _ = try ThemeFile.parse(text, name: "x", path: "x.toml")
      Issue.record("expected an error")
    } catch let problem as ThemeProblem {
      #expect(problem.line == line, "\(problem)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func syntaxErrorsNameTheLine() {
    do {
      _ = try ThemeFile.parse("text = \"#ffffff\"\naccent = \n", name: "x", path: "x.toml")
      Issue.record("expected a syntax error")
    } catch let problem as ThemeProblem {
      #expect(problem.description.hasPrefix("x.toml:2:"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func theCatalogSearchesInTheContractsOrder() throws {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "themes-\(UUID().uuidString)")
    let first = root.appendingPathComponent("first"),
      xdg = root.appendingPathComponent("xdg/lossscope/themes")
    for folder in [first, xdg] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    defer { try? FileManager.default.removeItem(at: root) }
    try "accent = 1\n".write(
      to: first.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
    try "accent = 2\n".write(
      to: xdg.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
    try "accent = 3\n".write(
      to: xdg.appendingPathComponent("other.toml"), atomically: true, encoding: .utf8)
    let catalog = ThemeCatalog(
      themesDirectory: first.path,
      environment: ["XDG_CONFIG_HOME": root.appendingPathComponent("xdg").path],
      executable: nil)
    #expect(catalog.names == ["mine", "other"])
    #expect(try catalog.theme(named: "mine").foreground(.accent) == .indexed(1))
    #expect(try catalog.theme(named: "default") == .standard)
    #expect(throws: ThemeProblem.self) { try catalog.theme(named: "nope") }
    let shipped = ThemeCatalog(
      themesDirectory: nil, environment: [:],
      executable: ThemeTests.shipped.appendingPathComponent("../.build/debug/lossscope"))
    #expect(shipped.names.first == "default")
    #expect(shipped.names.contains("okabe-ito"))
  }
}
