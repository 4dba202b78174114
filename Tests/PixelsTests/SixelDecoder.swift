import Pixels

/// A sixel decoder for the tests, written from DEC's description (not from the encoder): DCS
/// parameters, raster attributes, colour registers in percent, `#` to choose a register, `!`
/// repeats, `$` back to the band's start, `-` the next band.
enum SixelDecoder {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func decode(_ text: String, fill: RGB = RGB(0, 0, 0)) throws -> RGBAImage {
    var scalars = Array(text.unicodeScalars)
    guard scalars.count >= 4, scalars[0] == "\u{1B}", scalars[1] == "P" else {
      throw Failure(description: "no DCS")
    }
    guard scalars.suffix(2) == ["\u{1B}", "\\"] else { throw Failure(description: "no ST") }
    scalars = Array(scalars.dropLast(2))
    guard let q = scalars.firstIndex(of: "q") else { throw Failure(description: "no q") }
    var i = q + 1
    func number() -> Int {
      var value = 0
      while i < scalars.count, let digit = Int(String(scalars[i])) {
        value = value * 10 + digit
        i += 1
      }
      return value
    }
    func numbers() -> [Int] {
      var out = [number()]
      while i < scalars.count, scalars[i] == ";" {
        i += 1
        out.append(number())
      }
      return out
    }
    guard i < scalars.count, scalars[i] == "\"" else { throw Failure(description: "no raster") }
    i += 1
    let raster = numbers()
    guard raster.count == 4 else { throw Failure(description: "raster \(raster)") }
    var image = RGBAImage(width: raster[2], height: raster[3], fill: fill)
    var registers: [Int: RGB] = [:]
    var current = 0
    var x = 0, band = 0
    func put(_ bits: UInt8, count: Int) throws {
      guard let color = registers[current] else {
        throw Failure(description: "register \(current)")
      }
      for _ in 0..<count {
        for r in 0..<6 where bits & (1 << r) != 0 && x < image.width && band + r < image.height {
          image.blend(x: x, y: band + r, color: color, coverage: 1)
        }
        x += 1
      }
    }
    while i < scalars.count {
      let c = scalars[i]
      switch c {
      case "#":
        i += 1
        let values = numbers()
        if values.count == 5 {
          guard values[1] == 2 else { throw Failure(description: "not RGB") }
          func channel(_ p: Int) -> UInt8 { UInt8((Double(p) * 255 / 100).rounded()) }
          registers[values[0]] = RGB(channel(values[2]), channel(values[3]), channel(values[4]))
        } else {
          current = values[0]
        }
      case "!":
        i += 1
        let count = number()
        guard i < scalars.count else { throw Failure(description: "cut repeat") }
        try put(UInt8(scalars[i].value - 63), count: count)
        i += 1
      case "$":
        x = 0
        i += 1
      case "-":
        x = 0
        band += 6
        i += 1
      default:
        guard (63...126).contains(c.value) else { throw Failure(description: "byte \(c.value)") }
        try put(UInt8(c.value - 63), count: 1)
        i += 1
      }
    }
    return image
  }
}
