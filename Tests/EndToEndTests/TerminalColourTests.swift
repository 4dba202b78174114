import Foundation
import Testing
import Canvas

/// The colours that reach a real terminal, read back from tmux's screen with their SGR codes:
/// with `TERM=xterm` (8 colours), `screen`, `linux` and `xterm-256color`, for every shipped
/// theme, no visible character is drawn in its own background colour, and (the monochrome theme
/// aside) no cell is left on the terminal's default background.
@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct TerminalColourTests {
  /// One screen cell as tmux shows it: its character and effective colours (`nil`: default).
  struct Cell {
    var character: Character
    var foreground: String?
    var background: String?
  }

  /// Parses `capture-pane -e` output into cells, applying SGR codes (reverse swaps the colours).
  /// tmux carries the attributes over from one line to the next, so the state does too.
  static func cells(_ capture: String) -> [[Cell]] {
    var fg: String?, bg: String?, reverse = false
    return capture.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var row: [Cell] = []
      var scalars = Array(line.unicodeScalars)[...]
      while let scalar = scalars.first {
        scalars = scalars.dropFirst()
        if scalar == "\u{1B}", scalars.first == "[" {
          let body = scalars.dropFirst().prefix { !("@"..."~").contains($0) }
          scalars = scalars.dropFirst(body.count + 2)
          var codes = String(String.UnicodeScalarView(body)).split(
            separator: ";", omittingEmptySubsequences: false
          ).map { Int($0) ?? 0 }[...]
          if codes.isEmpty { codes = [0] }
          while let code = codes.popFirst() {
            switch code {
            case 0: (fg, bg, reverse) = (nil, nil, false)
            case 7: reverse = true
            case 27: reverse = false
            case 30...37, 90...97: fg = "c\(code % 10 + (code >= 90 ? 8 : 0))"
            case 39: fg = nil
            case 40...47, 100...107: bg = "c\(code % 10 + (code >= 100 ? 8 : 0))"
            case 49: bg = nil
            case 38, 48:
              let kind = codes.popFirst()
              let value =
                kind == 5
                ? "c\(codes.popFirst() ?? 0)"
                : "#" + (0..<3).map { _ in String(codes.popFirst() ?? 0) }.joined(separator: ",")
              if code == 38 { fg = value } else { bg = value }
            default: break
            }
          }
          continue
        }
        let shown = reverse ? (fg: bg, bg: fg) : (fg: fg, bg: bg)
        row.append(Cell(character: Character(scalar), foreground: shown.fg, background: shown.bg))
      }
      return row
    }
  }

  @Test(arguments: ["xterm", "screen", "linux", "xterm-256color"])
  func noTextInItsOwnBackgroundAndNoUnpaintedCell(term: String) throws {
    for theme in ["default", "high-contrast", "light", "monochrome", "okabe-ito", "solarized-dark"]
    {
      let tmux = try Tmux(["--theme", theme], width: 120, height: 40, environment: ["TERM": term])
      // A frame reaches tmux in pieces: wait for its last row, then for two captures that agree.
      let screen = try tmux.waitFor("loss 0.4170", "q quit")
      #expect(screen.contains("loss 0.4170"), "\(term) \(theme): \(screen)")
      var capture = try tmux.screen(escapes: true)
      try waitUntil {
        let again = try tmux.screen(escapes: true)
        defer { capture = again }
        return again == capture
      }
      let rows = Self.cells(capture).prefix(40)
      var clashes: [String] = []
      var unpainted = 0
      var unpaintedAt: [String] = []
      for (y, row) in rows.enumerated() {
        for (x, cell) in row.enumerated() {
          if cell.character != " ", cell.foreground != nil, cell.foreground == cell.background {
            clashes.append("\(x),\(y) '\(cell.character)' \(cell.foreground ?? "default")")
          }
          if cell.background == nil {
            unpainted += 1
            unpaintedAt.append("\(x),\(y)")
          }
        }
        // tmux leaves off trailing cells that have no colour: those are unpainted too.
        // The bottom-right cell is the exception: curses never writes it on a terminal with
        // automatic margins (writing it would scroll the screen).
        let width = y == 39 ? 119 : 120
        if row.count < width { unpaintedAt.append("row \(y) ends at \(row.count)") }
        unpainted += max(0, width - row.count)
      }
      #expect(
        clashes.isEmpty, "\(term) \(theme): text in its own background at \(clashes.prefix(5))")
      if theme != "monochrome" {
        #expect(
          unpainted == 0,
          "\(term) \(theme): \(unpainted) cells on the terminal's default background: \(unpaintedAt.prefix(6))"
        )
      }
      try tmux.send("q")
      #expect(tmux.exitStatus() == 0)
    }
  }
}
