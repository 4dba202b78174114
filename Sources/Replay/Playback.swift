import Dashboard
import Foundation
import TerminalInput

/// Where a replay is: the input events applied so far, the clock, the speed, paused or not.
///
/// Pure: the player feeds it elapsed time and keys and draws `state`. Seeking is exact because
/// every position is a state of the ``Timeline``.
public struct Playback: Sendable {
  public let timeline: Timeline
  /// Actions applied so far.
  public private(set) var position = 0
  public private(set) var playing = true
  public private(set) var speed = 1.0
  /// The playback clock, in recording seconds with long idle gaps shortened.
  public private(set) var clock = 0.0
  /// Each step's time on that clock (idle gaps shortened, before the speed).
  public let times: [Double]
  public let duration: Double

  /// Prepares a replay.
  ///
  /// - Parameters:
  ///   - timeline: The recording's states.
  ///   - idleTimeLimit: The longest pause kept between events, in seconds, or `nil` for all.
  ///   - speed: The starting speed, kept within 1/16 to 64.
  public init(_ timeline: Timeline, idleTimeLimit: Double? = nil, speed: Double = 1) {
    self.timeline = timeline
    self.speed = speed.isFinite ? min(max(speed, 1.0 / 16), 64) : 1
    var times: [Double] = []
    var last = 0.0, adjusted = 0.0
    for step in timeline.steps {
      adjusted += min(max(0, step.time - last), idleTimeLimit ?? .infinity)
      last = step.time
      times.append(adjusted)
    }
    self.times = times
    duration = times.last ?? 0
  }

  /// The state to show (recomputed from the nearest checkpoint: call once per frame).
  public var state: DashboardState { timeline.state(afterSteps: position) }

  /// The state to show, stepped with a player's memo.
  public func state(derived: Derived) -> DashboardState {
    timeline.state(afterSteps: position, derived: derived)
  }

  /// Whether the replay has shown every event.
  public var atEnd: Bool { position >= timeline.steps.count }

  /// Seconds of wall time until the next event at the current speed, or `nil` when there is none
  /// to wait for (paused or at the end).
  public var secondsToNextEvent: Double? {
    guard playing, position < times.count else { return nil }
    return max(0, (times[position] - clock) / speed)
  }

  /// Moves the clock on by some wall-clock seconds, applying the events it passes.
  public mutating func advance(by seconds: Double) {
    guard playing else { return }
    clock = min(duration, clock + seconds * speed)
    while position < times.count, times[position] <= clock { position += 1 }
    if atEnd { playing = false }
  }

  /// Applies a player key. Returns false when the key asks to quit.
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .space:
      if atEnd { seek(to: 0) }
      playing.toggle()
    case .character("."):
      playing = false
      seek(to: position + 1)
    case .character(","):
      playing = false
      seek(to: position - 1)
    case .character("]"):
      if let next = timeline.markers.first(where: { $0.afterStep > position }) {
        seek(to: next.afterStep)
      }
    case .character("["):
      if let previous = timeline.markers.last(where: { $0.afterStep < position }) {
        seek(to: previous.afterStep)
      }
    case .character("+"):
      speed = min(speed * 2, 64)
    case .character("-"):
      speed = max(speed / 2, 1.0 / 16)
    case .character("q"), .controlC, .escape:
      return false
    default:
      break
    }
    return true
  }

  /// Jumps to just after `count` actions.
  public mutating func seek(to count: Int) {
    position = min(max(count, 0), times.count)
    clock = position == 0 ? 0 : times[position - 1]
  }

  /// One status line: state, time, event, markers and speed.
  public func progressLine(width: Int) -> String {
    let icon = playing ? "▶" : (atEnd ? "■" : "❚❚")
    let markers =
      timeline.markers.isEmpty
      ? ""
      : "  markers \(timeline.markers.filter { $0.afterStep <= position }.count)/\(timeline.markers.count)"
    let speedText = String(format: speed >= 1 ? "%.0f×" : "%.2f×", speed)
    let text =
      " \(icon) \(Playback.clockText(clock)) / \(Playback.clockText(duration))  step \(position)/\(timeline.steps.count)\(markers)  \(speedText)   space ,. [] +- q"
    return String(text.prefix(max(0, width)))
  }

  public static func clockText(_ seconds: Double) -> String {
    let whole = Int(seconds)
    return String(
      format: "%02d:%02d.%d", whole / 60, whole % 60, Int((seconds - Double(whole)) * 10))
  }
}
