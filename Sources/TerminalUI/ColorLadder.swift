import Dashboard
import Canvas

/// How many colours the terminal gets, from best to none.
public enum ColorLevel: String, Sendable, Comparable, CaseIterable {
  case none, ansi8, ansi16, ansi256, truecolor

  public static func < (a: ColorLevel, b: ColorLevel) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The `--color` option.
public enum ColorChoice: String, Sendable, CaseIterable {
  case never, auto, always
}

/// Chooses the colour level and maps theme colours down the ladder.
public enum ColorLadder {
  /// The colour level for a terminal.
  ///
  /// - `--color never`, or `NO_COLOR` set and non-empty (under `auto`): no colour;
  /// - truecolor when `COLORTERM` is `truecolor` or `24bit`, or terminfo has `RGB`;
  /// - otherwise 256, 16 or 8 colours by what terminfo reports (`xterm`, `screen` and `linux`
  ///   report 8: colours 8–15 must not be used there);
  /// - `--color always` gives at least 8 colours even where terminfo reports fewer.
  ///
  /// - Parameters:
  ///   - choice: The `--color` option.
  ///   - environment: The process environment.
  ///   - terminfoColors: `COLORS` after `start_color()` (0 when the terminal has none).
  ///   - terminfoRGB: Whether terminfo declares direct colour.
  /// - Returns: The level colours are drawn at.
  public static func level(
    choice: ColorChoice, environment: [String: String], terminfoColors: Int, terminfoRGB: Bool
  ) -> ColorLevel {
    if choice == .never { return .none }
    if choice == .auto, let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
    let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
    let detected: ColorLevel
    if terminfoRGB || ((colorterm == "truecolor" || colorterm == "24bit") && terminfoColors >= 256)
    {
      detected = .truecolor
    } else if terminfoColors >= 256 {
      detected = .ansi256
    } else if terminfoColors >= 16 {
      detected = .ansi16
    } else if terminfoColors >= 8 {
      // xterm, screen, linux: colours 8–15 do not exist; using them draws black on black.
      detected = .ansi8
    } else {
      detected = .none
    }
    return choice == .always ? max(detected, .ansi8) : detected
  }

  /// The nearest entry of the xterm 256-colour palette: the 6×6×6 cube or the 24 greys.
  public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
    let levels: [Int] = [0, 95, 135, 175, 215, 255]
    func cubeIndex(_ v: UInt8) -> Int {
      levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) }!
    }
    let (ri, gi, bi) = (cubeIndex(r), cubeIndex(g), cubeIndex(b))
    let cube = (levels[ri], levels[gi], levels[bi])
    let average = (Int(r) + Int(g) + Int(b)) / 3
    let greyIndex = min(23, max(0, (average - 3) / 10))
    let grey = 8 + greyIndex * 10
    func distance(_ c: (Int, Int, Int)) -> Int {
      let dr = c.0 - Int(r), dg = c.1 - Int(g), db = c.2 - Int(b)
      return dr * dr + dg * dg + db * db
    }
    if distance((grey, grey, grey)) < distance(cube) { return UInt8(232 + greyIndex) }
    return UInt8(16 + 36 * ri + 6 * gi + bi)
  }

  /// The standard 16 ANSI colours (xterm's values).
  static let ansi16: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
    (0, 255, 255), (255, 255, 255),
  ]

  /// The nearest of the 16 ANSI colours.
  public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
    let index = ansi16.indices.min { a, b2 in
      func d(_ c: (Int, Int, Int)) -> Int {
        let dr = c.0 - Int(r), dg = c.1 - Int(g), db = c.2 - Int(b)
        return dr * dr + dg * dg + db * db
      }
      return d(ansi16[a]) < d(ansi16[b2])
    }!
    return UInt8(index)
  }

  /// The nearest of the 8 basic colours; greys go to black or white, whichever is nearer.
  public static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
    UInt8(
      ansi16.indices.prefix(8).min { a, b2 in
        func d(_ c: (Int, Int, Int)) -> Int {
          let dr = c.0 - Int(r), dg = c.1 - Int(g), db = c.2 - Int(b)
          return dr * dr + dg * dg + db * db
        }
        return d(ansi16[a]) < d(ansi16[b2])
      }!)
  }

  /// A theme colour as an ncurses colour number at a level, or -1 for the terminal's default.
  public static func terminalColor(_ color: Color, level: ColorLevel) -> Int32 {
    switch (color, level) {
    case (_, .none), (.terminalDefault, _): return -1
    case (.indexed(let index), .ansi8):
      return Int32(index < 8 ? index : rgb(of: index).map { nearest8($0.0, $0.1, $0.2) } ?? 7)
    case (.rgb(let r, let g, let b), .ansi8): return Int32(nearest8(r, g, b))
    case (.indexed(let index), .ansi16):
      return Int32(index < 16 ? index : rgbOfIndex(index).map { nearest16($0.0, $0.1, $0.2) } ?? 7)
    case (.indexed(let index), _): return Int32(index)
    case (.rgb(let r, let g, let b), .truecolor): return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
    case (.rgb(let r, let g, let b), .ansi256): return Int32(nearest256(r, g, b))
    case (.rgb(let r, let g, let b), .ansi16): return Int32(nearest16(r, g, b))
    }
  }

  /// The RGB value of any palette index (the 16 ANSI colours as xterm draws them).
  static func rgb(of index: UInt8) -> (UInt8, UInt8, UInt8)? {
    if index < 16 {
      let c = ansi16[Int(index)]
      return (UInt8(c.0), UInt8(c.1), UInt8(c.2))
    }
    return rgbOfIndex(index)
  }

  /// The RGB value of a 256-palette index from the cube or grey ramp.
  static func rgbOfIndex(_ index: UInt8) -> (UInt8, UInt8, UInt8)? {
    let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
    switch index {
    case 16...231:
      let i = Int(index) - 16
      return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    case 232...255:
      let v = UInt8(8 + (Int(index) - 232) * 10)
      return (v, v, v)
    default:
      return nil
    }
  }
}
