import Canvas
import TerminalInput
/// What a place on the screen stands for when the mouse touches it.
///
/// Widgets register these as they lay out (``RenderContext/region(_:_:)``), so where a click
/// lands is decided by the very geometry that is drawn, never by a second copy of the layout.
public enum HitTarget: Equatable, Sendable {
  /// A class's row (softmax bars, pipeline table): a click selects the class.
  case classRow(Int)
  /// A class's probability bar, `width` cells from column `x`: pressing or dragging sets the
  /// class's probability to the fraction of the bar left of the pointer.
  case bar(class: Int, x: Int, width: Int)
  /// A plot whose x-axis is `p_y` from 0 at its left edge to 1 at its right: pressing or
  /// dragging sets the target's probability.
  case probabilityAxis
  /// The landscape's plot: pressing or dragging puts the point at the pixel under the pointer.
  case landscape(LandscapeWindow, columns: Int, pixelRows: Int)
  /// A hotkey shown on screen (a panel title, the key bar): a click presses it.
  case key(Key)
  /// A compare-view legend row: a click highlights its curve.
  case curveLegend(ComparedLoss)
}

/// A rectangle of the screen and what it stands for.
public struct HitRegion: Equatable, Sendable {
  public var rect: Rect
  public var target: HitTarget

  public init(_ rect: Rect, _ target: HitTarget) {
    self.rect = rect
    self.target = target
  }

  public func contains(column: Int, row: Int) -> Bool {
    column >= rect.x && column < rect.maxX && row >= rect.y && row < rect.maxY
  }
}

/// The regions a frame's widgets register, in the order they lay out: a later region wins where
/// they overlap. One per frame, filled as it is laid out.
final class HitMap {
  var regions: [HitRegion] = []
}
