/// A mouse report from the terminal (xterm's SGR 1006 form), in the dashboard's terms.
public struct MouseEvent: Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// The left button went down.
    case click
    /// The pointer moved with the left button held.
    case drag
    /// The left button came up.
    case release
    case wheelUp = "wheel-up"
    case wheelDown = "wheel-down"
  }

  public var kind: Kind
  /// The cell, counted from 0 at the top left (the terminal's report counts from 1).
  public var column: Int
  public var row: Int

  public init(_ kind: Kind, column: Int, row: Int) {
    self.kind = kind
    self.column = column
    self.row = row
  }

  /// Parses a `--keys` name: `click@X,Y`, `drag@X,Y`, `release@X,Y`, `wheel-up@X,Y` or
  /// `wheel-down@X,Y`, with the column and row counted from 1 as the terminal counts them.
  public init?(name: String) {
    let parts = name.split(separator: "@", maxSplits: 1)
    guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])) else { return nil }
    let coordinates = parts[1].split(separator: ",")
    guard coordinates.count == 2, let x = Int(coordinates[0]), let y = Int(coordinates[1]),
      (1...9999).contains(x), (1...9999).contains(y)
    else { return nil }
    self.init(kind, column: x - 1, row: y - 1)
  }

  /// `click@12,5`: the name ``init(name:)`` reads.
  public var description: String { "\(kind.rawValue)@\(column + 1),\(row + 1)" }
}
