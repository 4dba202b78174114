@testable import Dashboard
import Testing
@testable import Canvas

@Suite struct CanvasTests {
  @Test func brailleDotsUseTheStandardBits() {
    var grid = DotGrid(columns: 1, rows: 1, symbols: .braille)
    var canvas = Canvas(width: 1, height: 1)
    grid.set(0, 0, style: .text)  // 0x01
    grid.set(1, 3, style: .text)  // 0x80
    grid.draw(into: &canvas, x: 0, y: 0)
    #expect(canvas[0, 0].character == Character(Unicode.Scalar(0x2881)!))
    var full = DotGrid(columns: 1, rows: 1, symbols: .braille)
    for x in 0..<2 { for y in 0..<4 { full.set(x, y, style: .text) } }
    full.draw(into: &canvas, x: 0, y: 0)
    #expect(canvas[0, 0].character == "⣿")
  }

  @Test func writesOutsideTheCanvasAreClipped() {
    var canvas = Canvas(width: 3, height: 2)
    canvas.text("abcdef", x: 1, y: 1)
    canvas.text("zz", x: -1, y: 0)
    canvas.put("q", x: 5, y: 5)
    #expect(canvas.lines == ["z  ", " ab"])
  }

  @Test func boxesCarryTheirTitleAndHotkey() {
    var canvas = Canvas(width: 20, height: 3)
    let inner = canvas.box(canvas.bounds, title: "history", hotkey: "y")
    #expect(inner == Rect(x: 1, y: 1, width: 18, height: 1))
    #expect(canvas.lines[0] == "┌─ history ────────┐")
    let hotkeyCells = (0..<20).filter { canvas[$0, 0].style == .hotkey }
    #expect(hotkeyCells.count == 1 && canvas[hotkeyCells[0], 0].character == "y")
    #expect(!canvas[hotkeyCells[0], 0].style.underline, "an underline mid-word reads as a typo")
    // A title too long for the box is cut at a word, with an ellipsis.
    var narrow = Canvas(width: 20, height: 3)
    narrow.box(narrow.bounds, title: "numbers · r reduction")
    #expect(narrow.lines[0] == "┌─ numbers · r… ───┐")
  }

  @Test func tickLabelsUseTheFewestExactDigits() {
    #expect(Ticks.labels([0, 0.25, 0.5, 0.75, 1]) == ["0", "0.25", "0.5", "0.75", "1"])
    #expect(Ticks.labels(Ticks.linear(upper: 3, count: 4)) == ["0", "1", "2", "3"])
    #expect(Ticks.labels(Ticks.linear(upper: 0.8, count: 5)) == ["0", "0.2", "0.4", "0.6", "0.8"])
  }

  @Test func numbersPrintAsTheSeedsDo() {
    #expect(NumberFormat.fixed4(0.41703) == "0.4170")
    #expect(NumberFormat.fixed4(.infinity) == "inf")
    #expect(NumberFormat.signed4(0.24243) == "+0.2424")
    #expect(NumberFormat.short(0.15) == "0.15")
  }
}

@Suite struct CanvasDiffTests {
  @Test func withoutAPreviousFrameEveryCellIsSent() {
    var canvas = Canvas(width: 4, height: 2)
    canvas.text("ab", x: 1, y: 1)
    let diff = CanvasDiff(from: nil, to: canvas)
    #expect(diff.isFull)
    #expect(diff.changes.count == 8)
    #expect(
      diff.changes.map { "\($0.x),\($0.y)" } == [
        "0,0", "1,0", "2,0", "3,0", "0,1", "1,1", "2,1", "3,1",
      ])
  }

  @Test func onlyChangedCellsAreSentInReadingOrder() {
    var before = Canvas(width: 5, height: 3)
    before.text("hello", x: 0, y: 0)
    var after = before
    after.put("j", x: 0, y: 0)
    after.put("x", x: 4, y: 2)
    after.put("e", x: 1, y: 0, style: Style(.accent, bold: true))  // same character, new style
    let diff = CanvasDiff(from: before, to: after)
    #expect(!diff.isFull)
    #expect(
      diff.changes == [
        CanvasDiff.Change(x: 0, y: 0, cell: Cell("j", .text)),
        CanvasDiff.Change(x: 1, y: 0, cell: Cell("e", Style(.accent, bold: true))),
        CanvasDiff.Change(x: 4, y: 2, cell: Cell("x", .text)),
      ])
    #expect(CanvasDiff(from: after, to: after).changes.isEmpty)
  }

  @Test func aNewSizeIsAWholeRedraw() {
    let diff = CanvasDiff(from: Canvas(width: 5, height: 3), to: Canvas(width: 3, height: 5))
    #expect(diff.isFull)
    #expect(diff.changes.count == 15)
  }
}
