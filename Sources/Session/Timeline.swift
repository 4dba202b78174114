import Dashboard
import Foundation
import SafeText

/// A recording as a sequence of dashboard states: the initial one, then one after each action
/// (each key, each tick of continuous descent, each measurement). Because `update` is pure and
/// every action that changed the live state is in the file, every state is the live one, so
/// playback can seek and step backwards.
///
/// States are kept only every ``checkpointInterval`` actions (a state carries its undo stack
/// and history, so keeping all of them would cost hundreds of megabytes for a long session); any
/// other state is recomputed from the checkpoint before it.
public struct Timeline: Sendable {
  /// One action of the recording and when it happened.
  public struct Step: Sendable {
    public var time: Double
    public var input: Input
  }

  /// What a step does to the state.
  public enum Input: Equatable, Sendable {
    case key(Key)
    /// A mouse report, with the terminal's size then (which decides what it touched).
    case mouse(MouseEvent, width: Int, height: Int)
    case tick
    // Indirect: a measurement is large and rare, and every step holds an Input.
    indirect case measurement(VocabularyMeasurement)
    case caption(String)

    /// The state after this step.
    public func applied(to state: DashboardState) -> DashboardState {
      switch self {
      case .key(let key): Keymap.action(for: key, in: state).map { update(state, $0) } ?? state
      case .mouse(let event, let width, let height):
        state.applying(.mouse(event), width: width, height: height)
      case .tick: update(state, .tick)
      case .measurement(let measurement): update(state, .recordMeasurement(measurement))
      case .caption(let text): update(state, .setCaption(text))
      }
    }
  }

  /// A marker: when, its label, and how many actions came before it.
  public struct Marker: Sendable, Equatable {
    public var time: Double
    public var label: String
    public var afterStep: Int
  }

  /// Actions between kept states.
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
  ///   - undoBudget: The most bytes of undo entries kept (tests make it small).
  /// - Throws: ``AsciicastError`` if the header's scenario or lesson cannot be read, a
  ///   LossScope event holds bad data, or the replay would pass ``maximumSteps`` actions or
  ///   `undoBudget` bytes of undo entries.
  public init(
    _ recording: AsciicastReader.Recording, undoBudget: Int = Timeline.maximumUndoBytes
  ) throws {
    var state = try Timeline.initialState(recording.header)
    initial = state
    var steps: [Step] = []
    var markers: [Marker] = []
    var checkpoints = [state]
    var size = (width: recording.header.width, height: recording.header.height)
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
      state = input.applied(to: state)
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
          if case .mouse(let report) = key {
            try append(.mouse(report, width: size.width, height: size.height), at: event.time)
          } else {
            try append(.key(key), at: event.time)
          }
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
        size = (width, height)
      case nil:
        break
      }
    }
    self.steps = steps
    self.markers = markers
    self.checkpoints = checkpoints
  }

  /// The state the recording starts from: its lesson, or its scenario.
  private static func initialState(_ header: AsciicastHeader) throws -> DashboardState {
    var state: DashboardState
    if let id = header.lesson {
      guard let lesson = LessonCatalog.lesson(id) else {
        throw AsciicastError(
          line: 1, message: "lossscope.lesson: unknown lesson \(TerminalSafe.quoted(id))")
      }
      state = DashboardState(lesson: lesson)
    } else {
      do {
        state = DashboardState(
          scenario: header.scenario.isEmpty ? .standard : try StateString.decode(header.scenario))
      } catch let error as ScenarioError {
        throw AsciicastError(line: 1, message: "lossscope.scenario: \(error.description)")
      }
    }
    state.isReplay = true
    state.presenting = header.present
    state.show(header.view)
    return state
  }

  /// The state after `count` actions (0: the initial state), clamped to the recording.
  public func state(afterSteps count: Int) -> DashboardState {
    let index = min(max(count, 0), steps.count)
    let checkpoint = index / Timeline.checkpointInterval
    var state = checkpoints[checkpoint]
    for step in steps[(checkpoint * Timeline.checkpointInterval)..<index] {
      state = step.input.applied(to: state)
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
