/// An RGBA image, 8 bits a channel, rows top to bottom: what the rasteriser draws and the
/// encoders send.
public struct RGBAImage: Equatable, Sendable {
  public let width: Int
  public let height: Int
  /// `width × height × 4` bytes: red, green, blue, alpha per pixel.
  public private(set) var bytes: [UInt8]

  /// An image filled with one colour.
  public init(width: Int, height: Int, fill: RGB) {
    self.width = max(0, width)
    self.height = max(0, height)
    let pixel: [UInt8] = [fill.r, fill.g, fill.b, 255]
    bytes = [UInt8](repeating: 0, count: self.width * self.height * 4)
    bytes.withUnsafeMutableBufferPointer { buffer in
      for index in 0..<(self.width * self.height) {
        buffer[4 * index] = pixel[0]
        buffer[4 * index + 1] = pixel[1]
        buffer[4 * index + 2] = pixel[2]
        buffer[4 * index + 3] = 255
      }
    }
  }

  /// Each pixel's colour packed as `0xRRGGBB`, row by row.
  public var packed: [UInt32] {
    var out = [UInt32](repeating: 0, count: width * height)
    bytes.withUnsafeBufferPointer { b in
      for i in 0..<(width * height) {
        out[i] = UInt32(b[4 * i]) << 16 | UInt32(b[4 * i + 1]) << 8 | UInt32(b[4 * i + 2])
      }
    }
    return out
  }

  /// The colour at a pixel (alpha aside).
  public subscript(x: Int, y: Int) -> RGB {
    let index = 4 * (y * width + x)
    return RGB(bytes[index], bytes[index + 1], bytes[index + 2])
  }

  /// Sets the pixels of a rectangle, both ends included, to a colour.
  public mutating func fill(x0: Int, x1: Int, y0: Int, y1: Int, color: RGB) {
    let width = self.width
    bytes.withUnsafeMutableBufferPointer { b in
      for y in y0...y1 {
        for x in x0...x1 {
          let i = 4 * (y * width + x)
          b[i] = color.r
          b[i + 1] = color.g
          b[i + 2] = color.b
        }
      }
    }
  }

  /// The image without alpha: `width × height × 3` bytes.
  public var rgb: [UInt8] {
    var out = [UInt8](repeating: 0, count: width * height * 3)
    bytes.withUnsafeBufferPointer { b in
      for i in 0..<(width * height) {
        out[3 * i] = b[4 * i]
        out[3 * i + 1] = b[4 * i + 1]
        out[3 * i + 2] = b[4 * i + 2]
      }
    }
    return out
  }

  /// Lays `color` over a pixel with a coverage from 0 (none) to 1 (all); outside, nothing.
  public mutating func blend(x: Int, y: Int, color: RGB, coverage: Double) {
    guard x >= 0, y >= 0, x < width, y < height, coverage > 0 else { return }
    let a = min(1, coverage)
    let index = 4 * (y * width + x)
    func mix(_ old: UInt8, _ new: UInt8) -> UInt8 {
      UInt8((Double(old) * (1 - a) + Double(new) * a).rounded())
    }
    bytes[index] = mix(bytes[index], color.r)
    bytes[index + 1] = mix(bytes[index + 1], color.g)
    bytes[index + 2] = mix(bytes[index + 2], color.b)
  }
}

/// A colour, 8 bits a channel.
public struct RGB: Hashable, Sendable {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8

  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }
}
