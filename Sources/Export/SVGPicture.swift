import Dashboard
import Pixels

/// A plot's picture as SVG elements, so a slide stays crisp at any zoom: lines as `<path>`,
/// discs as `<circle>`, the heatmap as `<rect>`s (a row's run of one colour as one). The
/// picture's pixels are the frame's units (its cells are ``SVGFrame/cellWidth`` ×
/// ``SVGFrame/cellHeight``), so it sits over its cells with a translation.
enum SVGPicture {
  static func elements(_ image: PlotImage) -> String {
    let picture = image.picture
    var out =
      "<g transform=\"translate(\(image.rect.x * SVGFrame.cellWidth) "
      + "\(image.rect.y * SVGFrame.cellHeight))\">"
    out +=
      "<rect width=\"\(picture.width)\" height=\"\(picture.height)\" "
      + "fill=\"\(hex(picture.background))\"/>"
    var pending: (x: Double, y: Double, width: Double, height: Double, color: RGB)?
    func flush() {
      guard let run = pending else { return }
      out +=
        "<rect x=\"\(number(run.x))\" y=\"\(number(run.y))\" width=\"\(number(run.width))\" "
        + "height=\"\(number(run.height))\" fill=\"\(hex(run.color))\"/>"
      pending = nil
    }
    for shape in picture.shapes {
      if case .rectangle(let x, let y, let width, let height, let color) = shape {
        if let run = pending, run.y == y, run.height == height, run.color == color,
          abs(run.x + run.width - x) < 1e-9
        {
          pending = (run.x, y, run.width + width, height, color)
        } else {
          flush()
          pending = (x, y, width, height, color)
        }
        continue
      }
      flush()
      switch shape {
      case .polyline(let points, let width, let color, let dash):
        guard let first = points.first else { continue }
        var d = "M\(number(first.x)) \(number(first.y))"
        for point in points.dropFirst() { d += "L\(number(point.x)) \(number(point.y))" }
        out +=
          "<path d=\"\(d)\" fill=\"none\" stroke=\"\(hex(color))\" "
          + "stroke-width=\"\(number(width))\" stroke-linecap=\"round\" stroke-linejoin=\"round\""
          + (dash.map { " stroke-dasharray=\"\(number($0.on)) \(number($0.off))\"" } ?? "") + "/>"
      case .disc(let center, let radius, let fill, let outline, let outlineWidth):
        out +=
          "<circle cx=\"\(number(center.x))\" cy=\"\(number(center.y))\" "
          + "r=\"\(number(max(0, radius - outlineWidth / 2)))\" fill=\"\(hex(fill))\" "
          + "stroke=\"\(hex(outline))\" stroke-width=\"\(number(outlineWidth))\"/>"
      case .rectangle:
        break
      }
    }
    flush()
    return out + "</g>\n"
  }

  static func hex(_ c: RGB) -> String {
    let digits = Array("0123456789abcdef")
    return "#" + String([c.r, c.g, c.b].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  /// Two decimals at most, no trailing zeros.
  static func number(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let rounded = (x * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }
}
