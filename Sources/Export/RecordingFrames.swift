// The Export module: frames and recordings as pictures. SVG and HTML stills, the animated SVG
// and the HTML player, from a film of a recording's states (RecordingFrames steps a Replay
// Timeline and renders each state in its own theme), each distinct row written once. No run
// loop of its own: what a recording does comes from the step function, through Replay.

import Dashboard
import Canvas
import Replay

/// A recording re-rendered through the dashboard as a film: the frame after each input, with
/// how long it stays, at the size the export asks for and in the theme each state shows (the
/// one the session started in, `T` applied), not the recorded bytes.
///
/// Frames are kept as rows of SVG, each distinct row once (``RowBook``), never as canvases: a
/// film of 20,000 frames holds the rows it will write and one canvas, not 20,000 canvases.
public struct RecordingFrames: Sendable {
  /// One picture and when it shows, in seconds from the start.
  public struct Shot: Sendable {
    /// The frame's rows, top to bottom, as numbers in ``RecordingFrames/rows``.
    public var rows: [Int]
    /// The frame's plots as vector pictures, numbers in ``RecordingFrames/rows`` too.
    public var pictures: [Int] = []
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
  /// Every distinct row of every frame, as SVG.
  public let rows: RowBook
  /// The first and last frames as plain text (an accessible description of the film).
  public let firstText: String
  public let lastText: String
  /// The film's length: the last frame stays for ``holdAtEnd`` seconds.
  public let duration: Double

  /// How long the last frame stays before the film loops.
  public static let holdAtEnd = 2.0
  /// Frames closer together than this are merged, the later one kept (what a 30 fps viewer would
  /// see), so a long continuous descent does not make a film of thousands of frames.
  public static let shortestFrame = 1.0 / 30
  /// The most cells an export draws (frames × columns × rows), about ten seconds of work here.
  public static let maximumCells = 100_000_000
  /// The most bytes of distinct rows a film may hold: the size of the page it becomes.
  public static let maximumRowBytes = 256 << 20
  /// The plots are vectors while their pictures hold fewer bytes than this; later frames draw
  /// them as text, so a long film stays within ``maximumRowBytes``.
  public static let pictureBudget = 64 << 20

  /// Renders a recording.
  ///
  /// - Parameters:
  ///   - timeline: The recording's states.
  ///   - width: Columns of every frame.
  ///   - height: Rows of every frame.
  ///   - theme: The colours of a theme index (the states' ``DashboardState/themeIndex``).
  ///   - speed: Played this many times faster.
  ///   - idleTimeLimit: Pauses longer than this are shortened to it, in seconds.
  ///   - symbols: Braille, block or ASCII graphics.
  /// - Throws: ``ExportError`` when the film would pass ``maximumCells`` or
  ///   ``maximumRowBytes``, before that work is done.
  public init(
    _ timeline: Timeline, width: Int, height: Int, theme: (Int) -> Theme, speed: Double = 1,
    idleTimeLimit: Double? = nil, symbols: SymbolSet = .braille
  ) throws {
    let frames = timeline.steps.count + 1
    let cells = width * height
    guard frames <= RecordingFrames.maximumCells / max(1, cells) else {
      throw ExportError(
        message:
          "\(frames) frames of \(width)×\(height) would be \(frames * cells) cells to draw, more than \(RecordingFrames.maximumCells); export a smaller --size or a shorter recording"
      )
    }
    let playback = Playback(timeline, idleTimeLimit: idleTimeLimit, speed: speed)
    let rate = speed.isFinite && speed > 0 ? speed : 1
    func time(afterSteps count: Int) -> Double {
      count == 0 ? 0 : playback.times[count - 1] / rate
    }
    let derived = Derived()
    var book = RowBook(width: width, height: height, theme: theme(timeline.initial.themeIndex))
    var shots: [Shot] = []
    // The newest frame waits here until the next one shows it lasts (frames under 1/30 s are
    // replaced, and their rows never reach the book).
    var pending:
      (
        canvas: Canvas, images: [PlotImage], theme: Theme, start: Double, title: String
      )?
    var firstText = ""
    func commit() throws {
      guard let shot = pending else { return }
      if shots.isEmpty { firstText = shot.canvas.plainText }
      var made = Shot(
        rows: book.add(shot.canvas, theme: shot.theme), start: shot.start, title: shot.title)
      made.pictures = book.add(shot.images)
      shots.append(made)
      guard book.bytes <= RecordingFrames.maximumRowBytes else {
        throw ExportError(
          message:
            "the film would be larger than 256 MiB; export a smaller --size or a shorter recording")
      }
    }
    func add(_ state: DashboardState, at start: Double) throws {
      let colours = theme(state.themeIndex)
      // The plots in vectors while the budget lasts, then as text.
      let canvas: Canvas
      var images: [PlotImage] = []
      if book.pictureBytes < RecordingFrames.pictureBudget {
        (canvas, images) = Frame.render(
          state, width: width, height: height, symbols: symbols, colorRamp: colours.hasRamp,
          derived: derived, pixels: SVGFrame.pixels(for: colours))
      } else {
        canvas = Frame.render(
          state, width: width, height: height, symbols: symbols, colorRamp: colours.hasRamp,
          derived: derived)
      }
      if let last = pending, last.canvas == canvas, last.images == images, last.theme == colours {
        return
      }
      let title = Frame.pictureTitle(state, derived: derived)
      if let last = pending, start - last.start < RecordingFrames.shortestFrame, !shots.isEmpty {
        pending = (canvas, images, colours, last.start, title)
      } else {
        try commit()
        pending = (canvas, images, colours, start, title)
      }
    }
    var state = timeline.initial
    try add(state, at: 0)
    for (index, recorded) in timeline.steps.enumerated() {
      state = step(state, recorded.input, derived: derived).state
      try add(state, at: time(afterSteps: index + 1))
    }
    let lastText = pending?.canvas.plainText ?? ""
    try commit()
    self.shots = shots
    self.rows = book
    self.firstText = firstText
    self.lastText = lastText
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
