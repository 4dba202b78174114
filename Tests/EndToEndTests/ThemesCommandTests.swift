import Foundation
import Testing

@Suite struct ThemesCommandTests {
  @Test func listsTheShippedThemes() throws {
    let result = try Binary.run(["themes"])
    #expect(result.status == 0)
    for name in ["default", "light", "high-contrast", "monochrome", "solarized-dark", "okabe-ito"] {
      #expect(result.stdout.contains(name + "  "), "missing \(name)")
    }
    #expect(try Binary.run(["themes", "--check"]).status == 0)
    #expect(
      result.stdout.split(separator: "\n").filter { $0.hasSuffix("(the default)") }.map {
        $0.split(separator: " ")[0]
      } == ["default"])
  }

  @Test func aBrokenThemeFailsTheCheckWithFileAndLine() throws {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "broken-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("broken.toml")
    try "text = \"#ffffff\"\naccent = \"teal\"\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try Binary.run(["themes", "--check", "--themes-dir", folder.path])
    #expect(result.status == 65)
    #expect(result.stderr.contains("\(file.path):2: accent"))
    let dashboard = try Binary.run(["snapshot", "--size", "80x24"])
    #expect(dashboard.status == 0)
  }

  @Test func theDashboardExplainsWhenThereIsNoTerminal() throws {
    let result = try Binary.run([])
    #expect(result.status == 1)
    #expect(result.stderr.contains("needs a terminal"))
    #expect(result.stderr.contains("lossscope snapshot"))
  }
}
