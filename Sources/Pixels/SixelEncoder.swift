/// An image as a sixel sequence (DEC's VT340 graphics: xterm `-ti vt340`, foot, mlterm,
/// WezTerm, Windows Terminal, iTerm2): a pure function.
///
/// The palette is the image's own colours, at most 256 registers: a plot's pixels are its
/// theme's colours and the shades anti-aliasing blends of them, so where there are more than
/// 256 the most frequent are kept and every other pixel takes its nearest. Each band of six
/// rows is written colour by colour, runs of a sixel run-length encoded (`!12~`).
public enum SixelEncoder {
  /// The registers: the most frequent colours, at most `maximum` of them, most frequent first
  /// (ties by colour, so the encoding is deterministic).
  public static func palette(_ image: RGBAImage, maximum: Int = 256) -> [RGB] {
    var counts: [RGB: Int] = [:]
    for y in 0..<image.height {
      for x in 0..<image.width { counts[image[x, y], default: 0] += 1 }
    }
    return counts.sorted { a, b in
      a.value != b.value
        ? a.value > b.value : (a.key.r, a.key.g, a.key.b) < (b.key.r, b.key.g, b.key.b)
    }.prefix(max(1, min(256, maximum))).map(\.key)
  }

  /// Each pixel's register: its colour's, or the nearest register's.
  static func indices(_ image: RGBAImage, palette: [RGB]) -> [Int] {
    var lookup: [RGB: Int] = [:]
    for (index, color) in palette.enumerated() { lookup[color] = index }
    var out = [Int](repeating: 0, count: image.width * image.height)
    for y in 0..<image.height {
      for x in 0..<image.width {
        let color = image[x, y]
        if let index = lookup[color] {
          out[y * image.width + x] = index
          continue
        }
        let nearest =
          palette.indices.min { distance(palette[$0], color) < distance(palette[$1], color) } ?? 0
        lookup[color] = nearest
        out[y * image.width + x] = nearest
      }
    }
    return out
  }

  static func distance(_ a: RGB, _ b: RGB) -> Int {
    let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
    return dr * dr + dg * dg + db * db
  }

  /// The whole sequence: DCS, raster attributes (square pixels, the image's size), the palette
  /// (`#n;2;r;g;b` in percent), the bands, ST.
  public static func encode(_ image: RGBAImage, maximum: Int = 256) -> String {
    let palette = palette(image, maximum: maximum)
    let index = indices(image, palette: palette)
    var out = "\u{1B}P0;1;0q\"1;1;\(image.width);\(image.height)"
    func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }
    for (n, color) in palette.enumerated() {
      out += "#\(n);2;\(percent(color.r));\(percent(color.g));\(percent(color.b))"
    }
    var band = 0
    while band < image.height {
      let rows = min(6, image.height - band)
      // The registers used in this band, in palette order.
      var used = Set<Int>()
      for r in 0..<rows {
        for x in 0..<image.width { used.insert(index[(band + r) * image.width + x]) }
      }
      for (position, color) in used.sorted().enumerated() {
        if position > 0 { out += "$" }
        out += "#\(color)"
        var run: (character: UInt8, count: Int)?
        var line: [(UInt8, Int)] = []
        for x in 0..<image.width {
          var bits: UInt8 = 0
          for r in 0..<rows where index[(band + r) * image.width + x] == color { bits |= 1 << r }
          let character = 63 + bits
          if let current = run, current.character == character {
            run = (character, current.count + 1)
          } else {
            if let current = run { line.append((current.character, current.count)) }
            run = (character, 1)
          }
        }
        if let current = run { line.append((current.character, current.count)) }
        // Trailing empty sixels say nothing.
        while let last = line.last, last.0 == 63 { line.removeLast() }
        for (character, count) in line {
          let glyph = String(UnicodeScalar(character))
          out += count > 3 ? "!\(count)\(glyph)" : String(repeating: glyph, count: count)
        }
      }
      out += "-"
      band += 6
    }
    return out + "\u{1B}\\"
  }
}
