import Foundation
import Pixels
import Testing

@Suite struct RasteriserTests {
  static let black = RGB(0, 0, 0), white = RGB(255, 255, 255)

  /// A horizontal line 2 px wide through y = 10 covers rows 9 and 10 fully, and nothing two
  /// rows away; its ends are round-capped by half the width.
  @Test func aLineCoversItsWidth() {
    let picture = Picture(
      width: 40, height: 20, background: Self.black,
      shapes: [.polyline([.init(5, 10), .init(35, 10)], width: 2, color: Self.white, dash: nil)])
    let image = Rasteriser.draw(picture)
    for x in 6..<34 {
      #expect(image[x, 9] == Self.white && image[x, 10] == Self.white, "x \(x)")
      #expect(image[x, 7] == Self.black && image[x, 12] == Self.black)
    }
    #expect(image[1, 10] == Self.black && image[38, 10] == Self.black)
  }

  /// Anti-aliased: a sloped line has pixels between the two colours, and each row's coverage
  /// sums to the line's width over the sine of its slope.
  @Test func aSlopedLineIsAntiAliased() {
    let picture = Picture(
      width: 50, height: 40, background: Self.black,
      shapes: [.polyline([.init(0, 0), .init(50, 37)], width: 3, color: Self.white, dash: nil)])
    let image = Rasteriser.draw(picture)
    let greys = Set((0..<40).flatMap { y in (0..<50).map { image[$0, y].r } }).filter {
      $0 != 0 && $0 != 255
    }
    #expect(greys.count > 10)
    let across = 3 / sin(atan(37.0 / 50))
    for y in 8..<30 {
      let sum = (0..<50).reduce(0.0) { $0 + Double(image[$1, y].r) / 255 }
      #expect(abs(sum - across) < 0.3, "row \(y): \(sum), expected \(across)")
    }
  }

  /// A disc's area is πr² and its outline is the outline's colour.
  @Test func aDiscHasItsAreaAndItsOutline() {
    let picture = Picture(
      width: 40, height: 40, background: Self.black,
      shapes: [
        .disc(
          center: .init(20, 20), radius: 8, fill: RGB(255, 0, 0), outline: Self.white,
          outlineWidth: 2)
      ])
    let image = Rasteriser.draw(picture)
    var area = 0.0
    for y in 0..<40 {
      for x in 0..<40 {
        let p = image[x, y]
        area += Double(max(p.r, p.g, p.b)) / 255
      }
    }
    #expect(abs(area - Double.pi * 64) < 3, "\(area)")
    #expect(image[20, 20] == RGB(255, 0, 0))
    #expect(image[20, 13] == Self.white, "the outline, 7 px up")
  }

  /// A dashed line leaves gaps of its pattern.
  @Test func aDashedLineHasGaps() {
    let picture = Picture(
      width: 60, height: 10, background: Self.black,
      shapes: [
        .polyline(
          [.init(0, 5), .init(60, 5)], width: 2, color: Self.white,
          dash: .init(on: 6, off: 4))
      ])
    let image = Rasteriser.draw(picture)
    #expect(image[2, 5] == Self.white && image[8, 5] == Self.black && image[12, 5] == Self.white)
  }
}

@Suite struct EncoderTests {
  /// A plot-like picture: two anti-aliased curves and a disc on a dark background.
  static func plot() -> RGBAImage {
    var points: [Picture.Point] = []
    for x in stride(from: 0.0, through: 120, by: 2) {
      points.append(.init(x, 40 + 30 * sin(x / 15)))
    }
    let picture = Picture(
      width: 120, height: 80, background: RGB(0x2E, 0x34, 0x40),
      shapes: [
        .polyline(points, width: 2, color: RGB(0x56, 0xB4, 0xE9), dash: nil),
        .polyline(
          points.map { .init($0.x, 80 - $0.y) }, width: 2, color: RGB(0xE6, 0x9F, 0x00),
          dash: .init(on: 6, off: 3)),
        .disc(
          center: .init(60, 40), radius: 6, fill: RGB(0xEB, 0xCB, 0x8B),
          outline: RGB(0xEC, 0xEF, 0xF4), outlineWidth: 1.5),
      ])
    return Rasteriser.draw(picture)
  }

  /// The sixel decodes to the raster as its palette quantises it: every pixel is its register's
  /// colour, to the percent the registers are written in (at most 2 off a channel), and the
  /// registers are the raster's own colours, so the quantisation itself is small on a plot.
  @Test func theSixelDecodesToTheRaster() throws {
    let image = Self.plot()
    let palette = SixelEncoder.palette(image)
    #expect(palette.count <= 256)
    let sequence = SixelEncoder.encode(image)
    let decoded = try SixelDecoder.decode(sequence)
    #expect(decoded.width == image.width && decoded.height == image.height)
    var worst = 0
    var quantisation = 0.0
    for y in 0..<image.height {
      for x in 0..<image.width {
        let a = image[x, y], b = decoded[x, y]
        let register = palette.min { d($0, a) < d($1, a) }!
        worst = max(
          worst, abs(Int(register.r) - Int(b.r)), abs(Int(register.g) - Int(b.g)),
          abs(Int(register.b) - Int(b.b)))
        quantisation += Double(d(register, a)).squareRoot()
      }
    }
    #expect(worst <= 2, "worst channel difference from the register \(worst)")
    // With the background transparent, its pixels are left as they were.
    let background = RGB(0x2E, 0x34, 0x40)
    let see = try SixelDecoder.decode(
      SixelEncoder.encode(image, transparent: background), fill: RGB(1, 2, 3))
    #expect(see[0, 0] == RGB(1, 2, 3) && image[0, 0] == background)
    #expect(see[60, 40] == decoded[60, 40], "the point is drawn")
    let mean = quantisation / Double(image.width * image.height)
    #expect(mean < 1, "mean distance to the raster \(mean)")
    // Run-length encoded: less than the raw RGB.
    #expect(sequence.utf8.count < image.width * image.height * 3)
  }

  func d(_ a: RGB, _ b: RGB) -> Int {
    let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
    return dr * dr + dg * dg + db * db
  }

  /// With more colours than registers, every pixel takes its nearest register.
  @Test func aSixelOfManyColoursKeepsTheMostFrequent() throws {
    var image = RGBAImage(width: 64, height: 12, fill: RGB(0, 0, 0))
    for x in 0..<64 {
      for y in 0..<12 {
        image.blend(x: x, y: y, color: RGB(UInt8(x * 4), 0, UInt8(y * 20)), coverage: 1)
      }
    }
    let palette = SixelEncoder.palette(image, maximum: 16)
    #expect(palette.count == 16)
    let decoded = try SixelDecoder.decode(SixelEncoder.encode(image, maximum: 16))
    #expect(decoded.width == 64 && decoded.height == 12)
  }

  /// The kitty payload is the raster: base64 chunks of at most 4096 bytes, inflated by zlib to
  /// exactly the image's RGB bytes.
  @Test func theKittyPayloadRoundTrips() throws {
    let image = Self.plot()
    let sequence = KittyEncoder.transmit(image, id: 7)
    let chunks = sequence.components(separatedBy: "\u{1B}\\").filter { !$0.isEmpty }
    #expect(chunks.first?.hasPrefix("\u{1B}_Ga=t,f=24,o=z,q=2,i=7,s=120,v=80,") == true)
    var payload = ""
    for (index, chunk) in chunks.enumerated() {
      let parts = chunk.split(separator: ";", maxSplits: 1)
      #expect(parts.count == 2)
      #expect(parts[0].hasSuffix("m=\(index == chunks.count - 1 ? 0 : 1)"))
      #expect(parts[1].utf8.count <= KittyEncoder.chunk)
      payload += parts[1]
    }
    let data = try #require(Data(base64Encoded: payload))
    let bytes = try #require(KittyEncoder.inflate(data, expected: image.rgb.count))
    #expect(bytes == image.rgb)
    #expect(
      KittyEncoder.place(id: 7, columns: 30, rows: 10).contains("a=p,q=2,i=7,p=1,c=30,r=10,C=1"))
  }
}
