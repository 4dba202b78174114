import Foundation

/// What a landscape is computed from, except the plot's size.
struct LandscapeKey: Equatable, Sendable {
  var scenario: Scenario
  var sample: Int
  var second: Int?
  var window: LandscapeWindow?
}

/// The landscape of one key at the size it was last drawn: a frame drawn again at the same size
/// (a notice, a theme) reuses it.
final class LandscapeGrids: @unchecked Sendable {
  // `@unchecked Sendable`: `last` is only read and written with `lock` held, and the landscape
  // it holds is an immutable value.
  private let key: LandscapeKey
  private let lock = NSLock()
  private var last: Landscape?

  init(_ key: LandscapeKey) { self.key = key }

  func landscape(columns: Int, pixelRows: Int) -> Landscape? {
    guard let second = key.second, let window = key.window, columns > 0, pixelRows > 0 else {
      return nil
    }
    return lock.withLock {
      if let last, last.columns == columns, last.pixelRows == pixelRows { return last }
      let made = Landscape(
        key.scenario, sample: key.sample, second: second, window: window, columns: columns,
        pixelRows: pixelRows)
      last = made
      return made
    }
  }
}
