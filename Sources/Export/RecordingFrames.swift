import Dashboard
import Session

/// A recording re-rendered through the dashboard as a film: the frame after each action, with
/// how long it stays, at the size and in the theme the export asks for (not the recorded bytes).
public struct RecordingFrames: Sendable {
  /// One picture and when it shows, in seconds from the start.
  public struct Shot: Sendable {
    public var canvas: Canvas
    public var start: Double
    /// The plain text's loss line, for the title of a still (`LossScope: …, loss 0.4170`).
    public var title: String
  }

  /// A marker as a chapter: its label and when it shows.
  public struct Chapter: Sendable, Equatable {
    public var label: String
    public var start: Double
  }

  public let shots: [Shot]
  public let chapters: [Chapter]
  /// The film's length: the last frame stays for ``holdAtEnd`` seconds.
  public let duration: Double

  /// How long the last frame stays before the film loops.
  public static let holdAtEnd = 2.0
  /// Frames closer together than this are merged, the later one kept (what a 30 fps viewer would
  /// see), so a long continuous descent does not make a film of thousands of frames.
  public static let shortestFrame = 1.0 / 30

  /// Renders a recording.
  ///
  /// - Parameters:
  ///   - timeline: The recording's states.
  ///   - width: Columns of every frame.
  ///   - height: Rows of every frame.
  ///   - speed: Played this many times faster.
  ///   - idleTimeLimit: Pauses longer than this are shortened to it, in seconds.
  ///   - symbols: Braille, block or ASCII graphics.
  ///   - colorRamp: Whether the theme has a colour ramp (the landscape's heatmap).
  public init(
    _ timeline: Timeline, width: Int, height: Int, speed: Double = 1,
    idleTimeLimit: Double? = nil, symbols: SymbolSet = .braille, colorRamp: Bool = true
  ) {
    let playback = Playback(timeline, idleTimeLimit: idleTimeLimit, speed: speed)
    let rate = speed.isFinite && speed > 0 ? speed : 1
    func time(afterSteps count: Int) -> Double {
      count == 0 ? 0 : playback.times[count - 1] / rate
    }
    var shots: [Shot] = []
    var state = timeline.initial
    func add(_ state: DashboardState, at start: Double) {
      let canvas = Frame.render(
        state, width: width, height: height, symbols: symbols, colorRamp: colorRamp)
      if let last = shots.last, last.canvas == canvas { return }
      let shot = Shot(canvas: canvas, start: start, title: Frame.pictureTitle(state))
      if let last = shots.last, start - last.start < RecordingFrames.shortestFrame, shots.count > 1
      {
        shots[shots.count - 1] = Shot(canvas: canvas, start: last.start, title: shot.title)
      } else {
        shots.append(shot)
      }
    }
    add(state, at: 0)
    for (index, step) in timeline.steps.enumerated() {
      state = step.input.applied(to: state)
      add(state, at: time(afterSteps: index + 1))
    }
    self.shots = shots
    chapters = timeline.markers.map {
      Chapter(label: $0.label, start: time(afterSteps: $0.afterStep))
    }
    duration = (shots.last?.start ?? 0) + RecordingFrames.holdAtEnd
  }

  /// The state after each marker, for one still a marker (`--frames markers`).
  public static func markerStates(_ timeline: Timeline) -> [(label: String, state: DashboardState)]
  {
    timeline.markers.map { ($0.label, timeline.state(afterSteps: $0.afterStep)) }
  }
}
