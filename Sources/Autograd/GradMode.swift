/// Whether operations are being recorded for backpropagation.
///
/// Recording is on by default. Inside ``withNoGrad(_:)`` results are plain values with no
/// parents, as under PyTorch's `torch.no_grad()`. The flag is task-local, so a no-grad scope
/// in one task does not affect another.
public enum GradMode {
  @TaskLocal static var enabled = true

  /// Whether results of operations are being recorded.
  public static var isEnabled: Bool { enabled }
}

/// Runs `body` with gradient recording turned off.
///
/// - Parameter body: The work to run without building a graph.
/// - Returns: What `body` returns.
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
  try GradMode.$enabled.withValue(false, operation: body)
}
