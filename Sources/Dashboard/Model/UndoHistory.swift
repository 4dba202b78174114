/// What undo restores, newest first, as a persistent list: a copy of a state shares every entry
/// with the state it was copied from, so a replay's checkpoints (one state every 64 actions)
/// cost one entry per action between them, not a copy of the whole history each.
///
/// At most ``DashboardState/undoLimit`` entries can be undone. Older ones stay reachable from
/// the list until it is twice as long, then the list is rebuilt from the ones that count, so
/// memory stays bounded and pushing stays O(1) amortised.
public struct UndoHistory: Equatable, Sendable {
  /// One entry and the older ones. Immutable, so sharing it between states is safe.
  private final class Node: Sendable {
    let entry: DashboardState.UndoEntry
    let older: Node?

    init(_ entry: DashboardState.UndoEntry, older: Node?) {
      self.entry = entry
      self.older = older
    }
  }

  private var newest: Node?
  /// How many entries undo can take back.
  public private(set) var count = 0
  /// How many nodes are reachable from `newest` (at least `count`).
  private var length = 0
  private let limit: Int
  /// How many entries were ever appended (a replay counts the memory they hold).
  public private(set) var appended = 0

  init(limit: Int) { self.limit = limit }

  /// The entry undo would restore next.
  public var last: DashboardState.UndoEntry? { count > 0 ? newest?.entry : nil }

  mutating func append(_ entry: DashboardState.UndoEntry) {
    newest = Node(entry, older: newest)
    appended += 1
    count = min(count + 1, limit)
    length += 1
    if length > 2 * limit { compact() }
  }

  /// Takes the newest entry off, if there is one undo can restore.
  mutating func popLast() -> DashboardState.UndoEntry? {
    guard count > 0, let node = newest else { return nil }
    newest = node.older
    count -= 1
    length -= 1
    return node.entry
  }

  mutating func removeLast() { _ = popLast() }

  /// Rebuilds the list from the entries that count, dropping the rest.
  private mutating func compact() {
    var entries: [DashboardState.UndoEntry] = []
    var node = newest
    while entries.count < count, let current = node {
      entries.append(current.entry)
      node = current.older
    }
    newest = nil
    for entry in entries.reversed() { newest = Node(entry, older: newest) }
    length = entries.count
  }

  /// Histories are equal when undo would restore the same entries in the same order.
  public static func == (a: UndoHistory, b: UndoHistory) -> Bool {
    guard a.count == b.count else { return false }
    var (x, y) = (a.newest, b.newest)
    for _ in 0..<a.count {
      guard let left = x, let right = y else { return false }
      if left === right { return true }
      guard left.entry == right.entry else { return false }
      (x, y) = (left.older, right.older)
    }
    return true
  }
}
