import Canvas
import Dashboard
import SnapshotTesting
import Testing

/// The compare view with its log-scale p_y axis, where the why-not-mse lesson lives.
@Suite struct CompareViewTests {
  /// why-not-mse at 120×40 with key X: the axis runs from 10⁻⁴, so the lesson's p_y = 0.0024
  /// sits well inside the plot, and every curve's point is drawn: five points, five colours,
  /// none hidden under another.
  @Test func logScaleShowsEveryCurvesPointAtTheLessonsSample() throws {
    let lesson = try #require(LessonCatalog.lesson("why-not-mse"))
    let state = DashboardState(lesson: lesson).pressing(
      [.character("X")], width: 120, height: 40)
    #expect(state.probabilityAxis == .logarithmic)
    let frame = Frame.render(state, width: 120, height: 40)
    assertSnapshot(of: frame.plainText, as: .lines, named: "why-not-mse-log-p-120x40")
    let text = frame.plainText
    #expect(text.contains("ℓ vs log p_y") && text.contains("0.0001") && text.contains("0.001"))
    // The loss plot's points: the ● cells of the top plot, by the curve's colour.
    let plotRows = 2..<17
    var points: [Role: Int] = [:]
    for y in plotRows {
      for x in 0..<76 where frame[x, y].character == "●" {
        points[frame[x, y].style.role, default: 0] += 1
      }
    }
    #expect(
      points == [.series1: 1, .series2: 1, .series3: 1, .series4: 1, .series5: 1],
      "\(points)\n\(text)")
    // p_y = 0.0024 is about a tenth of the way along the log axis, not squashed on its edge.
    let columns = (0..<76).filter { x in plotRows.contains { frame[x, $0].character == "●" } }
    #expect(columns.allSatisfy { $0 > 15 && $0 < 40 }, "\(columns)")
    // Each curve's glyph and label tell it apart by shape too.
    for label in ["■", "▲", "◆", "×", "▼", "focal", "MSE", "BCE"] {
      #expect(text.contains(label), "\(label)")
    }
  }

  /// A click on the log axis sets p_y read along it: the column a tenth of the way across is
  /// about 10^(−4 + 0.4).
  @Test func aClickReadsTheLogAxis() throws {
    let lesson = try #require(LessonCatalog.lesson("why-not-mse"))
    let state = DashboardState(lesson: lesson).pressing(
      [.character("X")], width: 120, height: 40)
    let axis = try #require(
      Frame.regions(state, width: 120, height: 40).first { $0.target == .probabilityAxis })
    let column = axis.rect.x + axis.rect.width / 2
    let clicked = state.pressing(
      [
        .mouse(.init(.click, column: column, row: axis.rect.y + 1)),
        .mouse(.init(.release, column: column, row: axis.rect.y + 1)),
      ], width: 120, height: 40)
    let p = clicked.analysis.probabilities[0][0]
    let fraction = (Double(column - axis.rect.x) + 0.5) / Double(axis.rect.width)
    let expected = Float(ProbabilityAxis.logarithmic.probability(fraction))
    #expect(abs(p - expected) / expected < 0.01, "p_y \(p), expected \(expected)")
  }
}
