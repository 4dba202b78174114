import Canvas
import Dashboard
import Pixels

/// How a terminal shows pictures: the kitty graphics protocol, sixel, or not at all.
public enum GraphicsProtocol: String, CaseIterable, Sendable {
  case kitty, sixel, cells
}

/// `--graphics`: ask the terminal (`auto`), or say.
public enum GraphicsChoice: String, CaseIterable, Sendable {
  case auto, kitty, sixel, cells

  /// The protocol a session draws with. `auto` takes what the terminal said (kitty over sixel).
  /// Inside tmux, DA1 is tmux's own: a tmux built with sixel says `4` and draws sixel itself,
  /// while kitty's images would need passthrough, so there only sixel is used; inside screen,
  /// cells. Sixel needs the cell size in pixels (its images are not scaled to cells).
  public func resolve(_ report: TerminalReport?, environment: [String: String]) -> GraphicsProtocol
  {
    switch self {
    case .cells: return .cells
    case .kitty: return .kitty
    case .sixel: return report?.cellSize == nil ? .cells : .sixel
    case .auto:
      guard let report, report.answered else { return .cells }
      let term = environment["TERM"] ?? ""
      let tmux = environment["TMUX"] != nil || term.hasPrefix("tmux")
      let screen = environment["STY"] != nil || (term.hasPrefix("screen") && !tmux)
      guard !screen else { return .cells }
      if tmux { return report.sixel && report.cellSize != nil ? .sixel : .cells }
      if report.kittyGraphics { return .kitty }
      if report.sixel, report.cellSize != nil { return .sixel }
      return .cells
    }
  }
}

/// What to write after a frame's cells so its plots show as images: a pure state machine.
///
/// Kitty: each plot has an image id (1, 2, … in drawing order); a picture that changed is sent
/// again under its id and placed, one that only moved is placed again, one that is gone is
/// deleted, and an unchanged one costs nothing (a logit nudge replaces the curve's image, not
/// the screen). Sixel: an image is part of the screen, so it is sent again when its picture
/// changed, when it moved, when the frame was drawn whole, or when a cell under it changed.
/// Every write saves and restores the cursor, so curses' idea of it stays true.
public struct ImageWriter: Sendable {
  public let graphics: GraphicsProtocol
  private var shown: [PlotImage] = []

  public init(_ graphics: GraphicsProtocol) { self.graphics = graphics }

  /// The bytes for a frame's images.
  ///
  /// - Parameters:
  ///   - images: The frame's images, in drawing order.
  ///   - fullRedraw: Whether the cells were drawn whole (a resize, a theme).
  ///   - touched: Whether any cell in a rectangle changed in this frame's cells.
  /// - Returns: The escape sequences, the cursor saved before and restored after them.
  public mutating func frame(
    _ images: [PlotImage], fullRedraw: Bool, touched: (Rect) -> Bool
  ) -> String {
    defer { shown = images }
    var out = ""
    switch graphics {
    case .cells:
      return ""
    case .kitty:
      for (index, image) in images.enumerated() {
        let id = UInt32(index + 1)
        let before = index < shown.count ? shown[index] : nil
        let send = before?.picture != image.picture
        let move = send || before?.rect != image.rect
        if send { out += KittyEncoder.transmit(Rasteriser.draw(image.picture), id: id) }
        if move {
          out +=
            Self.move(to: image.rect)
            + KittyEncoder.place(id: id, columns: image.rect.width, rows: image.rect.height)
        }
      }
      for index in images.count..<max(images.count, shown.count) {
        out += KittyEncoder.delete(id: UInt32(index + 1))
      }
    case .sixel:
      for (index, image) in images.enumerated() {
        let before = index < shown.count ? shown[index] : nil
        guard fullRedraw || before != image || touched(image.rect) else { continue }
        // The cells under it erased first in the picture's background (ECH), so nothing of the
        // image before shows through the new one's transparent background.
        let paper = image.picture.background
        out += "\u{1B}[48;2;\(paper.r);\(paper.g);\(paper.b)m"
        for row in image.rect.y..<image.rect.maxY {
          out += "\u{1B}[\(row + 1);\(image.rect.x + 1)H\u{1B}[\(image.rect.width)X"
        }
        out +=
          "\u{1B}[0m" + Self.move(to: image.rect)
          + SixelEncoder.encode(Rasteriser.draw(image.picture), transparent: paper)
      }
    }
    return out.isEmpty ? "" : "\u{1B}7" + out + "\u{1B}8"
  }

  /// Where a sixel image was and is no more: its pixels stay on the screen until the cells
  /// there are written again, so the backend writes them (kitty's images are deleted instead).
  public func stale(_ images: [PlotImage]) -> [Rect] {
    guard graphics == .sixel else { return [] }
    let now = Set(images.map(\.rect))
    return shown.map(\.rect).filter { !now.contains($0) }
  }

  /// Everything shown removed (quitting, suspending): kitty's images deleted; sixel's go with
  /// the screen.
  public mutating func clear() -> String {
    defer { shown = [] }
    return graphics == .kitty && !shown.isEmpty ? KittyEncoder.deleteAll : ""
  }

  /// The cursor to a rectangle's top-left cell (CUP counts from 1).
  static func move(to rect: Rect) -> String { "\u{1B}[\(rect.y + 1);\(rect.x + 1)H" }
}
