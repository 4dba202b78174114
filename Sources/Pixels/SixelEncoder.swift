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
    palette(image.packed, maximum: maximum).map(unpack)
  }

  static func palette(_ pixels: [UInt32], maximum: Int) -> [UInt32] {
    var counts: [UInt32: Int] = [:]
    // Runs of one colour (a plot is mostly background) are counted at once.
    var index = 0
    while index < pixels.count {
      var end = index + 1
      while end < pixels.count, pixels[end] == pixels[index] { end += 1 }
      counts[pixels[index], default: 0] += end - index
      index = end
    }
    return counts.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
      .prefix(max(1, min(256, maximum))).map(\.key)
  }

  static func unpack(_ c: UInt32) -> RGB {
    RGB(UInt8(c >> 16 & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c & 0xFF))
  }

  /// Each pixel's register: its colour's, or the nearest register's.
  static func indices(_ pixels: [UInt32], palette: [UInt32]) -> [UInt8] {
    var lookup: [UInt32: UInt8] = [:]
    for (index, color) in palette.enumerated() { lookup[color] = UInt8(index) }
    var out = [UInt8](repeating: 0, count: pixels.count)
    var last: UInt32 = pixels.first.map { $0 ^ 1 } ?? 0
    var lastIndex: UInt8 = 0
    for i in pixels.indices {
      let color = pixels[i]
      if color != last {
        if let found = lookup[color] {
          lastIndex = found
        } else {
          let rgb = unpack(color)
          let nearest =
            palette.indices.min {
              distance(unpack(palette[$0]), rgb) < distance(unpack(palette[$1]), rgb)
            }
            ?? 0
          lookup[color] = UInt8(nearest)
          lastIndex = UInt8(nearest)
        }
        last = color
      }
      out[i] = lastIndex
    }
    return out
  }

  static func distance(_ a: RGB, _ b: RGB) -> Int {
    let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
    return dr * dr + dg * dg + db * db
  }

  /// The whole sequence: DCS, raster attributes (square pixels, the image's size), the palette
  /// (`#n;2;r;g;b` in percent), the bands, ST. Pixels of the `transparent` colour are not drawn
  /// (DCS P2 = 1 leaves them as the screen has them): a plot's background is the cells' own,
  /// exactly, not its nearest percent.
  public static func encode(
    _ image: RGBAImage, maximum: Int = 256, transparent: RGB? = nil
  ) -> String {
    let pixels = image.packed
    let palette = palette(pixels, maximum: maximum)
    let index = indices(pixels, palette: palette)
    let width = image.width
    let skipped =
      transparent.flatMap { color in
        palette.firstIndex(of: UInt32(color.r) << 16 | UInt32(color.g) << 8 | UInt32(color.b))
      } ?? -1
    var out: [UInt8] = []
    out.reserveCapacity(pixels.count / 4)
    func append(_ text: String) { out.append(contentsOf: text.utf8) }
    append("\u{1B}P0;1;0q\"1;1;\(width);\(image.height)")
    func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }
    for (n, packed) in palette.enumerated() {
      let color = unpack(packed)
      append("#\(n);2;\(percent(color.r));\(percent(color.g));\(percent(color.b))")
    }
    // Per band: each register's sixels across the band, built in one pass over its pixels.
    var rows = [[UInt8]](repeating: [], count: palette.count)
    var band = 0
    while band < image.height {
      let height = min(6, image.height - band)
      var used: [Int] = []
      for r in 0..<height {
        let base = (band + r) * width
        for x in 0..<width {
          let register = Int(index[base + x])
          if rows[register].isEmpty {
            rows[register] = [UInt8](repeating: 0, count: width)
            used.append(register)
          }
          rows[register][x] |= 1 << r
        }
      }
      used.sort()
      for register in used where register == skipped { rows[register] = [] }
      used.removeAll { $0 == skipped }
      for (position, register) in used.enumerated() {
        if position > 0 { out.append(UInt8(ascii: "$")) }
        append("#\(register)")
        let bits = rows[register]
        // Trailing empty sixels say nothing.
        var end = width
        while end > 0, bits[end - 1] == 0 { end -= 1 }
        var x = 0
        while x < end {
          var run = x + 1
          while run < end, bits[run] == bits[x] { run += 1 }
          let character = 63 + bits[x]
          let count = run - x
          if count > 3 {
            append("!\(count)")
            out.append(character)
          } else {
            for _ in 0..<count { out.append(character) }
          }
          x = run
        }
        rows[register] = []
      }
      out.append(UInt8(ascii: "-"))
      band += 6
    }
    append("\u{1B}\\")
    return String(decoding: out, as: UTF8.self)
  }
}
