import Benchmarks
import ArgumentParser
import Dashboard
import Export
import Foundation
import Losses
import TerminalUI
import Canvas
import TerminalInput
import Pixels

extension LossScope {
  /// `lossscope snapshot`: one frame of the dashboard, rendered without a terminal.
  struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render one dashboard frame as text (for slides, scripts and tests).")

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: "Frame size as COLSxROWS.")
    var size = "120x40"

    @Option(help: "Keys to apply first, e.g. \"right right t\".")
    var keys = ""

    @Option(help: "text, ansi, svg or html.")
    var format: SnapshotFormat?

    @Flag(help: "Colour the frame with ANSI escape codes (the same as --format ansi).")
    var ansi = false

    /// The format asked for: --format, or ansi for --ansi.
    var resolvedFormat: SnapshotFormat { format ?? (ansi ? .ansi : .text) }

    @Option(
      help:
        "Graphics: braille, block or ascii (default: braille where the locale is UTF-8, else ascii)."
    )
    var symbols: SymbolSet?

    @Option(help: "Colour theme for --ansi, by name (see `lossscope themes`).")
    var theme: String?

    @Option(name: .customLong("themes-dir"), help: "Look for themes in this folder first.")
    var themesDir: String?

    @Option(help: "The view: dashboard, compare or landscape.")
    var view: DashboardView?

    @Option(
      help:
        "Plots as images too: kitty or sixel, written after the ANSI frame over the plots' cells (cells: text only, the default)."
    )
    var graphics: GraphicsProtocol = .cells

    @Option(name: .customLong("cell-size"), help: "A cell's size in pixels for --graphics, WxH.")
    var cellSize = "10x20"

    @Option(help: "A recording to take the state from (with --event).")
    var from: String?

    @Option(
      help:
        "With --from: the state after this many actions (keys, ticks, measurements; counted from 1, 0: the start)."
    )
    var event: Int?

    func validate() throws {
      _ = try Snapshot.parseSize(size)
      if event != nil && from == nil { throw ValidationError("--event needs --from FILE") }
      if ansi, let format, format != .ansi {
        throw ValidationError(
          "--ansi is --format ansi; it cannot be combined with --format \(format.rawValue)")
      }
      if let event, event < 0 { throw ValidationError("--event must not be negative") }
      if graphics != .cells, let format, format != .ansi {
        throw ValidationError(
          "--graphics \(graphics.rawValue) writes an ANSI frame; leave out --format")
      }
      _ = try Snapshot.parseCellSize(cellSize)
    }

    func run() throws {
      try reportingFailures {
        let (width, height) = try Snapshot.parseSize(size)
        let catalog = ThemeCatalog(themesDirectory: themesDir)
        if let theme {
          do { _ = try catalog.theme(named: theme) } catch let problem as ThemeProblem {
            throw BadData(description: problem.description)
          }
        }
        var state: DashboardState
        if let from {
          // The recording's theme (or --theme instead), with its T presses, as it was live.
          let timeline = try LossScope.loadTimeline(from, catalog: catalog, theme: theme).timeline
          if let event, event > timeline.steps.count {
            throw ValidationError(
              "--event \(event) is past the end: \(from) has \(timeline.steps.count) actions")
          }
          state = timeline.state(afterSteps: event ?? timeline.steps.count)
        } else {
          state = try scenario.dashboardState(theme: catalog.index(of: theme ?? "default"))
        }
        let script: [Key]
        do { script = try Key.script(keys) } catch let error as KeyScriptError {
          throw BadData(description: error.description)
        }
        state = state.viewed(in: view, presenting: false)
        // The keys go through the step as the live dashboard takes them; a measurement they ask
        // for runs here, to completion, so the slide shows results (a replayed one is shown as
        // it was measured), and T says which theme it chose, as live.
        let derived = Derived()
        func send(_ input: Input) {
          let (next, effects) = step(state, input, derived: derived)
          state = next
          for effect in effects {
            switch effect {
            case .startMeasurement(let batch, let classes):
              send(.measurement(VocabularyBenchmark.measure(batch: batch, classes: classes)))
            case .changeTheme(let index):
              send(.notice(Input.themeNotice(catalog.theme(at: index).name)))
            case .copyToClipboard, .writeFrame, .addMarker, .quit:
              break
            }
          }
        }
        let glyphs = symbols ?? DisplayOptions.localeSymbols()
        for key in script {
          send(.pressing(key, width: width, height: height, symbols: glyphs))
        }
        let format = resolvedFormat
        // Plain text has no colours: no theme file is read for it.
        let colors = format == .text ? Theme.standard : catalog.theme(at: state.themeIndex)
        if graphics != .cells {
          let cell = try Snapshot.parseCellSize(cellSize)
          let (frame, images) = Frame.render(
            state, width: width, height: height, symbols: glyphs, colorRamp: colors.hasRamp,
            derived: derived,
            pixels: PixelOptions(theme: colors, cellWidth: cell.0, cellHeight: cell.1))
          try StandardStreams.writeOutput(
            Snapshot.withImages(
              AnsiText.render(frame, theme: colors), images, graphics, height: height))
          return
        }
        let frame = Frame.render(
          state, width: width, height: height, symbols: symbols ?? DisplayOptions.localeSymbols(),
          colorRamp: format != .text && colors.hasRamp, derived: derived)
        let title = Frame.pictureTitle(state, derived: derived)
        // Pictures in vectors: the plots as SVG paths, circles and rectangles, not braille.
        let still = Frame.render(
          state, width: width, height: height, symbols: glyphs, colorRamp: colors.hasRamp,
          derived: derived, pixels: SVGFrame.pixels(for: colors))
        switch format {
        case .text: try writeLine(frame.plainText)
        case .ansi: try writeLine(AnsiText.render(frame, theme: colors))
        case .svg:
          try StandardStreams.writeOutput(
            SVGFrame.document(still.canvas, theme: colors, title: title, images: still.images))
        case .html:
          try StandardStreams.writeOutput(
            HTMLFrame.document(still.canvas, theme: colors, title: title, images: still.images))
        }
      }
    }

    /// `"10x20"` as (10, 20): a cell's pixels.
    static func parseCellSize(_ text: String) throws -> (Int, Int) {
      try parsePair(
        text, widths: 2...256, heights: 4...512,
        "--cell-size must be WxH in pixels, e.g. 10x20")
    }

    /// `"AxB"` as (A, B), each in its range, or the message as a usage error.
    static func parsePair(
      _ text: String, widths: ClosedRange<Int>, heights: ClosedRange<Int>, _ message: String
    ) throws -> (Int, Int) {
      let parts = text.lowercased().split(separator: "x")
      guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
        widths.contains(width), heights.contains(height)
      else { throw ValidationError(message) }
      return (width, height)
    }

    /// The ANSI frame, then each image placed over its cells, counted from where the frame
    /// starts (the cursor saved there), so the output shows right wherever it is printed.
    static func withImages(
      _ ansi: String, _ images: [PlotImage], _ graphics: GraphicsProtocol, height: Int
    ) -> String {
      func down(_ n: Int) -> String { n > 0 ? "\u{1B}[\(n)B" : "" }
      func right(_ n: Int) -> String { n > 0 ? "\u{1B}[\(n)C" : "" }
      var out = "\r\u{1B}7" + ansi
      for (index, image) in images.enumerated() {
        out += "\u{1B}8" + down(image.rect.y) + right(image.rect.x)
        let raster = Rasteriser.draw(image.picture)
        switch graphics {
        case .kitty:
          let id = UInt32(index + 1)
          out +=
            KittyEncoder.transmit(raster, id: id)
            + KittyEncoder.place(id: id, columns: image.rect.width, rows: image.rect.height)
        case .sixel: out += SixelEncoder.encode(raster)
        case .cells: break
        }
      }
      return out + "\u{1B}8" + down(height - 1) + "\n"
    }

    /// `"120x40"` as (120, 40).
    static func parseSize(_ text: String) throws -> (Int, Int) {
      try parsePair(
        text, widths: 1...1000, heights: 1...500,
        "--size must be COLSxROWS, e.g. 120x40 (at most 1000x500)")
    }
  }
}

extension SymbolSet: ExpressibleByArgument {}
extension GraphicsProtocol: ExpressibleByArgument {}

/// What `snapshot` prints.
enum SnapshotFormat: String, CaseIterable, ExpressibleByArgument {
  case text, ansi, svg, html
}
