import Dashboard
import Foundation
import SafeText

/// A recording as a sequence of dashboard states: the initial one, then one after each input
/// event. Because `update` is pure, every state can be recomputed exactly, so playback can seek
/// and step backwards.
///
/// States are kept only every ``checkpointInterval`` events (a state carries its undo stack
/// and history, so keeping all of them would cost hundreds of megabytes for a long session); any
/// other state is recomputed from the checkpoint before it.
public struct Timeline: Sendable {
  /// One input event: when it happened and the keys its bytes decode to.
  public struct Step: Sendable {
    public var time: Double
    public var keys: [Key]
  }

  /// A marker: when, its label, and how many input events came before it.
  public struct Marker: Sendable, Equatable {
    public var time: Double
    public var label: String
    public var afterStep: Int
  }

  /// Events between kept states.
  public static let checkpointInterval = 64

  public let initial: DashboardState
  public let steps: [Step]
  public let markers: [Marker]
  /// The time of the last event of any kind.
  public let duration: Double
  /// `checkpoints[k]` is the state after `k × checkpointInterval` events.
  private let checkpoints: [DashboardState]

  /// Builds the timeline of a recording.
  ///
  /// - Throws: ``AsciicastError`` if the header's scenario cannot be read.
  public init(_ recording: AsciicastReader.Recording) throws {
    let scenario: Scenario
    do {
      scenario = recording.header.scenario.isEmpty ? .standard : try StateString.decode(recording.header.scenario)
    } catch let error as ScenarioError {
      throw AsciicastError(line: 1, message: "lossscope.scenario: \(error.description)")
    }
    var state: DashboardState
    if let id = recording.header.lesson {
      guard let lesson = LessonCatalog.lesson(id) else {
        throw AsciicastError(line: 1, message: "lossscope.lesson: unknown lesson \(TerminalSafe.quoted(id))")
      }
      state = DashboardState(lesson: lesson)
    } else {
      state = DashboardState(scenario: scenario)
    }
    initial = state
    var steps: [Step] = []
    var markers: [Marker] = []
    var checkpoints = [state]
    for event in recording.events {
      switch event.code {
      case "i":
        let keys = InputDecoder.keys(Array(event.data.utf8))
        state = state.pressing(keys)
        steps.append(Step(time: event.time, keys: keys))
        if steps.count % Timeline.checkpointInterval == 0 { checkpoints.append(state) }
      case "m":
        markers.append(Marker(time: event.time, label: event.data, afterStep: steps.count))
      default:
        break
      }
    }
    self.steps = steps
    self.markers = markers
    self.checkpoints = checkpoints
    duration = recording.events.last?.time ?? 0
  }

  /// The state after `count` input events (0: the initial state), clamped to the recording.
  public func state(afterEvents count: Int) -> DashboardState {
    let index = min(max(count, 0), steps.count)
    let checkpoint = index / Timeline.checkpointInterval
    var state = checkpoints[checkpoint]
    for step in steps[(checkpoint * Timeline.checkpointInterval)..<index] { state = state.pressing(step.keys) }
    return state
  }

  /// How many input events happened by `time`.
  public func eventsBefore(time: Double) -> Int {
    var low = 0, high = steps.count
    while low < high {
      let middle = (low + high) / 2
      if steps[middle].time <= time { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

extension Timeline {
  /// A synthetic recording of `count` input events cycling through the dashboard's keys, for
  /// the replay benchmark.
  public static func syntheticRecording(events count: Int) -> AsciicastReader.Recording {
    let header = AsciicastHeader(
      width: 120, height: 40, timestamp: 0, title: "synthetic", term: "xterm-256color", programVersion: "",
      scenario: "v1;z=2,1,0.1|0,5,0.2;y=0,1", theme: "default")
    let cycle: [Key] = [.right, .down, .character("t"), .character("g"), .left, .character("W"), .tab, .character("r"), .up, .character("u")]
    let events = (0..<count).map { i in
      AsciicastEvent(time: Double(i) * 0.05, code: "i", data: String(decoding: InputDecoder.bytes(for: cycle[i % cycle.count]), as: UTF8.self))
    }
    return AsciicastReader.Recording(header: header, events: events, warnings: [])
  }
}
