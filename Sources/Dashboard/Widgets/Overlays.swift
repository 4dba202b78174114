import Canvas
/// Boxes drawn over the dashboard: the help listing, the state string, and the notice shown
/// when the terminal is too small.
enum Overlays {
  /// Every binding, in a centred box (two columns when one does not fit).
  static func help(_ context: RenderContext, on canvas: inout Canvas) {
    let entries = Keymap.help
    let keyWidth = entries.map(\.keys.count).max() ?? 0
    let lines = entries.map {
      $0.keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "   " + $0.meaning
    }
    let lineWidth = lines.map(\.count).max() ?? 0
    let available = canvas.bounds.inset(1)
    let columns =
      lines.count + 2 > available.height && 2 * (lineWidth + 3) + 2 <= available.width ? 2 : 1
    let perColumn = (lines.count + columns - 1) / columns
    let width = min(available.width, columns * (lineWidth + 3) + 1)
    let height = min(available.height, perColumn + 2)
    let rect = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(rect, with: Cell(" ", Style(.overlay)))
    let scrolls = lines.count > columns * max(1, rect.height - 2)
    let inner = context.box(
      on: &canvas,
      rect, title: "keys · ? or Esc closes" + (scrolls ? " · ↑↓ scroll" : ""), hotkey: "?")
    // Where it does not fit it scrolls, one column, from the state's offset.
    let first = scrolls ? min(context.state.helpOffset, max(0, lines.count - inner.height)) : 0
    for (index, line) in lines.enumerated().dropFirst(first) {
      let column = scrolls ? 0 : index / perColumn
      let row = scrolls ? index - first : index % perColumn
      guard row < inner.height else { continue }
      let x = inner.x + 1 + column * (lineWidth + 3)
      let key = String(line.prefix(keyWidth))
      let rest = String(line.dropFirst(keyWidth))
      // Bold, on the overlay's own background like the descriptions.
      let after = canvas.text(
        key, x: x, y: inner.y + row, style: Style(.overlay, bold: true), clip: inner)
      canvas.text(rest, x: after, y: inner.y + row, style: Style(.overlay), clip: inner)
    }
    if scrolls && first + inner.height < lines.count {
      canvas.text(
        context.symbols == .ascii ? "v" : "↓", x: inner.maxX - 1, y: inner.maxY - 1, style: .dim,
        clip: inner)
    }
    if scrolls && first > 0 {
      canvas.text(
        context.symbols == .ascii ? "^" : "↑", x: inner.maxX - 1, y: inner.y, style: .dim,
        clip: inner)
    }
  }

  /// The lesson picker: every lesson, the highlighted one reversed.
  static func lessonPicker(_ context: RenderContext, on canvas: inout Canvas) {
    let lessons = LessonCatalog.all
    let idWidth = lessons.map(\.id.count).max() ?? 0
    let lines = lessons.map {
      $0.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  " + $0.title
    }
    let available = canvas.bounds.inset(1)
    let width = min(available.width, (lines.map(\.count).max() ?? 0) + 4)
    let height = min(available.height, lines.count + 2)
    let rect = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(rect, with: Cell(" ", Style(.overlay)))
    let inner = context.box(
      on: &canvas,
      rect, title: "lessons · ↑↓ Enter opens · Esc", hotkey: nil)
    let selected = context.state.pickerIndex
    let first = min(max(0, selected - inner.height / 2), max(0, lines.count - inner.height))
    for row in 0..<min(inner.height, lines.count - first) {
      let index = first + row
      let isSelected = index == selected
      canvas.put(
        isSelected ? context.symbols.selectionGlyph : " ", x: inner.x, y: inner.y + row,
        style: Style(.selected, bold: true))
      canvas.text(
        lines[index], x: inner.x + 2, y: inner.y + row,
        style: Style(isSelected ? .selected : .overlay, bold: isSelected, reverse: isSelected),
        clip: inner)
    }
  }

  /// The scenario as a `--state` string on one line in a centred box, with how to scroll and
  /// copy it.
  static func stateString(_ context: RenderContext, on canvas: inout Canvas) {
    // One line, scrolled rather than wrapped, so what is selected and copied is the string.
    let text = StateString.encode(context.state.scenario)
    let available = canvas.bounds.inset(2)
    let width = min(available.width, max(50, min(text.count + 4, 100)))
    let height = min(available.height, 5)
    let rect = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(rect, with: Cell(" ", Style(.overlay)))
    let inner = context.box(
      on: &canvas,
      rect, title: "state · lossscope --state '…' · P closes", hotkey: "P"
    )
    guard inner.height >= 1, inner.width >= 4 else { return }
    let room = inner.width - 2
    let offset = min(context.state.stateStringOffset, max(0, text.count - room))
    let shown = String(text.dropFirst(offset).prefix(room))
    canvas.text(offset > 0 ? "<" : " ", x: inner.x, y: inner.y, style: .dim, clip: inner)
    canvas.text(shown, x: inner.x + 1, y: inner.y, style: Style(.overlay, bold: true), clip: inner)
    if offset + room < text.count {
      canvas.text(">", x: inner.maxX - 1, y: inner.y, style: .dim, clip: inner)
    }
    if inner.height >= 3 {
      let hint =
        (text.count > room ? "←/→ scroll · " : "") + "c copies to the clipboard · P or Esc closes"
      canvas.text(hint, x: inner.x + 1, y: inner.y + 2, style: Style(.overlay), clip: inner)
    }
  }

  /// "terminal too small: need W×H, have w×h", centred and clipped to whatever there is.
  static func tooSmall(on canvas: inout Canvas) {
    let message =
      "terminal too small: need \(Layout.minimumWidth)×\(Layout.minimumHeight), have \(canvas.width)×\(canvas.height)"
    let words = message.split(separator: " ").map(String.init)
    var lines: [String] = []
    for word in words {
      if let last = lines.last, last.count + 1 + word.count <= canvas.width {
        lines[lines.count - 1] = last + " " + word
      } else {
        lines.append(word)
      }
    }
    let top = max(0, (canvas.height - lines.count) / 2)
    for (row, line) in lines.enumerated() {
      canvas.text(
        line, x: max(0, (canvas.width - line.count) / 2), y: top + row,
        style: Style(.warning, bold: true))
    }
  }
}
