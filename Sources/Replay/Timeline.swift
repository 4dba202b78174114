// The Replay module: recordings as inputs to the step function. SessionEvent maps the
// dashboard's inputs to asciicast events and back; Timeline steps a recording's inputs into
// states it can seek (checkpoints share their undo history); Playback is `play`'s clock, speed
// and markers; DemoScript and ScriptedRecording make the recording a `.tape` script would
// have made live, on a virtual clock, through the same step.

import Canvas
import Dashboard
import Foundation
import SafeText
import TerminalInput
import Benchmarks
import Asciicast

/// A recording as a sequence of dashboard states: the initial one, then one after each input
/// (each key, mouse report, tick of continuous descent, measurement, caption, notice), each
/// through ``step(_:_:derived:)``. Because the step is pure and every input that changed the live
/// state is in the file, every state is the live one, so playback can seek and step backwards.
///
/// States are kept only every ``checkpointInterval`` inputs; any other state is recomputed from
/// the checkpoint before it. A checkpoint is a plain state: its undo history is a shared list
/// (``UndoHistory``), so checkpoints share the entries they have in common instead of copying
/// them, and replay memory grows with the recording, not with checkpoints × history.
public struct Timeline: Sendable {
  /// One input of the recording and when it happened.
  public struct Step: Sendable {
    public var time: Double
    public var input: Input
  }

  /// A marker: when, its label, and how many actions came before it.
  public struct Marker: Sendable, Equatable {
    public var time: Double
    public var label: String
    public var afterStep: Int
  }

  /// Inputs between kept states.
  public static let checkpointInterval = 64
  /// The most actions replayed (keys, mouse reports, ticks…): about 300 bytes each besides
  /// their undo entries, so a replay stays within a few hundred MB.
  public static let maximumSteps = 1_000_000
  /// The most memory a replay's undo history may hold.
  public static let maximumUndoBytes = 512 << 20

  /// About what one undo entry of a scenario holds: its logits, and a sample's bookkeeping.
  static func bytes(of scenario: Scenario) -> Int {
    scenario.samples.count * (scenario.classes * 4 + 48) + 256
  }

  public let initial: DashboardState
  public let steps: [Step]
  public let markers: [Marker]
  /// `checkpoints[k]` is the state after `k × checkpointInterval` actions.
  private let checkpoints: [DashboardState]

  /// Builds the timeline of a recording.
  ///
  /// - Parameters:
  ///   - recording: The parsed file.
  ///   - theme: The index of the header's theme in the front end's list (where `T` counts from).
  ///   - undoBudget: The most bytes of undo entries kept (tests make it small).
  /// - Throws: ``AsciicastError`` if the header's scenario or lesson cannot be read, a
  ///   LossScope event holds bad data, or the replay would pass ``maximumSteps`` actions or
  ///   `undoBudget` bytes of undo entries.
  public init(
    _ recording: AsciicastReader.Recording, theme: Int = 0,
    undoBudget: Int = Timeline.maximumUndoBytes
  ) throws {
    let derived = Derived()
    var state = try Timeline.initialState(recording.header, theme: theme)
    initial = state
    var steps: [Step] = []
    var markers: [Marker] = []
    var checkpoints = [state]
    var size = (width: recording.header.width, height: recording.header.height)
    let symbols = SymbolSet(rawValue: recording.header.symbols) ?? .braille
    // Undo entries are shared between checkpoints, one per edit, so replay memory is the edits
    // times the scenario's size: counted, and refused past the budget rather than exhausted.
    var undoBytes = 0
    var currentLine = 0
    func append(_ input: Input, at time: Double) throws {
      guard steps.count < Timeline.maximumSteps else {
        throw AsciicastError(
          line: currentLine, message: "more than 1,000,000 actions: too long to replay")
      }
      let appended = state.undoStack.appended
      state = step(state, input, derived: derived).state
      steps.append(Step(time: time, input: input))
      if steps.count % Timeline.checkpointInterval == 0 { checkpoints.append(state) }
      undoBytes += (state.undoStack.appended - appended) * Timeline.bytes(of: state.scenario)
      guard undoBytes <= undoBudget else {
        throw AsciicastError(
          line: currentLine,
          message:
            "replaying it would keep more than \(undoBudget >> 20) MiB of undo history (\(state.undoStack.appended) edits of a \(state.scenario.samples.count) × \(state.scenario.classes) scenario)"
        )
      }
    }
    for (index, event) in recording.events.enumerated() {
      currentLine =
        recording.lineNumbers.indices.contains(index) ? recording.lineNumbers[index] : 0
      let decoded: SessionEvent?
      do {
        decoded = try SessionEvent(code: event.code, data: event.data)
      } catch let error as AsciicastError {
        throw AsciicastError(
          line: recording.lineNumbers.indices.contains(index) ? recording.lineNumbers[index] : 0,
          message: error.message)
      }
      switch decoded {
      case .input(let bytes):
        for key in InputDecoder.keys(bytes) {
          try append(
            .pressing(key, width: size.width, height: size.height, symbols: symbols),
            at: event.time)
        }
      case .tick:
        try append(.tick, at: event.time)
      case .measurement(let measurement):
        try append(.measurement(measurement), at: event.time)
      case .caption(let text):
        try append(.caption(text), at: event.time)
      case .marker(let label):
        markers.append(Marker(time: event.time, label: label, afterStep: steps.count))
      case .resize(let width, let height):
        // Not a step: a resize changes no state, and the steps count what a player steps
        // through. What it decides, the layout later mouse reports are hit-tested in, is here.
        size = (width, height)
      case .notice(let text):
        try append(.notice(text), at: event.time)
      case nil:
        break
      }
    }
    self.steps = steps
    self.markers = markers
    self.checkpoints = checkpoints
  }

  /// The state the recording starts from: its lesson, or its scenario.
  private static func initialState(_ header: AsciicastHeader, theme: Int) throws
    -> DashboardState
  {
    guard let view = DashboardView(rawValue: header.view) else {
      throw AsciicastError(
        line: 1, message: "lossscope.view: unknown view \(TerminalSafe.quoted(header.view))")
    }
    guard SymbolSet(rawValue: header.symbols) != nil else {
      throw AsciicastError(
        line: 1,
        message: "lossscope.symbols: unknown symbols \(TerminalSafe.quoted(header.symbols))")
    }
    if let id = header.lesson {
      guard let lesson = LessonCatalog.lesson(id) else {
        throw AsciicastError(
          line: 1, message: "lossscope.lesson: unknown lesson \(TerminalSafe.quoted(id))")
      }
      return DashboardState(lesson: lesson, presenting: header.present, theme: theme, replay: true)
        .viewed(in: view == .dashboard ? nil : view, presenting: header.present)
    }
    do {
      return DashboardState(
        scenario: header.scenario.isEmpty ? .standard : try StateString.decode(header.scenario),
        view: view, presenting: header.present, theme: theme, replay: true)
    } catch let error as ScenarioError {
      throw AsciicastError(line: 1, message: "lossscope.scenario: \(error.description)")
    }
  }

  /// The state after `count` inputs (0: the initial state), clamped to the recording.
  ///
  /// - Parameters:
  ///   - count: How many inputs.
  ///   - derived: The memo to step with (a player's own, kept between frames).
  /// - Returns: The state.
  public func state(afterSteps count: Int, derived: Derived = Derived()) -> DashboardState {
    let index = min(max(count, 0), steps.count)
    let checkpoint = index / Timeline.checkpointInterval
    var state = checkpoints[checkpoint]
    for recorded in steps[(checkpoint * Timeline.checkpointInterval)..<index] {
      state = step(state, recorded.input, derived: derived).state
    }
    return state
  }

  /// The state at the end of the recording.
  public var finalState: DashboardState { state(afterSteps: steps.count) }
}

extension Timeline {
  /// A synthetic recording of `count` input events cycling through the dashboard's keys, for
  /// the replay benchmark.
  public static func syntheticRecording(events count: Int) -> AsciicastReader.Recording {
    let header = AsciicastHeader(
      width: 120, height: 40, timestamp: 0, title: "synthetic", term: "xterm-256color",
      programVersion: "",
      scenario: "v1;z=2,1,0.1|0,5,0.2;y=0,1", theme: "default")
    let cycle: [Key] = [
      .right, .down, .character("t"), .character("g"), .left, .character("W"), .tab,
      .character("r"), .up, .character("u"),
    ]
    let events = (0..<count).map { i in
      AsciicastEvent(
        time: Double(i) * 0.05, code: "i",
        data: String(decoding: InputDecoder.bytes(for: cycle[i % cycle.count]), as: UTF8.self))
    }
    return AsciicastReader.Recording(header: header, events: events, warnings: [])
  }
}
