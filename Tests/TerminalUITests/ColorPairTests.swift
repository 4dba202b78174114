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
  }

  /// WCAG contrast of every role of every shipped theme, at truecolor, 256, 16 and 8 colours, on
  /// dark and light terminal backgrounds: at least 4.5:1 for text and 3:1 for marks, also for
  /// the bright colour xterm shows bold in where bold is drawn. The ratios are printed as the
  /// README's table (the lowest over both backgrounds).
  @Test func everyRoleClearsItsContrastBar() throws {
    var table = "| role | need |"
    let names = Self.shipped.names
    let shownLevels: [ColorLevel] = [.truecolor, .ansi256, .ansi8]
    var cells: [String: [Role: [Double]]] = [:]
    for name in names {
      let theme = try Self.shipped.theme(named: name)
      for level in Self.levels {
        for appearance in Appearance.allCases {
          for role in Role.allCases {
            let pair = ColorPair(theme: theme, role: role, level: level, appearance: appearance)
            let ink = ColorPair.shown(pair.foreground, level: level, appearance: appearance)
            let paper = ColorPair.rgb(pair.background, level: level) ?? appearance.rgb
            let ratio = Contrast.ratio(ink, paper)
            let need = Contrast.minimum(for: role)
            // A theme of the terminal's own colours is as readable as the terminal.
            guard theme.foreground(role) != .terminalDefault else { continue }
            #expect(
              ratio >= need,
              "\(name) \(role) at \(level) on \(appearance): \(String(format: "%.2f", ratio)) < \(need)"
            )
            if level <= .ansi16, pair.boldAllowed, (0...7).contains(pair.foreground) {
              let bright = try #require(ColorPair.rgb(pair.foreground + 8, level: level))
              #expect(
                Contrast.ratio(bright, paper) >= need,
                "\(name) \(role) bold at \(level) on \(appearance)")
            }
            if shownLevels.contains(level) {
              let key = "\(name) \(level)"
              cells[key, default: [:]][role, default: []].append(ratio)
            }
          }
        }
      }
    }
    for name in names { table += " \(name) 24-bit / 256 / 8 |" }
    table += "\n|---|---|" + String(repeating: "---|", count: names.count) + "\n"
    for role in Role.allCases {
      table += "| \(role) | \(String(format: "%.1f", Contrast.minimum(for: role))) |"
      for name in names {
        let values = shownLevels.map { level in
          cells["\(name) \(level)"]?[role].map { String(format: "%.1f", $0.min()!) } ?? "–"
        }
        table += " " + values.joined(separator: " / ") + " |"
      }
      table += "\n"
    }
    print("WCAG contrast ratio per role and theme (lowest over dark and light terminals):")
    print(table)
  }

  /// The one thing that must stand out most does: the selection has the theme's strongest
  /// contrast of any role, and the live point (the marker) at least 7:1 (WCAG's AAA), at
  /// 24-bit colour.
  @Test func selectionAndTheLivePointAreTheStrongest() throws {
    for name in Self.shipped.names where name != "monochrome" {
      let theme = try Self.shipped.theme(named: name)
      func ratio(_ role: Role) -> Double {
        let pair = ColorPair(theme: theme, role: role, level: .truecolor)
        return Contrast.ratio(
          ColorPair.shown(pair.foreground, level: .truecolor, appearance: .dark),
          ColorPair.rgb(pair.background, level: .truecolor) ?? (0, 0, 0))
      }
      let strongest = Role.allCases.map(ratio).max() ?? 0
      #expect(ratio(.selected) >= strongest - 1e-9, "\(name): selected \(ratio(.selected))")
      #expect(ratio(.marker) >= 7, "\(name): the live point \(ratio(.marker))")
    }
  }

  /// Bold at 8 colours on a light background would be xterm's grey: it is left out there.
  @Test func boldIsLeftOutWhereItWouldTurnGrey() throws {
    let light = try Self.shipped.theme(named: "light")
    let selected = ColorPair(theme: light, role: .selected, level: .ansi8)
    #expect(selected.foreground == 0 && selected.background == 7)
    #expect(!selected.boldAllowed)
    #expect(ColorPair(theme: Theme.standard, role: .selected, level: .ansi8).boldAllowed)
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
