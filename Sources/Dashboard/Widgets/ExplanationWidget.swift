import Foundation
import Losses
import Canvas
import Benchmarks

/// A lesson's panel: the open step's text, the numbers it computes through the Losses library,
/// the keys to try, and (in the training lesson) the step count and loss history. Scrolled with
/// `>` and `<` where it does not fit; the keys to try stay on its last line.
enum ExplanationWidget {
  /// The open step (the first when the state's index is out of range).
  static func step(_ lesson: Lesson, _ state: DashboardState) -> Lesson.Step {
    lesson.steps.indices.contains(state.lessonStep)
      ? lesson.steps[state.lessonStep] : lesson.steps[0]
  }

  /// The text lines, in order (the training status first in the training lesson).
  static func lines(_ lesson: Lesson, _ state: DashboardState) -> [String] {
    let status =
      state.training.map { training in
        [
          "training step \(training.steps) · loss \(masked(NumberFormat.fixed4(state.lossHistory.last ?? .nan), state)) · history "
        ]
      } ?? []
    // Measurements, once asked for, come before the explanation: the numbers g measures are
    // what was asked for.
    let measured = measurementLines(state)
    let asked = state.measurements?.isEmpty == false  // styledLines places them the same way
    let step = step(lesson, state)
    // A prediction step's figures are its answers: shown from the reveal on.
    let figures =
      state.quiz.map { !$0.revealed } == true
      ? [] : step.figures.map { "\($0.label) = \($0.value())" }
    return status + (asked ? measured : []) + step.text + figures + (asked ? [] : measured)
      + ["try: " + step.keys]
  }

  /// A number as the panel shows it: its digits `?` while a quiz hides the loss.
  static func masked(_ text: String, _ state: DashboardState) -> String {
    state.quiz?.hidden.contains(.loss) == true ? Quiz.masked(text) : text
  }

  /// The most the panel can scroll: every line but one, wrapped at the narrowest panel the
  /// dashboard draws (a 72-column terminal), folded to ASCII or not (folding lengthens lines).
  static func lineLimit(_ lesson: Lesson, _ state: DashboardState) -> Int {
    max(
      0,
      max(
        styledLines(lesson, state, width: 70).count,
        styledLines(lesson, state, width: 70, ascii: true).count) - 1)
  }

  /// The large-vocab table: a progress bar while measuring, then one row per size (and the
  /// linear step), newest first.
  static func measurementLines(_ state: DashboardState) -> [String] {
    guard let measurements = state.measurements else { return [] }
    guard !measurements.isEmpty else { return ["(press g to measure on this machine)"] }
    let done = measurements.compactMap { $0 }
    var lines: [String] = []
    if done.count < measurements.count {
      let width = 20
      let filled = width * done.count / measurements.count
      let size = VocabularyMeasurement.sizes[done.count]
      lines.append(
        "measuring \(size.batch) × \(size.classes) [" + String(repeating: "█", count: filled)
          + String(repeating: "·", count: width - filled) + "] \(done.count)/\(measurements.count)")
    }
    func time(_ ms: Double) -> String {
      if ms < 0.1 { return String(format: "%.1f µs", ms * 1e3) }
      return ms < 1000 ? String(format: "%.2f ms", ms) : String(format: "%.2f s", ms / 1e3)
    }
    // Newest first: the row just measured sits under the progress bar, and a short terminal
    // (80×24 shows four lines) keeps the largest sizes and the linear step, not the smallest.
    var rows: [String] = []
    for m in done {
      let ratio = m.composedMilliseconds / m.fusedMilliseconds
      // A time of 0 is under the clock's resolution (or a recording's claim): no ratio.
      let verdict =
        !(m.fusedMilliseconds > 0 && m.composedMilliseconds > 0 && ratio.isFinite)
        ? "too fast to compare"
        : ratio >= 1
          ? String(format: "%.1f× faster", ratio) : String(format: "%.1f× slower", 1 / ratio)
      rows.append(
        "\(m.batch) × \(m.classes): fused \(time(m.fusedMilliseconds)), \(String(format: "%.1f", Double(m.fusedBytes) / 1e6)) MB"
          + " · composed \(time(m.composedMilliseconds)), \(String(format: "%.1f", Double(m.composedBytes) / 1e6)) MB · "
          + verdict)
      if let linear = m.linear {
        rows.append(
          String(
            format:
              "%d × %d → %d fused linear + cross-entropy: %@ (%.0f GFLOP/s), %.1f MB extra · "
              + "the logits would be %.1f MB",
            linear.tokens, linear.hidden, linear.vocabulary, time(linear.milliseconds),
            linear.gigaflops, Double(linear.extraBytes) / 1e6, Double(linear.logitsBytes) / 1e6))
      }
    }
    if done.contains(where: { !$0.optimizedBuild }) {
      lines.append(
        "debug build: these times mean nothing; measure with swift run -c release lossscope")
    }
    if state.isReplay, !done.isEmpty { lines.append("(measured on the recording machine)") }
    lines += rows.reversed()
    return lines
  }

  /// The lines as drawn: each wrapped at word boundaries to `width` (continuations indented),
  /// with its style: the explanation plain, numbers bold, the keys to try in the hotkey colour.
  /// The training status line stays one line (its sparkline is drawn after it). With `ascii`,
  /// lines are folded (``AsciiFold``) before they are wrapped, so a folded word is never cut.
  static func styledLines(
    _ lesson: Lesson, _ state: DashboardState, width: Int, ascii: Bool = false
  ) -> [(
    text: String, style: Style
  )] {
    let all = lines(lesson, state).map { ascii ? AsciiFold.fold($0) : $0 }
    let statusCount = state.training == nil ? 0 : 1
    let explanationStart =
      statusCount + (state.measurements?.isEmpty == false ? measurementLines(state).count : 0)
    let textCount = step(lesson, state).text.count
    var out: [(text: String, style: Style)] = []
    for (index, line) in all.enumerated() {
      let offset = index - explanationStart
      let style: Style =
        index == all.count - 1
        ? Style(.hotkey)
        : (offset >= textCount || offset < 0 ? Style(.accent, bold: true) : .text)
      if index < statusCount {
        out.append((line, style))
        continue
      }
      for (part, piece) in wrap(line, width: max(8, width)).enumerated() {
        out.append(((part == 0 ? "" : "  ") + piece, style))
      }
    }
    return out
  }

  /// Words to lines of at most `width` columns (continuations get two columns less); a word
  /// longer than a line is cut.
  static func wrap(_ line: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in line.split(separator: " ", omittingEmptySubsequences: false) {
      let limit = lines.isEmpty ? width : width - 2
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= limit {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
      while current.count > (lines.isEmpty ? width : width - 2) {
        let limit = lines.isEmpty ? width : width - 2
        lines.append(String(current.prefix(limit)))
        current = String(current.dropFirst(limit))
      }
    }
    lines.append(current)
    return lines
  }

  static func draw(
    _ lesson: Lesson, lines: [(text: String, style: Style)], context: RenderContext, in rect: Rect,
    on canvas: inout Canvas
  ) {
    let state = context.state
    let step = step(lesson, state)
    let inner = context.box(
      on: &canvas, rect,
      title:
        "step \(min(state.lessonStep, lesson.steps.count - 1) + 1)/\(lesson.steps.count) · \(step.title) · "
        + (state.mode == .quiz ? "PgDn next · PgUp back" : ". next , back · e hides"),
      hotkey: "e")
    guard inner.width >= 8, inner.height >= 1 else { return }
    var shown = lines
    if state.training != nil, !shown.isEmpty {
      shown[0].text += Sparkline.line(state.lossHistory, width: 30, symbols: context.symbols)
    }
    // The keys to try stay on the last row; the rows above show the text from the scroll
    // position, and where some is cut the first or last of them says so and how to scroll.
    let keys = shown.filter { $0.style.role == .hotkey }
    let body = shown.filter { $0.style.role != .hotkey }
    let rows = max(0, inner.height - keys.count)
    if body.count > rows, rows > 0 {
      let top = min(state.lessonScroll, max(0, body.count - rows))
      var window = Array(body[top..<min(body.count, top + rows)])
      let below = body.count - top - window.count
      if top > 0, window.count > 1 || below == 0 {
        window[0] = ("↑ \(top) more above: < scrolls back", .dim)
      }
      if below > 0 {
        window[window.count - 1] = ("↓ \(below + 1) more lines: > scrolls", .dim)
      }
      shown = window + keys
    }
    for (row, line) in shown.prefix(inner.height).enumerated() {
      canvas.text(line.text, x: inner.x, y: inner.y + row, style: line.style, clip: inner)
    }
  }
}
