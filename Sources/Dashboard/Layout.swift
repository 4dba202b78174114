import Canvas
/// Where each panel goes for a given terminal size.
///
/// The loss curve and numbers on top; below them the pipeline table, beside the gradient bars
/// from 120 columns and between the softmax bars and the gradient bars from 180 (below 120 the
/// table carries small bars of its own); then the history and the key bar.
public struct Layout: Equatable, Sendable {
  public var title: Rect
  public var curve: Rect
  public var numbers: Rect
  /// The pipeline table (logits to gradients, one row per class).
  public var table: Rect
  /// The softmax bars, from 180 columns.
  public var bars: Rect?
  /// The gradient bars and simplex, from 120 columns.
  public var gradients: Rect?
  /// The history sparkline, or the lesson's explanation when one is shown.
  public var history: Rect
  public var keyBar: Rect

  /// The smallest terminal the dashboard draws in.
  public static let minimumWidth = 72
  public static let minimumHeight = 22

  /// The layout for a terminal, or `nil` when it is smaller than the minimum.
  ///
  /// Panels take what the scenario needs: the table one row per class (and, from 40 rows, room
  /// for the simplex beside it), the lesson panel its lines (or the history 3 to 5 rows), and
  /// the curve and numbers the rest.
  ///
  /// - Parameters:
  ///   - width: Columns.
  ///   - height: Rows.
  ///   - panelLines: Lines wanted in the bottom panel (a lesson's explanation); 0 for the history.
  ///   - classes: Rows the table needs (the scenario's classes).
  public init?(width: Int, height: Int, panelLines: Int = 0, classes: Int = 3) {
    guard width >= Layout.minimumWidth, height >= Layout.minimumHeight else { return nil }
    let screen = Rect(x: 0, y: 0, width: width, height: height)
    var rest: Rect
    (title, rest) = screen.splitRows(1)
    let available = height - 2
    let minimumTop = height >= 40 ? 14 : 8
    var tableHeight = classes + 3
    // Three classes get the simplex beside the gradient bars when there is room for it.
    if height >= 40 && classes == 3 { tableHeight = max(tableHeight, min(16, available * 2 / 5)) }
    tableHeight = min(tableHeight, max(5, (available - minimumTop) / 2))
    let historyHeight =
      panelLines > 0
      ? max(3, min(panelLines + 2, available - tableHeight - minimumTop))
      : (height >= 40 ? 5 : 3)
    let body: Rect
    (body, rest) = rest.splitRows(rest.height - historyHeight - 1)
    (history, keyBar) = rest.splitRows(historyHeight)
    let (top, bottom) = body.splitRows(body.height - tableHeight)
    let numbersWidth = max(34, min(52, width * 2 / 5))
    (curve, numbers) = top.splitColumns(top.width - numbersWidth)
    if width >= 180 {
      let (left, rest) = bottom.splitColumns(bottom.width * 3 / 10)
      let (middle, right) = rest.splitColumns(rest.width * 4 / 7)
      (bars, table, gradients) = (left, middle, right)
    } else if width >= 120 {
      let (left, right) = bottom.splitColumns(bottom.width / 2)
      (bars, table, gradients) = (nil, left, right)
    } else {
      (bars, table, gradients) = (nil, bottom, nil)
    }
  }
}
