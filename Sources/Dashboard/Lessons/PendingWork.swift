import Losses

/// The dashboard's one effect: the large-vocab lesson's measurements, which take real time.
///
/// `update` stays pure: `g` only marks the sizes to measure. The front end (the terminal loop, or
/// `snapshot`) calls ``performPendingWork(_:)`` between frames, which measures one size and
/// returns the action that records it, so the progress bar moves while it works.
public enum PendingWork {
  /// Measures the next pending size, if any.
  ///
  /// - Returns: The action recording the result, or `nil` when nothing is pending.
  public static func performPendingWork(_ state: DashboardState) -> Action? {
    guard let size = state.pendingMeasurement else { return nil }
    return .recordMeasurement(VocabularyBenchmark.measure(batch: size.batch, classes: size.classes))
  }
}
