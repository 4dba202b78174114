import Foundation
import FoundationXML
import Testing
import Dashboard
import TerminalInput

/// Pictures and demos through the real binary: SVG and HTML frames, demo scripts recorded
/// deterministically, recordings exported as an animated SVG and an HTML player, and (where
/// Chromium is installed) both opened in a real browser.
@Suite struct ExportCommandTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func temporary(_ name: String) -> String {
    NSTemporaryDirectory() + "lossscope-export-\(UUID().uuidString)-\(name)"
  }

  /// Parses XML; the parser's error, or `nil` when well-formed.
  static func xmlError(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse()
      ? nil : "\(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)"
  }

  static let demo = """
    # A short demo
    Set Size 100x30
    Set State "v1;z=2,1,0.1;y=0"
    Caption "Cross-entropy of [2, 1, 0.1]"
    Sleep 500ms
    Key right x3
    Marker "logit 0 up"
    Key space
    Sleep 400ms
    Key space
    Key v
    Caption "the compare view"
    Sleep 300ms
    """

  /// Writes the demo script and records it; returns the recording's path.
  static func recordDemo() throws -> (tape: String, cast: String) {
    let tape = temporary("demo.tape"), cast = temporary("demo.cast")
    try demo.write(toFile: tape, atomically: true, encoding: .utf8)
    let result = try Binary.run(["record", cast, "--script", tape])
    #expect(result.status == 0, "\(result.stderr)")
    return (tape, cast)
  }

  @Test func aFrameAsSVGIsWellFormedAndReadable() throws {
    let svg = try Binary.run([
      "snapshot", "--format", "svg", "--logits", "2,1,0.1", "--target", "0",
    ])
    #expect(svg.status == 0)
    #expect(Self.xmlError(svg.stdout) == nil, "\(Self.xmlError(svg.stdout) ?? "")")
    #expect(svg.stdout.contains("viewBox=\"0 0 1200 800\""), "120×40 cells of 10×20")
    #expect(
      svg.stdout.contains("<title id=\"t\">LossScope: cross-entropy, loss 0.4170 (mean)</title>"))
    #expect(svg.stdout.contains("<desc id=\"d\">"))
    #expect(svg.stdout.contains(">loss 0.4170"), "the loss is selectable text")
    #expect(svg.stdout.contains("DejaVu Sans Mono"))
    let html = try Binary.run([
      "snapshot", "--format", "html", "--view", "landscape", "--theme", "light",
    ])
    #expect(html.status == 0)
    #expect(Self.xmlError(html.stdout) == nil, "\(Self.xmlError(html.stdout) ?? "")")
    #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(html.stdout.contains("<svg") && html.stdout.contains("background:#ffffff"))
    let both = try Binary.run(["snapshot", "--ansi", "--format", "svg"])
    #expect(both.status == 64)
    let ansi = try Binary.run(["snapshot", "--format", "ansi"])
    #expect(ansi.stdout == (try Binary.run(["snapshot", "--ansi"])).stdout)
  }

  /// The compare view as SVG draws its curves as vectors: in each of its two plots one path per
  /// curve in that curve's colour (and the sample's dashed line), the points as circles, and no
  /// braille character anywhere; the text stays text.
  @Test func aCompareFrameAsSVGHasAPathPerCurve() throws {
    let svg = try Binary.run(["snapshot", "--format", "svg", "--view", "compare"])
    #expect(svg.status == 0)
    #expect(Self.xmlError(svg.stdout) == nil, "\(Self.xmlError(svg.stdout) ?? "")")
    let braille = svg.stdout.unicodeScalars.filter { (0x2800...0x28FF).contains($0.value) }
    #expect(braille.isEmpty, "\(braille.count) braille characters")
    // The default theme's five series colours.
    for colour in ["#56b4e9", "#e69f00", "#009e73", "#d55e00", "#cc79a7"] {
      let paths = svg.stdout.components(separatedBy: "<path ").dropFirst().filter {
        $0.prefix(while: { $0 != ">" }).contains("stroke=\"\(colour)\"")
      }
      #expect(paths.count == 2, "\(colour): \(paths.count) paths, one in each plot")
    }
    #expect(svg.stdout.components(separatedBy: "<circle ").count - 1 == 10, "five points a plot")
    #expect(svg.stdout.contains(">at p_y = 0.6590"), "the legend is text")
  }

  @Test func aScriptRecordsTheSameBytesEveryTimeAndPlays() throws {
    let (tape, cast) = try Self.recordDemo()
    let again = Self.temporary("again.cast")
    defer { for path in [tape, cast, again] { try? FileManager.default.removeItem(atPath: path) } }
    #expect(try Binary.run(["record", again, "--script", tape]).status == 0)
    let first = try Data(contentsOf: URL(fileURLWithPath: cast))
    #expect(first == (try Data(contentsOf: URL(fileURLWithPath: again))), "byte for byte")
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.contains("\"c\", \"the compare view\"]"), "captions are recorded")
    #expect(text.contains("\"m\", \"logit 0 up\"]"))
    #expect(text.contains("\"t\", \"\"]"), "continuous descent ticked during the Sleep")
    let played = try Binary.run(["play", cast, "--headless"])
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stdout.contains("compare view") && played.stdout.contains("the compare view"))
    // The live replay of the script itself ends on the same frame.
    let snapshot = try Binary.run(["snapshot", "--from", cast, "--size", "100x30"])
    #expect(snapshot.stdout == played.stdout)
  }

  @Test func aBadScriptLineIsNamedAndNothingIsWritten() throws {
    let tape = Self.temporary("bad.tape"), cast = Self.temporary("bad.cast")
    defer { try? FileManager.default.removeItem(atPath: tape) }
    try "Key right\nKey rigth\n".write(toFile: tape, atomically: true, encoding: .utf8)
    let result = try Binary.run(["record", cast, "--script", tape])
    #expect(result.status == 65)
    #expect(result.stderr.contains("\(tape):2: unknown key \"rigth\""), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: cast))
    let play = try Binary.run(["play", "--script", tape, "--headless"])
    #expect(play.status == 65)
  }

  @Test func theShippedDemosAreTheLessonsScriptsAndRecord() throws {
    let folder = Self.repository.appendingPathComponent("docs/demos")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".tape") }.sorted()
    #expect(files.count >= 4)
    for file in files {
      let id = String(file.dropLast(5))
      let printed = try Binary.run(["lessons", "--tape", id])
      let shipped = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(printed.stdout == shipped, "docs/demos/\(file) is `lossscope lessons --tape \(id)`")
      let cast = Self.temporary("\(id).cast")
      defer { try? FileManager.default.removeItem(atPath: cast) }
      let recorded = try Binary.run([
        "record", cast, "--script", folder.appendingPathComponent(file).path,
      ])
      #expect(recorded.status == 0, "\(file): \(recorded.stderr)")
      // One marker per step, labelled with its title: the HTML player's chapter list is the
      // lesson's steps.
      let lesson = try #require(LessonCatalog.lesson(id))
      let html = Self.temporary("\(id).html")
      defer { try? FileManager.default.removeItem(atPath: html) }
      #expect(try Binary.run(["export", cast, html]).status == 0)
      let page = try String(contentsOfFile: html, encoding: .utf8)
      #expect(Self.chapters(page) == lesson.steps.map(\.title), "\(file)")
    }
    #expect(files.count == LessonCatalog.all.count - 1, "every lesson but large-vocab has a demo")
    #expect(try Binary.run(["lessons", "--tape", "large-vocab"]).status == 65)
  }

  /// The chapter labels of an exported HTML player, from its data (`const C=[…];`).
  static func chapters(_ page: String) -> [String]? {
    guard let start = page.range(of: "const C="),
      let end = page[start.upperBound...].range(of: "];")
    else { return nil }
    let json = String(page[start.upperBound..<end.lowerBound]) + "]"
    guard let items = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    else { return nil }
    return items.compactMap { $0["label"] as? String }
  }

  @Test func aRecordingExportsAsAnimatedSVGAndAPlayerWithEveryFramesLoss() throws {
    let (tape, cast) = try Self.recordDemo()
    let svg = Self.temporary("film.svg"), html = Self.temporary("film.html")
    defer {
      for path in [tape, cast, svg, html] { try? FileManager.default.removeItem(atPath: path) }
    }
    #expect(try Binary.run(["export", cast, svg]).status == 0)
    #expect(try Binary.run(["export", cast, html]).status == 0)
    let film = try String(contentsOfFile: svg, encoding: .utf8)
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(Self.xmlError(film) == nil, "\(Self.xmlError(film) ?? "")")
    #expect(Self.xmlError(page) == nil, "\(Self.xmlError(page) ?? "")")
    #expect(film.contains("@keyframes play") && !film.contains("<script"))
    #expect(page.contains("<script>"))
    #expect(!page.contains("src=") && !page.contains("<link"), "nothing is fetched")
    // Every state the recording passes through shows its loss as text in both.
    let played = try Binary.run(["play", cast, "--headless"])
    #expect(played.status == 0)
    var losses = Set<String>()
    for event in 0...40 {
      let frame = try Binary.run([
        "snapshot", "--from", cast, "--event", String(event), "--size", "100x30",
      ])
      guard frame.status == 0 else { break }
      if let loss = SessionCommandTests.number(after: "loss ", in: frame.stdout) {
        losses.insert(loss)
      }
    }
    #expect(losses.count >= 5, "\(losses)")
    for loss in losses {
      #expect(film.contains("loss \(loss)"), "the SVG has loss \(loss)")
      #expect(page.contains("loss \(loss)"), "the HTML has loss \(loss)")
    }
    // Never over an existing file; --overwrite replaces it.
    let refused = try Binary.run(["export", cast, svg])
    #expect(refused.status == 1 && refused.stderr.contains("already exists"))
    #expect(try Binary.run(["export", cast, svg, "--overwrite", "--size", "80x24"]).status == 0)
    #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("viewBox=\"0 0 800 480\""))
    // One still per marker.
    let stills = Self.temporary("still.svg")
    #expect(try Binary.run(["export", cast, stills, "--frames", "markers"]).status == 0)
    let still = String(stills.dropLast(4)) + "-1.svg"
    defer { try? FileManager.default.removeItem(atPath: still) }
    #expect(Self.xmlError(try String(contentsOfFile: still, encoding: .utf8)) == nil)
  }

  /// The pictures in a real browser: headless Chromium draws an exported frame and the player
  /// opened at a marker, and its DOM shows the player went there.
  @Test(
    .enabled(
      if: ExportCommandTests.chromium != nil, "Chromium is not installed (apt-get install chromium)"
    ))
  func chromiumShowsTheFrameAndThePlayerAtAMarker() throws {
    let browser = try #require(Self.chromium)
    let (tape, cast) = try Self.recordDemo()
    let html = Self.temporary("player.html"), svg = Self.temporary("frame.svg")
    let shots = [Self.temporary("frame.png"), Self.temporary("player.png")]
    defer {
      for path in [tape, cast, html, svg] + shots {
        try? FileManager.default.removeItem(atPath: path)
      }
    }
    #expect(try Binary.run(["export", cast, html]).status == 0)
    let frame = try Binary.run(["snapshot", "--format", "svg", "--view", "landscape"])
    try frame.stdout.write(toFile: svg, atomically: true, encoding: .utf8)
    let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    for (page, shot) in zip(["file://\(svg)", "file://\(html)#marker=1"], shots) {
      let result = try Binary.run(
        flags + ["--window-size=1240,900", "--screenshot=\(shot)", page], executable: browser)
      #expect(result.status == 0, "\(result.stderr.suffix(400))")
      let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
      #expect(size > 20_000, "\(shot): \(size) bytes, a blank page is smaller")
    }
    // The DOM after the player's script ran: paused at the marker's chapter (the action it
    // follows, the third key: 0.5 s of Sleep, then keys at 0.5, 0.6 and 0.7 s), its rows placed.
    let dom = try Binary.run(
      flags + ["--dump-dom", "file://\(html)#marker=1"], executable: browser)
    #expect(dom.stdout.contains("<span id=\"clock\">00:00.7 / "), "\(dom.stdout.suffix(2000))")
    #expect(dom.stdout.contains("<use href=\"#r"))
    #expect(dom.stdout.contains(">play</button>"), "paused at the marker")
  }

  static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
