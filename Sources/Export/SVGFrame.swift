import Dashboard
import Canvas

/// A frame as SVG: one `<text>` run per span of cells in one style, on the theme's colours, with
/// the frame's plain text as the picture's description for screen readers and search.
///
/// The coordinates are in cells: a cell is ``cellWidth`` × ``cellHeight`` units and the
/// `viewBox` is the frame's columns × rows of them. Every run is stretched to its exact width
/// (`textLength`), so box drawing and braille line up whatever monospace font the viewer has;
/// the heatmap's half blocks are drawn as two rectangles, exactly.
public enum SVGFrame {
  public static let cellWidth = 10
  public static let cellHeight = 20
  /// The font stack: each has braille and box drawing.
  public static let fontFamily = "\"DejaVu Sans Mono\", Menlo, Consolas, monospace"

  /// A whole SVG document of one frame.
  ///
  /// - Parameters:
  ///   - canvas: The frame.
  ///   - theme: Its colours.
  ///   - title: The picture's title (its accessible name).
  ///   - images: The plots as pictures (``Frame/render(_:width:height:symbols:colorRamp:derived:titleReserve:pixels:)``
  ///     at 10×20 units a cell), drawn as vectors over their cells; none: the plots are text.
  /// - Returns: The document, UTF-8 text.
  public static func document(
    _ canvas: Canvas, theme: Theme, title: String, images: [PlotImage] = []
  ) -> String {
    let palette = SVGPalette(theme: theme)
    let width = canvas.width * cellWidth, height = canvas.height * cellHeight
    var out = header(width: width, height: height, title: title, description: canvas.plainText)
    out += "<style>\(style)</style>\n"
    out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(palette.canvas)\"/>\n"
    for row in 0..<canvas.height {
      out += "<g transform=\"translate(0 \(row * cellHeight))\">"
      out += line(canvas, row: row, palette: palette)
      out += "</g>\n"
    }
    for image in images { out += SVGPicture.elements(image) }
    return out + "</svg>\n"
  }

  /// What a frame is drawn from for an SVG or HTML still: its plots as vectors where its symbols
  /// allow (ASCII stays text).
  public static func pixels(for theme: Theme) -> PixelOptions {
    PixelOptions(theme: theme, cellWidth: cellWidth, cellHeight: cellHeight)
  }

  /// The CSS every export shares.
  static let style =
    "text{font-family:\(fontFamily);font-size:16.5px;white-space:pre}.b{font-weight:bold}"
    + ".u{text-decoration:underline}"

  /// The `<svg>` element's opening, `<title>` and `<desc>`.
  static func header(width: Int, height: Int, title: String, description: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
      + "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"t d\" "
      + "xml:space=\"preserve\">\n"
      + "<title id=\"t\">\(escaped(title))</title>\n<desc id=\"d\">\(escaped(description))</desc>\n"
  }

  /// One row of cells at y = 0: its backgrounds, then its text runs.
  static func line(_ canvas: Canvas, row: Int, palette: SVGPalette) -> String {
    var out = ""
    let cells = (0..<canvas.width).map { canvas[$0, row] }
    // A row has a handful of styles: each one's colours are looked up once.
    var known: [Style: (foreground: String, background: String)] = [:]
    func coloursOf(_ style: Style) -> (foreground: String, background: String) {
      if let found = known[style] { return found }
      let made = palette.colours(style)
      known[style] = made
      return made
    }
    // Backgrounds that differ from the canvas, one rectangle per run of a colour; half blocks
    // as two rectangles.
    var column = 0
    while column < cells.count {
      let cell = cells[column]
      let colours = coloursOf(cell.style)
      if cell.character == "▀" {
        // A run of half blocks: its upper halves, then its lower halves, each colour's run as
        // one rectangle.
        var end = column
        while end < cells.count, cells[end].character == "▀" { end += 1 }
        for (y, upper) in [(0, true), (cellHeight / 2, false)] {
          var start = column
          while start < end {
            let fill =
              upper
              ? coloursOf(cells[start].style).foreground
              : coloursOf(cells[start].style).background
            var stop = start + 1
            while stop < end {
              let next = coloursOf(cells[stop].style)
              guard (upper ? next.foreground : next.background) == fill else { break }
              stop += 1
            }
            out += rect(start, stop - start, y, cellHeight / 2, fill)
            start = stop
          }
        }
        column = end
        continue
      }
      var end = column + 1
      while end < cells.count, cells[end].character != "▀",
        coloursOf(cells[end].style).background == colours.background
      {
        end += 1
      }
      if colours.background != palette.canvas {
        out += rect(column, end - column, 0, cellHeight, colours.background)
      }
      column = end
    }
    // Text: runs of one style, blanks and half blocks left out.
    column = 0
    while column < cells.count {
      let style = cells[column].style
      var end = column + 1
      while end < cells.count, cells[end].style == style, cells[end].character != "▀" { end += 1 }
      let text = String(cells[column..<end].map(\.character))
      let trimmed = text.trimmingTrailingSpaces
      if cells[column].character != "▀", !trimmed.allSatisfy({ $0 == " " }) {
        let colours = coloursOf(style)
        var classes: [String] = []
        if style.bold { classes.append("b") }
        if style.underline { classes.append("u") }
        out +=
          "<text x=\"\(column * cellWidth)\" y=\"15\" textLength=\"\(trimmed.count * cellWidth)\" "
          + "lengthAdjust=\"spacingAndGlyphs\" fill=\"\(colours.foreground)\""
          + (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")
          + ">\(escaped(trimmed))</text>"
      }
      column = end
    }
    return out
  }

  private static func rect(_ column: Int, _ columns: Int, _ y: Int, _ height: Int, _ fill: String)
    -> String
  {
    "<rect x=\"\(column * cellWidth)\" y=\"\(y)\" width=\"\(columns * cellWidth)\" "
      + "height=\"\(height)\" fill=\"\(fill)\"/>"
  }

  /// Text made safe inside XML: `&`, `<`, `>` and quotes as entities; control characters (which
  /// XML 1.0 forbids) as `U+FFFD`.
  public static func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
          || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}

extension String {
  var trimmingTrailingSpaces: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
