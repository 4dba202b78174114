/// What the screen shows: the dashboard's panels, the loss family compared, or the loss
/// landscape over two logits. `v` cycles through them in this order.
public enum DashboardView: String, CaseIterable, Sendable {
  case dashboard, compare, landscape

  /// The view after this one, wrapping around.
  public var next: DashboardView {
    let all = DashboardView.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}
