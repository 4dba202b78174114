import Dashboard
import Foundation
import TerminalUI
import Testing
import Canvas

/// No theme, at any colour level, on either terminal background, draws a role's text in its
/// own background colour.
@Suite struct ColorPairTests {
  static let shipped: ThemeCatalog = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Themes")
    return ThemeCatalog(themesDirectory: folder.path, environment: [:], executable: nil)
  }()

  static let levels: [ColorLevel] = [.ansi8, .ansi16, .ansi256, .truecolor]

  @Test func everyShippedThemeIsHere() {
    #expect(
      Set(Self.shipped.names).isSuperset(of: [
        "default", "high-contrast", "light", "monochrome", "okabe-ito", "solarized-dark",
      ]))
  }

  @Test(arguments: ColorPairTests.levels)
  func noRoleIsDrawnInItsOwnBackground(level: ColorLevel) throws {
    for name in Self.shipped.names {
      let theme = try Self.shipped.theme(named: name)
      for appearance in Appearance.allCases {
        for role in Role.allCases {
          let pair = ColorPair(theme: theme, role: role, level: level, appearance: appearance)
          let ink = Self.seen(
            pair.foreground, level: level,
            default: appearance == .dark ? (229, 229, 229) : (0, 0, 0))
          let paper = Self.seen(
            pair.background, level: level,
            default: appearance == .dark ? (0, 0, 0) : (255, 255, 255))
          #expect(ink != paper, "\(name) \(role) at \(level) on \(appearance): \(pair)")
          if level == .ansi8 {
            #expect(
              pair.foreground < 8 && pair.background < 8,
              "\(name) \(role): colours 8–15 do not exist at 8 colours")
          }
        }
      }
    }
  }

  @Test func everyShippedThemeButMonochromePaintsItsBackground() throws {
    for name in Self.shipped.names where name != "monochrome" {
      let theme = try Self.shipped.theme(named: name)
      for role in Role.allCases {
        #expect(theme.background(role) != .terminalDefault, "\(name) \(role)")
      }
    }
  }

  @Test func eightColoursMapGreysToBlackOrWhite() {
    let theme = Theme.standard
    let border = ColorPair(theme: theme, role: .border, level: .ansi8)
    #expect(border.background == 0)
    #expect(
      border.foreground == 7, "Nord's border grey is black at 8 colours: it must become white")
    #expect(border.dim, "and stay faint")
  }

  /// The RGB a colour number shows as (the terminal's own colour for -1).
  static func seen(_ number: Int32, level: ColorLevel, default fallback: (Int, Int, Int)) -> [Int] {
    guard number >= 0 else { return [fallback.0, fallback.1, fallback.2] }
    if level == .truecolor {
      return [Int(number >> 16 & 0xFF), Int(number >> 8 & 0xFF), Int(number & 0xFF)]
    }
    if number < 16 {
      let xterm = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
        (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
        (0, 255, 255), (255, 255, 255),
      ][Int(number)]
      return [xterm.0, xterm.1, xterm.2]
    }
    return [Int(number)]  // the 256 palette: distinct indices are distinct colours here
  }
}
