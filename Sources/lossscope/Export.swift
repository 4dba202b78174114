import ArgumentParser
import Dashboard
import Export
import Foundation
import TerminalUI
import Canvas
import Replay

extension LossScope {
  /// `lossscope export FILE.cast OUT.svg|OUT.html`: a recording re-rendered as a picture.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Re-render a recording through the dashboard as an animated SVG, or one HTML page with a player.",
      discussion:
        "OUT.svg loops with CSS animation (no script); OUT.html has play/pause, a seek bar with the markers as chapters, steps and speed, and works opened from disk. --frames markers writes one SVG per marker instead."
    )

    @Argument(help: "A recording made by `lossscope record` (asciicast v2 or v3).")
    var recording: String

    @Argument(help: "The file to write: .svg or .html.")
    var output: String

    @Option(help: "Frame size as COLSxROWS (default: the recording's).")
    var size: String?

    @Option(help: "Colour theme by name (default: the recording's).")
    var theme: String?

    @Option(name: .customLong("themes-dir"), help: "Look for themes in this folder first.")
    var themesDir: String?

    @OptionGroup var timing: ReplayTiming

    @Option(help: "markers: one SVG still per marker (OUT-1.svg, OUT-2.svg, …) instead of a film.")
    var frames: FrameSelection?

    @Option(help: "Graphics: braille, block or ascii.")
    var symbols: SymbolSet = .braille

    @Flag(help: "Replace OUT if it exists and is a regular file.")
    var overwrite = false

    enum FrameSelection: String, ExpressibleByArgument { case markers }

    func validate() throws {
      guard output.hasSuffix(".svg") || output.hasSuffix(".html") else {
        throw ValidationError("OUT must end in .svg or .html")
      }
      if frames != nil && !output.hasSuffix(".svg") {
        throw ValidationError("--frames markers writes SVG stills: OUT must end in .svg")
      }
      if let size { _ = try Snapshot.parseSize(size) }
    }

    func run() throws {
      try reportingFailures {
        let catalog = ThemeCatalog(themesDirectory: themesDir)
        let (header, timeline) = try LossScope.loadTimeline(
          recording, catalog: catalog, theme: theme)
        // The film starts in --theme or the recording's theme, which must exist here.
        do { _ = try catalog.theme(named: theme ?? header.theme) } catch let problem
          as ThemeProblem
        {
          throw BadData(description: problem.description)
        }
        let (width, height) = try size.map(Snapshot.parseSize) ?? (header.width, header.height)
        let colors = catalog.cycle()
        do {
          if frames == .markers {
            try writeStills(timeline, width: width, height: height, theme: colors)
            return
          }
          let film = try RecordingFrames(
            timeline, width: width, height: height, theme: colors, speed: timing.speed,
            idleTimeLimit: timing.idleTimeLimit, symbols: symbols)
          let title = "LossScope: \(recording)"
          let text =
            output.hasSuffix(".html")
            ? HTMLPlayer.document(film, title: title)
            : AnimatedSVG.document(film, title: title)
          try OutputFile.write(text, to: output, overwrite: overwrite)
          printError(
            "wrote \(output): \(film.shots.count) frames, \(Playback.clockText(film.duration)), "
              + "\(film.chapters.count) chapters, \(text.utf8.count / 1024) KiB")
        } catch let error as ExportError {
          throw RecordingFailure(description: error.message)
        }
      }
    }

    /// One still per marker: OUT-1.svg, OUT-2.svg, ….
    private func writeStills(
      _ timeline: Timeline, width: Int, height: Int, theme: (Int) -> Theme
    ) throws {
      let stills = RecordingFrames.markerStates(timeline)
      guard !stills.isEmpty else {
        throw BadData(description: "\(recording) has no markers (press m while recording)")
      }
      let base = String(output.dropLast(4))
      for (index, still) in stills.enumerated() {
        let path = "\(base)-\(index + 1).svg"
        let colors = theme(still.state.themeIndex)
        // The plots as vectors, as `snapshot --format svg` draws them.
        let (canvas, images) = Frame.render(
          still.state, width: width, height: height, symbols: symbols, colorRamp: colors.hasRamp,
          pixels: SVGFrame.pixels(for: colors))
        try OutputFile.write(
          SVGFrame.document(
            canvas, theme: colors, title: "\(Frame.pictureTitle(still.state)) — \(still.label)",
            images: images),
          to: path, overwrite: overwrite)
        printError("wrote \(path): \(still.label)")
      }
    }
  }
}
