import ArgumentParser
import Dashboard
import Foundation
import TerminalUI
import Asciicast
import Replay

extension LossScope {
  /// `lossscope play FILE`: replays a recording's inputs through the dashboard.
  struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Replay a recording through the dashboard: pause, step, jump to markers, change speed.",
      discussion:
        "Keys: space pause, . / , one input forward / back, ] / [ next / previous marker, + / - speed, q quit."
    )

    @Argument(help: "An asciicast v2 or v3 file made by `lossscope record`.")
    var file: String?

    @OptionGroup var timing: ReplayTiming

    @Flag(help: "Print the final frame as text and exit.")
    var headless = false

    @Option(help: "Frame size for --headless, as COLSxROWS (default: the recording's size).")
    var size: String?

    @Option(
      help:
        "Play a demo script (.tape) instead of a recording, as `record --script` would record it.")
    var script: String?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
      if let size { _ = try Snapshot.parseSize(size) }
      guard (file == nil) != (script == nil) else {
        throw ValidationError("play takes a recording FILE or --script FILE.tape, one of them")
      }
    }

    func run() throws {
      try reportingFailures {
        let catalog = display.catalog()
        let timeline: (header: AsciicastHeader, timeline: Timeline)
        if let script {
          let scripted = try LossScope.runScript(script, size: nil, display: display)
          do {
            timeline = (
              scripted.header,
              try Timeline(scripted.recording, theme: catalog.index(of: scripted.header.theme))
            )
          } catch let error as AsciicastError {
            throw BadData(description: "\(script): \(error.message)")
          }
        } else {
          timeline = try LossScope.loadTimeline(
            file ?? "", catalog: catalog, theme: display.startingTheme)
        }
        if headless {
          let (width, height) =
            try size.map(Snapshot.parseSize) ?? (timeline.header.width, timeline.header.height)
          let derived = Derived()
          let state = timeline.timeline.state(
            afterSteps: timeline.timeline.steps.count, derived: derived
          ).viewed(in: display.view, presenting: display.present)
          try writeLine(
            Frame.render(
              state, width: width, height: height, symbols: display.resolvedSymbols(),
              derived: derived
            ).plainText)
          return
        }
        try requireTerminal(
          "play needs a terminal (stdin and stdout); use --headless for the final frame as text")
        let playback = Playback(
          timeline.timeline, idleTimeLimit: timing.idleTimeLimit, speed: timing.speed)
        let report = display.askTerminal()
        let app = PlaybackApp(
          playback: playback, themes: catalog, symbols: display.resolvedSymbols(),
          colorChoice: display.color, appearance: display.appearance(report),
          present: display.present,
          view: display.view,
          graphics: display.graphics.resolve(
            report, environment: ProcessInfo.processInfo.environment),
          cellSize: report?.cellSize)
        do { try app.run() } catch let error as TerminalError {
          throw BadData(description: error.description)
        }
      }
    }
  }

  /// Reads a recording and builds its timeline; warnings (a truncated last line) go to stderr.
  ///
  /// - Parameters:
  ///   - file: The recording.
  ///   - catalog: The themes `T` cycles through.
  ///   - theme: The theme to start in instead of the header's (`--theme`).
  /// - Returns: The header and the timeline.
  /// - Throws: ``BadData`` naming the file and line.
  static func loadTimeline(_ file: String, catalog: ThemeCatalog, theme: String? = nil) throws
    -> (header: AsciicastHeader, timeline: Timeline)
  {
    do {
      let recording = try AsciicastReader.load(file)
      let timeline = try Timeline(
        recording, theme: catalog.index(of: theme ?? recording.header.theme))
      // Warnings only for a file that plays: a refused one gets its one-line error alone.
      for warning in recording.warnings { printError("\(file): \(warning)") }
      return (recording.header, timeline)
    } catch let error as AsciicastError where error.cannotOpen {
      throw RecordingFailure(description: error.message)
    } catch let error as AsciicastError {
      throw BadData(
        description: error.line > 0
          ? "\(file):\(error.line): \(error.message)" : "\(file): \(error.message)")
    }
  }
}
