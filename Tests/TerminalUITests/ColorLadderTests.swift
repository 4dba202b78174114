import Dashboard
import TerminalUI
import Testing

@Suite struct ColorLadderTests {
  @Test(
    arguments: [
      (ColorChoice.auto, ["NO_COLOR": "1"], 256, false, ColorLevel.none),
      (.auto, ["NO_COLOR": ""], 256, false, .ansi256),
      (.auto, ["COLORTERM": "truecolor"], 256, false, .truecolor),
      (.auto, ["COLORTERM": "24bit"], 256, false, .truecolor),
      (.auto, [:], 16_777_216, true, .truecolor),
      (.auto, [:], 256, false, .ansi256),
      (.auto, [:], 16, false, .ansi16),
      (.auto, [:], 8, false, .ansi8),
      (.auto, [:], 0, false, .none),
      (.never, ["COLORTERM": "truecolor"], 256, true, .none),
      (.always, ["NO_COLOR": "1"], 0, false, .ansi8),
      (.always, [:], 256, false, .ansi256),
    ] as [(ColorChoice, [String: String], Int, Bool, ColorLevel)])
  func chooseTheLevel(
    _ choice: ColorChoice, _ env: [String: String], _ colors: Int, _ rgb: Bool,
    _ expected: ColorLevel
  ) {
    #expect(
      ColorLadder.level(choice: choice, environment: env, terminfoColors: colors, terminfoRGB: rgb)
        == expected)
  }

  @Test func hexMapsToTheCubeAndGreys() {
    #expect(ColorLadder.nearest256(0, 0, 0) == 16)
    #expect(ColorLadder.nearest256(255, 255, 255) == 231)
    #expect(ColorLadder.nearest256(255, 0, 0) == 196)
    #expect(ColorLadder.nearest256(0x80, 0x80, 0x80) == 244)  // a grey, not a cube entry
    #expect(ColorLadder.nearest256(0x5F, 0x87, 0xAF) == 67)  // exactly on the cube
    #expect(ColorLadder.nearest16(250, 10, 10) == 9)
    #expect(ColorLadder.nearest16(0, 0, 0) == 0)
  }

  @Test func themeColoursAtEachLevel() {
    #expect(ColorLadder.terminalColor(.rgb(1, 2, 3), level: .truecolor) == 0x010203)
    #expect(ColorLadder.terminalColor(.rgb(255, 0, 0), level: .ansi256) == 196)
    #expect(ColorLadder.terminalColor(.terminalDefault, level: .truecolor) == -1)
    #expect(ColorLadder.terminalColor(.rgb(255, 0, 0), level: .none) == -1)
    #expect(ColorLadder.terminalColor(.indexed(196), level: .ansi16) == 9)
  }
}
