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
    bytes = [UInt8](repeating: 255, count: self.width * self.height * 4)
    for index in 0..<(self.width * self.height) {
      bytes[4 * index] = fill.r
      bytes[4 * index + 1] = fill.g
      bytes[4 * index + 2] = fill.b
    }
  }

  /// The colour at a pixel (alpha aside).
  public subscript(x: Int, y: Int) -> RGB {
    let index = 4 * (y * width + x)
    return RGB(bytes[index], bytes[index + 1], bytes[index + 2])
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
