import Canvas
import TerminalInput
/// The bottom line: the most used keys, each key highlighted. The keys a demo needs come first,
/// so a narrow terminal drops the others.
enum KeyBarWidget {
  static let entries: [(key: String, label: String)] = [
    ("←→", "logit"), ("t", "target"), ("g", "step"), ("space", "run"), ("u", "undo"),
    ("↑↓", "class"), ("v", "view"),
    ("Tab", "loss"), ("w/W", "weight"), ("r", "reduce"), ("s/S", "smooth"), ("?", "help"),
    ("q", "quit"),
  ]

  /// The compare view's keys.
  static let compareEntries: [(key: String, label: String)] = [
    ("←→", "p_y"), ("Tab", "highlight"), ("f/F", "γ"), ("s/S", "ε"), ("v", "view"),
    ("u", "undo"), ("y", "log y"), ("?", "help"), ("q", "quit"),
  ]

  /// The landscape view's keys.
  static let landscapeEntries: [(key: String, label: String)] = [
    ("g", "step"), ("space", "run"), ("↑↓", "second logit"), ("[ ]", "zoom"),
    ("←→", "target logit"),
    ("v", "view"), ("u", "undo"), ("s/S", "smooth"), ("?", "help"), ("q", "quit"),
  ]

  /// A quiz's keys, until its reveal.
  static let quizEntries: [(key: String, label: String)] = [
    ("0-9 . -", "guess"), ("Bksp", "erase"), ("Enter", "reveal"), ("Q", "next question"),
    ("Esc", "end"), ("↑↓", "class"), ("?", "help"), ("q", "quit"),
  ]

  /// Always shown, at the right end, whatever the width.
  static let pinned: [(key: String, label: String)] = [("?", "help"), ("q", "quit")]

  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    guard rect.height >= 1 else { return }
    let pinnedWidth = pinned.reduce(0) { $0 + $1.key.count + $1.label.count + 3 }
    var x = rect.x + 1
    let shown: [(key: String, label: String)]
    switch context.state.view {
    case .dashboard where context.state.mode == .quiz: shown = quizEntries
    case .dashboard: shown = entries
    case .compare: shown = compareEntries
    case .landscape: shown = landscapeEntries
    }
    for entry in shown.dropLast(pinned.count) {
      let keyText = context.symbols == .ascii ? asciiKey(entry.key) : entry.key
      guard x + keyText.count + entry.label.count + 3 <= rect.maxX - pinnedWidth else { break }
      x = drawEntry(context, keyText, entry.label, x: x, rect: rect, on: &canvas)
    }
    x = rect.maxX - pinnedWidth
    for entry in pinned {
      x = drawEntry(context, entry.key, entry.label, x: x, rect: rect, on: &canvas)
    }
  }

  private static func drawEntry(
    _ context: RenderContext, _ key: String, _ label: String, x: Int, rect: Rect,
    on canvas: inout Canvas
  ) -> Int {
    let after = canvas.text(key, x: x, y: rect.y, style: Style(.hotkey, bold: true), clip: rect)
    let end = canvas.text(
      " " + label + "  ", x: after, y: rect.y, style: Style(.keyBar), clip: rect)
    // A key that is one key (not ←→ or w/W) is pressed by a click on it.
    if let pressed = Key(name: key == "Tab" ? "tab" : key) {
      context.region(
        Rect(x: x, y: rect.y, width: min(end, rect.maxX) - x - 2, height: 1), .key(pressed))
    }
    return end
  }

  private static func asciiKey(_ key: String) -> String {
    key.replacingOccurrences(of: "←→", with: "<>").replacingOccurrences(of: "↑↓", with: "^v")
  }
}
