import Dashboard
import Canvas

/// Every distinct row of a film's frames as SVG, numbered in the order first seen, with the
/// film's size in SVG units and its colours. Most rows do not change from one frame to the
/// next, so a frame is mostly numbers of rows already written.
///
/// Each frame is written in its own theme (a session's `T`); the film is painted in the first
/// one's canvas colour, and a frame in another theme draws its own.
public struct RowBook: Sendable {
  /// The first frame's colours: what the film is painted on.
  let palette: SVGPalette
  /// The colours of the frame being added.
  private var current: SVGPalette
  /// The film's size in SVG units.
  let width: Int
  let height: Int
  /// The rows' SVG, by number.
  private(set) var rows: [String] = []
  private var index: [String: Int] = [:]
  /// The bytes of SVG held.
  private(set) var bytes = 0
  /// The plots' pictures as SVG (``SVGPicture``), each distinct one once, by number.
  private(set) var pictures: [String] = []
  private var pictureIndex: [String: Int] = [:]
  /// The bytes of the pictures held (films draw their plots in vectors up to a budget).
  private(set) var pictureBytes = 0

  init(width: Int, height: Int, theme: Theme) {
    palette = SVGPalette(theme: theme)
    current = palette
    self.width = width * SVGFrame.cellWidth
    self.height = height * SVGFrame.cellHeight
  }

  /// The last frame added and its rows' numbers: a row whose cells did not change keeps its
  /// number without being written as SVG again (most rows of a frame are the last frame's).
  private var previous: (canvas: Canvas, ids: [Int])?

  /// Adds a frame's rows (those not seen before) in a theme; returns their numbers, top to
  /// bottom.
  mutating func add(_ canvas: Canvas, theme: Theme) -> [Int] {
    var sameColours = true
    if theme != current.theme {
      current = SVGPalette(theme: theme, under: palette.canvas)
      sameColours = false
    }
    let palette = current
    let ids = (0..<canvas.height).map { row in
      if sameColours, let previous, previous.canvas.width == canvas.width,
        row < previous.ids.count
      {
        let cells = (row * canvas.width)..<((row + 1) * canvas.width)
        if previous.canvas.cells[cells] == canvas.cells[cells] { return previous.ids[row] }
      }
      let line = SVGFrame.line(canvas, row: row, palette: palette)
      if let id = index[line] { return id }
      index[line] = rows.count
      rows.append(line)
      bytes += line.utf8.count
      return rows.count - 1
    }
    previous = (canvas, ids)
    return ids
  }

  /// Adds a frame's plots as vector pictures (those not seen before); returns their numbers.
  mutating func add(_ images: [PlotImage]) -> [Int] {
    images.map { image in
      let svg = SVGPicture.elements(image)
      if let id = pictureIndex[svg] { return id }
      pictureIndex[svg] = pictures.count
      pictures.append(svg)
      pictureBytes += svg.utf8.count
      bytes += svg.utf8.count
      return pictures.count - 1
    }
  }

  /// `<g id="rN">…</g>` for every row, then `<g id="pN">…</g>` for every picture.
  var definitions: String {
    rows.enumerated().map { "<g id=\"r\($0.offset)\">\($0.element)</g>\n" }.joined()
      + pictures.enumerated().map { "<g id=\"p\($0.offset)\">\($0.element)</g>\n" }.joined()
  }
}
