/// The part of the plane of two logits the landscape view shows: the target's logit across,
/// the second logit up.
///
/// The window stays put while the point moves inside it, so a descent path is drawn on a still
/// picture; it is centred again on the point only when the point leaves it, the slice changes
/// (another second logit, another target) or the zoom changes.
public struct LandscapeWindow: Equatable, Sendable {
  /// The centre: the target's logit and the second logit.
  public var centre: SIMD2<Float>
  /// Half the window's height in logits; its width follows from the plot's shape, so a logit
  /// is as long across as up (pixels are square) and the arrow points where the gradient does.
  public var halfHeight: Float

  public static let defaultHalfHeight: Float = 4
  public static let halfHeightRange: ClosedRange<Float> = 0.25...64

  public init(centre: SIMD2<Float>, halfHeight: Float = LandscapeWindow.defaultHalfHeight) {
    self.centre = centre
    self.halfHeight = halfHeight
  }

  /// Half the width for a plot of `columns × pixelRows` square pixels.
  public func halfWidth(columns: Int, pixelRows: Int) -> Float {
    halfHeight * Float(columns) / Float(max(1, pixelRows))
  }

  /// The target's logit at the centre of pixel column `i` of `columns`.
  public func x(column i: Int, columns: Int, pixelRows: Int) -> Float {
    let h = halfWidth(columns: columns, pixelRows: pixelRows)
    return centre.x - h + (Float(i) + 0.5) / Float(columns) * 2 * h
  }

  /// The second logit at the centre of pixel row `j` of `pixelRows` (row 0 at the top).
  public func y(row j: Int, pixelRows: Int) -> Float {
    centre.y + halfHeight - (Float(j) + 0.5) / Float(pixelRows) * 2 * halfHeight
  }

  /// Whether a point lies inside the window's height and a width of `aspect × height`.
  func contains(_ point: SIMD2<Float>, aspect: Float = LandscapeWindow.typicalAspect) -> Bool {
    abs(point.y - centre.y) <= halfHeight && abs(point.x - centre.x) <= halfHeight * aspect
  }

  /// The narrowest width-to-height ratio of a landscape plot (its pixels are square, and it is
  /// never narrower than tall from 80×24 up): a point inside this square is on screen.
  static let typicalAspect: Float = 1
}
