/// What a terminal must be sent to go from one frame to the next: every cell, when there is no
/// previous frame or the size changed; otherwise only the cells that differ.
///
/// Pure, so the front end's drawing can be tested without a terminal (ratatui's `Buffer::diff`
/// plays the same part).
public struct CanvasDiff: Equatable, Sendable {
  /// One cell to send.
  public struct Change: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
  }

  /// Whether the screen must be cleared and drawn whole.
  public let isFull: Bool
  /// The cells to send, row by row, left to right.
  public let changes: [Change]

  /// Compares two frames.
  ///
  /// - Parameters:
  ///   - previous: What the terminal shows, or `nil` when unknown (first frame, new theme).
  ///   - next: What it should show.
  /// - Complexity: O(width × height).
  public init(from previous: Canvas?, to next: Canvas) {
    let full = previous.map { $0.width != next.width || $0.height != next.height } ?? true
    var changes: [Change] = []
    for y in 0..<next.height {
      for x in 0..<next.width {
        let cell = next[x, y]
        if !full, let previous, previous[x, y] == cell { continue }
        changes.append(Change(x: x, y: y, cell: cell))
      }
    }
    isFull = full
    self.changes = changes
  }
}
