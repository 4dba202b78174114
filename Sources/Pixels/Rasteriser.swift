import Foundation

/// Draws a ``Picture`` into an ``RGBAImage``: a pure function, anti-aliased by coverage.
///
/// Hand-written rather than Cairo through a C module: the pictures are a few polylines, discs
/// and rectangles on a few hundred thousand pixels, and a pure Swift function is the same on
/// every machine (Linux, macOS), needs no system library, and is tested pixel by pixel. Each
/// shape's coverage of a pixel is the fraction of the pixel's centre distance inside the shape's
/// edge (`clamp(w/2 + ½ − d, 0, 1)` for a line `w` wide at distance `d`), taken as the largest
/// over a line's segments so a joint is not drawn twice, then blended over what is there.
public enum Rasteriser {
  public static func draw(_ picture: Picture) -> RGBAImage {
    var image = RGBAImage(width: picture.width, height: picture.height, fill: picture.background)
    for shape in picture.shapes {
      switch shape {
      case .polyline(let points, let width, let color, let dash):
        polyline(points, width: width, color: color, dash: dash, on: &image)
      case .disc(let center, let radius, let fill, let outline, let outlineWidth):
        disc(center, radius: radius, color: outline, on: &image)
        disc(center, radius: max(0, radius - outlineWidth), color: fill, on: &image)
      case .rectangle(let x, let y, let width, let height, let color):
        rectangle(x: x, y: y, width: width, height: height, color: color, on: &image)
      }
    }
    return image
  }

  /// A line's coverage, pixel by pixel near each segment (the largest over segments, so a
  /// joint is not drawn twice); then one blend per touched pixel.
  static func polyline(
    _ points: [Picture.Point], width: Double, color: RGB, dash: Picture.Dash?,
    on image: inout RGBAImage
  ) {
    let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
    guard !finite.isEmpty, width > 0, image.width > 0, image.height > 0 else { return }
    let half = width / 2
    let margin = half + 1
    // Coverage of the pixels this line touches, by index, and the order they were touched.
    var coverage: [Int: Double] = [:]
    coverage.reserveCapacity(finite.count * Int(width + 3) * 3)
    var travelled = 0.0
    let segments =
      finite.count == 1 ? [(finite[0], finite[0])] : Array(zip(finite, finite.dropFirst()))
    for (a, b) in segments {
      let dx = b.x - a.x, dy = b.y - a.y
      let length = (dx * dx + dy * dy).squareRoot()
      let x0 = max(0, Int(floor(min(a.x, b.x) - margin)))
      let x1 = min(image.width - 1, Int(ceil(max(a.x, b.x) + margin)))
      let y0 = max(0, Int(floor(min(a.y, b.y) - margin)))
      let y1 = min(image.height - 1, Int(ceil(max(a.y, b.y) + margin)))
      if x0 <= x1, y0 <= y1 {
        for y in y0...y1 {
          for x in x0...x1 {
            let px = Double(x) + 0.5, py = Double(y) + 0.5
            // The nearest point of the segment, as a fraction along it.
            let t =
              length > 0
              ? min(1, max(0, ((px - a.x) * dx + (py - a.y) * dy) / (length * length))) : 0
            let nx = a.x + t * dx - px, ny = a.y + t * dy - py
            var value = min(1, max(0, half + 0.5 - (nx * nx + ny * ny).squareRoot()))
            guard value > 0 else { continue }
            if let dash, dash.on + dash.off > 0 {
              let along = (travelled + t * length).truncatingRemainder(
                dividingBy: dash.on + dash.off)
              if along > dash.on { value = 0 }
            }
            let index = y * image.width + x
            if value > coverage[index, default: 0] { coverage[index] = value }
          }
        }
      }
      travelled += length
    }
    for (index, value) in coverage {
      image.blend(x: index % image.width, y: index / image.width, color: color, coverage: value)
    }
  }

  static func disc(_ center: Picture.Point, radius: Double, color: RGB, on image: inout RGBAImage) {
    guard radius > 0, center.x.isFinite, center.y.isFinite else { return }
    let x0 = max(0, Int(floor(center.x - radius - 1)))
    let x1 = min(image.width - 1, Int(ceil(center.x + radius + 1)))
    let y0 = max(0, Int(floor(center.y - radius - 1)))
    let y1 = min(image.height - 1, Int(ceil(center.y + radius + 1)))
    guard x0 <= x1, y0 <= y1 else { return }
    for y in y0...y1 {
      for x in x0...x1 {
        let dx = Double(x) + 0.5 - center.x, dy = Double(y) + 0.5 - center.y
        let distance = (dx * dx + dy * dy).squareRoot()
        image.blend(x: x, y: y, color: color, coverage: min(1, max(0, radius + 0.5 - distance)))
      }
    }
  }

  static func rectangle(
    x: Double, y: Double, width: Double, height: Double, color: RGB, on image: inout RGBAImage
  ) {
    guard width > 0, height > 0, x.isFinite, y.isFinite else { return }
    let x0 = max(0, Int(floor(x))), x1 = min(image.width - 1, Int(ceil(x + width)) - 1)
    let y0 = max(0, Int(floor(y))), y1 = min(image.height - 1, Int(ceil(y + height)) - 1)
    guard x0 <= x1, y0 <= y1 else { return }
    // Whole-pixel edges (the heatmap's cells): every pixel fully covered, written as it is.
    if x == x.rounded(), y == y.rounded(), width == width.rounded(), height == height.rounded() {
      image.fill(x0: x0, x1: x1, y0: y0, y1: y1, color: color)
      return
    }
    for py in y0...y1 {
      let cover = min(Double(py + 1), y + height) - max(Double(py), y)
      for px in x0...x1 {
        let across = min(Double(px + 1), x + width) - max(Double(px), x)
        image.blend(x: px, y: py, color: color, coverage: max(0, across) * max(0, cover))
      }
    }
  }
}
