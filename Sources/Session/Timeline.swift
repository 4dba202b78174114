import Dashboard
import Foundation

/// A recording as a sequence of dashboard states: the initial one, then one after each input
/// event. Because `update` is pure, every state can be recomputed exactly, so playback can seek
/// and step backwards.
public struct Timeline: Sendable {
  /// One input event: when it happened and what it did.
  public struct Step: Sendable {
    public var time: Double
    public var keys: [Key]
    /// The state after this event.
    public var state: DashboardState
  }

  /// A marker: when, its label, and how many input events came before it.
  public struct Marker: Sendable, Equatable {
    public var time: Double
    public var label: String
    public var afterStep: Int
  }

  public let initial: DashboardState
  public let steps: [Step]
  public let markers: [Marker]
  /// The time of the last event of any kind.
  public let duration: Double

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
    var state = DashboardState(scenario: scenario)
    initial = state
    var steps: [Step] = []
    var markers: [Marker] = []
    for event in recording.events {
      switch event.code {
      case "i":
        let keys = InputDecoder.keys(Array(event.data.utf8))
        for key in keys {
          guard let action = Keymap.action(for: key, helpVisible: state.helpVisible) else { continue }
          state = update(state, action)
        }
        steps.append(Step(time: event.time, keys: keys, state: state))
      case "m":
        markers.append(Marker(time: event.time, label: event.data, afterStep: steps.count))
      default:
        break
      }
    }
    self.steps = steps
    self.markers = markers
    duration = recording.events.last?.time ?? 0
  }

  /// The state after `count` input events (0: the initial state), clamped to the recording.
  public func state(afterEvents count: Int) -> DashboardState {
    let index = min(max(count, 0), steps.count)
    return index == 0 ? initial : steps[index - 1].state
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
