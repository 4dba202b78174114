import ArgumentParser
import Dashboard
import Foundation
import SafeText
import Asciicast
import Replay
import Recorder

extension AsciicastFormat: ExpressibleByArgument {}

extension LossScope {
  /// `lossscope record FILE`: the dashboard, recorded as asciicast v2 (or v3).
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the dashboard and record it as an asciicast v2 file (asciinema can play it).",
      discussion:
        "Press m to add a marker. `lossscope play FILE` replays it with seeking and stepping.")

    @Option(help: "asciicast version to write: v2 or v3.")
    var format: AsciicastFormat = .v2

    @Argument(help: "The .cast file to write (a new file, unless --overwrite).")
    var file: String

    @Flag(
      help: "Replace FILE if it exists and is a regular file (never a device or a symbolic link).")
    var overwrite = false

    @Option(
      help:
        "Record this demo script (.tape) without a terminal: the same script always gives the same file."
    )
    var script: String?

    @Option(help: "With --script: the frame size as COLSxROWS (instead of the script's Set Size).")
    var size: String?

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var display: DisplayOptions

    func validate() throws {
      if let size {
        guard script != nil else { throw ValidationError("--size goes with --script") }
        _ = try Snapshot.parseSize(size)
      }
    }

    func run() throws {
      try refuseToReplace()
      if let script { return try recordScript(script) }
      try requireTerminal("record needs a terminal (stdin and stdout)")
      var status: Int32 = 0
      try reportingFailures {
        let initial = try scenario.dashboardState()
        // The terminal is asked here, once: the session inside is told the answer, so the
        // question is not recorded.
        let appearance = display.appearance(display.askTerminal())
        let theme = display.startingTheme(on: appearance) ?? "default"
        _ = try display.loadTheme(theme, from: display.catalog())
        let state = StateString.encode(initial.scenario)
        let (width, height) = Recorder.terminalSize()
        let header = AsciicastHeader(
          width: width, height: height, timestamp: Int(Date().timeIntervalSince1970),
          title: "LossScope",
          term: ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color",
          programVersion: LossScope.version,
          scenario: state, theme: theme, lesson: initial.lessonID, present: display.present,
          view: (display.view ?? initial.view).rawValue,
          symbols: display.resolvedSymbols().rawValue)
        var arguments =
          (initial.lessonID.map { ["--lesson", $0] } ?? ["--state", state])
          + [
            "--theme", theme, "--color", display.color.rawValue, "--background",
            appearance.rawValue,
          ]
        if let directory = display.themesDir { arguments += ["--themes-dir", directory] }
        arguments += ["--symbols", display.resolvedSymbols().rawValue]
        if display.present { arguments.append("--present") }
        arguments += ["--view", (display.view ?? initial.view).rawValue]
        if display.noMouse { arguments.append("--no-mouse") }
        // A recording's "o" events stay cells, so asciinema and every terminal play the file;
        // `play` draws pixels where its own terminal has them.
        arguments += ["--graphics", "cells"]
        arguments += ["--session-fd", String(Recorder.sessionDescriptor)]
        do {
          let recorder = try Recorder(
            path: file, header: header, creation: overwrite ? .overwrite : .new, format: format)
          status = try recorder.run(executable: LossScope.executablePath, arguments: arguments)
          printError(Record.summaryLine(file: file, recorder.summary))
        } catch let error as AsciicastError {
          // Not bad data: the file could not be created or written (exit 1).
          throw RecordingFailure(description: error.message)
        }
      }
      if status != 0 { throw ExitCode(status) }
    }

    /// Writes the recording of a demo script.
    private func recordScript(_ path: String) throws {
      try reportingFailures {
        let scripted = try LossScope.runScript(path, size: size, display: display)
        do {
          let writer = try AsciicastWriter(
            path: file, header: scripted.header, creation: overwrite ? .overwrite : .new,
            format: format)
          for event in scripted.events {
            try writer.append(code: event.code, data: event.data, at: event.time)
          }
          printError(Record.summaryLine(file: file, (writer.duration, writer.counts)))
        } catch let error as AsciicastError {
          throw RecordingFailure(description: error.message)
        }
      }
    }

    /// `recorded demo.cast: 00:42.3, 12 keys, 40 ticks, 2 markers (310 events)`.
    static func summaryLine(file: String, _ summary: (duration: Double, counts: [String: Int]))
      -> String
    {
      let counts = summary.counts
      func count(_ code: String, _ noun: String) -> String {
        let n = counts[code, default: 0]
        return "\(n) \(noun)\(n == 1 ? "" : "s")"
      }
      var parts = [count("i", "key"), count("t", "tick")]
      if counts["b"] != nil { parts.append(count("b", "measurement")) }
      if counts["c"] != nil { parts.append(count("c", "caption")) }
      parts.append(count("m", "marker"))
      return
        "recorded \(TerminalSafe.cut(file)): \(Playback.clockText(summary.duration)), \(parts.joined(separator: ", "))"
        + " (\(counts.values.reduce(0, +)) events)"
    }

    /// Refuses the path before the terminal is taken (see ``AsciicastWriter/refusal(path:creation:)``).
    private func refuseToReplace() throws {
      if let refusal = AsciicastWriter.refusal(path: file, creation: overwrite ? .overwrite : .new)
      {
        printError(refusal.message)
        throw ExitCode(ExitStatus.failure)
      }
    }
  }

  /// This program's own executable, to run the dashboard under the recorder.
  static var executablePath: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }
}

/// A recording that could not be created or written: the path exists, is not a regular file, or
/// the disk is full.
struct RecordingFailure: Error, CustomStringConvertible {
  var description: String
}
