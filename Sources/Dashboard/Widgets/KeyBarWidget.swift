import Canvas
import TerminalInput
/// The bottom line: the most used keys, each key highlighted. The keys come in order of need,
/// so a narrow terminal drops the last; the views, lessons and loss keys come early so that
/// even 80 columns name them (with one space between entries where two do not fit them).
enum KeyBarWidget {
  static let entries: [(key: String, label: String)] = [
    ("←→", "logit"), ("t", "target"), ("g", "step"), ("u", "undo"), ("v", "view"),
    ("Tab", "loss"), ("L", "lessons"), ("space", "run"), ("↑↓", "class"), ("w/W", "weight"),
    ("r", "reduce"), ("s/S", "smooth"), ("?", "help"), ("q", "quit"),
  ]

  /// The keys a student must be able to find at any width: the views and the lessons.
  static let essential: Set<String> = ["v", "L", "Tab"]

  /// The compare view's keys.
  static let compareEntries: [(key: String, label: String)] = [
    ("←→", "p_y"), ("Tab", "highlight"), ("v", "view"), ("L", "lessons"), ("u", "undo"),
    ("f/F", "γ"), ("y", "log y"), ("X", "log p_y"), ("s/S", "ε"), ("?", "help"), ("q", "quit"),
  ]

  /// The landscape view's keys.
  static let landscapeEntries: [(key: String, label: String)] = [
    ("g", "step"), ("v", "view"), ("L", "lessons"), ("space", "run"), ("↑↓", "second logit"),
    ("[ ]", "zoom"), ("←→", "target logit"), ("u", "undo"), ("s/S", "smooth"), ("?", "help"),
    ("q", "quit"),
  ]

  /// A quiz's keys, until its reveal.
  static let quizEntries: [(key: String, label: String)] = [
    ("0-9 . -", "guess"), ("Bksp", "erase"), ("Enter", "reveal"), ("Q", "next question"),
    ("Esc", "end"), ("↑↓", "class"), ("?", "help"), ("q", "quit"),
  ]

  /// Always shown, at the right end, whatever the width.
  static let pinned: [(key: String, label: String)] = [("?", "help"), ("q", "quit")]

  /// The entries of the view the state shows, in order of need.
  static func entries(for state: DashboardState) -> [(key: String, label: String)] {
    switch state.view {
    case .dashboard where state.mode == .quiz: quizEntries
    case .dashboard: entries
    case .compare: compareEntries
    case .landscape: landscapeEntries
    }
  }

  /// The entries that fit `width` columns before the pinned ones, and the gap between entries:
  /// two spaces, or one where two would drop an essential key.
  static func fitting(_ all: [(key: String, label: String)], width: Int, ascii: Bool) -> (
    entries: [(key: String, label: String)], gap: Int
  ) {
    func fit(gap: Int) -> [(key: String, label: String)] {
      let pinnedWidth = pinned.reduce(0) { $0 + $1.key.count + $1.label.count + 1 + gap }
      var used = 1
      var shown: [(key: String, label: String)] = []
      for entry in all.dropLast(pinned.count) {
        let keyText = ascii ? asciiKey(entry.key) : entry.key
        let entryWidth = keyText.count + entry.label.count + 1 + gap
        guard used + entryWidth <= width - pinnedWidth else { break }
        used += entryWidth
        shown.append((keyText, entry.label))
      }
      return shown
    }
    let wide = fit(gap: 2)
    let wanted = essential.intersection(all.map(\.key))
    guard !wanted.isSubset(of: Set(wide.map(\.key))) else { return (wide, 2) }
    return (fit(gap: 1), 1)
  }

  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    guard rect.height >= 1 else { return }
    // A notice takes the left end and the keys move right of it, dropping the least needed:
    // it hides no key half-drawn, and nothing else on the screen.
    var x = rect.x
    if let notice = context.state.notice {
      x = canvas.text(
        " " + notice + " ", x: x, y: rect.y, style: Style(.warning, bold: true, reverse: true),
        clip: rect)
    }
    let (shown, gap) = fitting(
      entries(for: context.state), width: rect.maxX - x, ascii: context.symbols == .ascii)
    x += 1
    for entry in shown {
      x = drawEntry(context, entry.key, entry.label, gap: gap, x: x, rect: rect, on: &canvas)
    }
    x = rect.maxX - pinned.reduce(0) { $0 + $1.key.count + $1.label.count + 1 + gap }
    for entry in pinned {
      x = drawEntry(context, entry.key, entry.label, gap: gap, x: x, rect: rect, on: &canvas)
    }
  }

  private static func drawEntry(
    _ context: RenderContext, _ key: String, _ label: String, gap: Int, x: Int, rect: Rect,
    on canvas: inout Canvas
  ) -> Int {
    let after = canvas.text(key, x: x, y: rect.y, style: Style(.hotkey, bold: true), clip: rect)
    let end = canvas.text(
      " " + label + String(repeating: " ", count: gap), x: after, y: rect.y, style: Style(.keyBar),
      clip: rect)
    // A key that is one key (not ←→ or w/W) is pressed by a click on it.
    if let pressed = Key(name: key == "Tab" ? "tab" : key) {
      context.region(
        Rect(x: x, y: rect.y, width: min(end, rect.maxX) - x - gap, height: 1), .key(pressed))
    }
    return end
  }

  private static func asciiKey(_ key: String) -> String {
    key.replacingOccurrences(of: "←→", with: "<>").replacingOccurrences(of: "↑↓", with: "^v")
  }
}
