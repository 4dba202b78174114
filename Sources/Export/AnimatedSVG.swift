import Dashboard

/// A recording as one animated SVG: every frame side by side on a strip that CSS keyframes move
/// past the view, a frame at a time, looping. No script, so it plays where SVG is an image (a
/// README, a slide).
///
/// Each distinct row of cells is drawn once (`<defs>`) and placed by `<use>` wherever a frame
/// shows it: most rows do not change from one frame to the next, so the file stays small.
public enum AnimatedSVG {
  /// The document.
  ///
  /// - Parameters:
  ///   - film: The frames and their times, in the colours they were written in.
  ///   - title: The picture's title.
  /// - Returns: The SVG text.
  public static func document(_ film: RecordingFrames, title: String) -> String {
    let rows = film.rows
    guard !film.shots.isEmpty else { return "" }
    let (palette, width, height) = (rows.palette, rows.width, rows.height)
    let lastText = film.lastText
    var out = SVGFrame.header(
      width: width, height: height, title: title,
      description: "An animation of \(film.shots.count) frames, \(seconds(film.duration)) long, "
        + "looping. Its last frame:\n" + lastText)
    out += "<style>\(SVGFrame.style)"
    out += "#film{animation:play \(seconds(film.duration)) steps(1,end) infinite}"
    out += "@keyframes play{"
    for (index, shot) in film.shots.enumerated() {
      let percent = film.duration > 0 ? shot.start / film.duration * 100 : 0
      out += "\(percentText(percent)){transform:translateX(\(-index * width)px)}"
    }
    out += "100%{transform:translateX(\(-(film.shots.count - 1) * width)px)}}</style>\n"
    out += "<defs>\n" + rows.definitions + "</defs>\n"
    out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(palette.canvas)\"/>\n"
    out += "<g id=\"film\">\n"
    for (index, shot) in film.shots.enumerated() {
      out += "<g transform=\"translate(\(index * width) 0)\">"
      for (row, id) in shot.rows.enumerated() {
        out += "<use href=\"#r\(id)\" y=\"\(row * SVGFrame.cellHeight)\"/>"
      }
      // The plots in vectors, over their blank cells.
      for id in shot.pictures { out += "<use href=\"#p\(id)\"/>" }
      out += "</g>\n"
    }
    return out + "</g>\n</svg>\n"
  }

  static func seconds(_ value: Double) -> String {
    String(format: "%.3fs", value)
  }

  static func percentText(_ value: Double) -> String {
    String(format: "%.4f%%", min(max(value, 0), 100))
  }
}
