/// What a plot looks like in pixels, as a value: its size, its background and the shapes drawn
/// on it in order. Two equal pictures rasterise to the same image, so a front end re-sends an
/// image only when its picture changes.
public struct Picture: Equatable, Sendable {
  /// A shape, in pixel coordinates (x right, y down, pixel centres at half-integers).
  public enum Shape: Equatable, Sendable {
    /// A line through the points, `width` pixels wide, anti-aliased; `dash` (on, off) in pixels
    /// along the line makes it dashed.
    case polyline([Point], width: Double, color: RGB, dash: Dash?)
    /// A filled disc with an outline of `outlineWidth` pixels.
    case disc(center: Point, radius: Double, fill: RGB, outline: RGB, outlineWidth: Double)
    /// A filled rectangle.
    case rectangle(x: Double, y: Double, width: Double, height: Double, color: RGB)
  }

  /// A point in pixels.
  public struct Point: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// A dash pattern: pixels drawn, then pixels left out, along the line.
  public struct Dash: Equatable, Sendable {
    public var on: Double
    public var off: Double
    public init(on: Double, off: Double) {
      self.on = on
      self.off = off
    }
  }

  public var width: Int
  public var height: Int
  public var background: RGB
  public var shapes: [Shape]

  public init(width: Int, height: Int, background: RGB, shapes: [Shape] = []) {
    self.width = width
    self.height = height
    self.background = background
    self.shapes = shapes
  }
}
