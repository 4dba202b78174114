import Dashboard
import Canvas

/// A frame as one self-contained HTML page: the SVG of ``SVGFrame`` inline, on the theme's
/// background, with nothing fetched from anywhere.
public enum HTMLFrame {
  /// The page.
  ///
  /// - Parameters:
  ///   - canvas: The frame.
  ///   - theme: Its colours.
  ///   - title: The page's title.
  ///   - images: The plots as pictures, drawn as vectors (``SVGFrame/document(_:theme:title:images:)``).
  /// - Returns: The page, UTF-8 text.
  public static func document(
    _ canvas: Canvas, theme: Theme, title: String, images: [PlotImage] = []
  ) -> String {
    let palette = SVGPalette(theme: theme)
    return page(
      title: title, background: palette.canvas,
      body: SVGFrame.document(canvas, theme: theme, title: title, images: images))
  }

  /// An HTML5 page around a body.
  static func page(title: String, background: String, body: String, script: String = "") -> String {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      + "<title>\(SVGFrame.escaped(title))</title>\n"
      + "<style>body{margin:0;padding:12px;background:\(background);color:#888;"
      + "font-family:\(SVGFrame.fontFamily)}svg{max-width:100%;height:auto;display:block}</style>\n"
      + "</head>\n<body>\n" + body + script + "</body>\n</html>\n"
  }
}
