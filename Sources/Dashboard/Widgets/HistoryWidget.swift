import Canvas
/// A sparkline of the loss over the last changes and descent steps.
enum HistoryWidget {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {
    let inner = context.box(on: &canvas, rect, title: "history · u undo", hotkey: "u")
    guard inner.width >= 8, inner.height >= 1 else { return }
    // Under a quiz on the loss, the latest value is neither drawn nor written.
    let history = context.state.lossHistory.dropLast(context.hidden.contains(.loss) ? 1 : 0)
    let values = history.filter(\.isFinite)
    let last = context.state.lossHistory.last ?? .nan
    let summary = " now \(context.masked(NumberFormat.fixed4(last), .loss))"
    let sparkWidth = max(0, inner.width - summary.count)
    let shown = Array(values.suffix(sparkWidth))
    let sparks = context.symbols.sparks
    let rows = inner.height
    for (column, level) in Sparkline.levels(shown, rows: rows, steps: sparks.count).enumerated() {
      for row in 0..<rows {
        let fromBottom = rows - 1 - row
        let cellLevel = level - fromBottom * sparks.count
        guard cellLevel >= 0 else { continue }
        canvas.put(
          sparks[min(cellLevel, sparks.count - 1)], x: inner.x + column, y: inner.y + row,
          style: Style(.accent))
      }
    }
    canvas.text(summary, x: inner.maxX - summary.count, y: inner.y, style: .text, clip: inner)
  }
}
