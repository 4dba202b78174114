import JSON

/// What one `eval` request may cost, checked before anything of its size is allocated.
///
/// Every tensor in a request holds at most ``JSON/ElementLimit/maximumElements`` elements, and
/// its estimated peak memory is at most ``maxMemory``: a request past either gets an error line
/// and the stream goes on.
public struct EvalLimits: Sendable {
  /// The memory budget of one request, in bytes (1 GiB unless `--max-memory` says otherwise).
  public var maxMemory: Int

  /// The default budget: 1 GiB.
  public static let defaultMaxMemory = 1 << 30

  /// Peak resident bytes per element of the largest tensor a request computes on.
  ///
  /// Measured (peak RSS less the idle process, `/usr/bin/time -v`) on a release build: MSE on a
  /// broadcast 3000×3000 pair 31 bytes per element, cross-entropy on a 1×1,000,000 row 33,
  /// BCE 4000×4000 30. The JSON text, its parsed values (doubles) and the graph's float32
  /// intermediates and gradients all count; 48 leaves room for the losses not measured.
  public static let bytesPerElement = 48

  public init(maxMemory: Int = EvalLimits.defaultMaxMemory) {
    self.maxMemory = maxMemory
  }

  /// The longest request line read whole; a longer one is answered with an error unread.
  ///
  /// A number takes at least two bytes of text and some 24 bytes once parsed, so a line past a
  /// twelfth of the budget could not fit in it anyway.
  public var maxLineBytes: Int { Swift.max(maxMemory / 12, 1 << 16) }

  /// Checks a request's tensor sizes against the budget.
  ///
  /// The largest tensor the loss computes on is the broadcast of `input` and `target` for the
  /// elementwise losses (an `input` of N and a `target` of N×1 make N×N), or the larger of the
  /// two otherwise.
  ///
  /// - Throws: ``JSON/JSONError/tooLarge(_:)`` naming the limit.
  func check(input: [Int], target: [Int], others: [[Int]]) throws {
    var largest = 0
    for dims in [input, target] + others {
      largest = Swift.max(largest, try ElementLimit.count(of: dims, what: "a tensor"))
    }
    if let broadcast = ElementLimit.broadcast(input, target) {
      let count = try ElementLimit.count(of: broadcast, what: "the broadcast of input and target")
      largest = Swift.max(largest, count)
    }
    let (bytes, overflow) = largest.multipliedReportingOverflow(by: EvalLimits.bytesPerElement)
    guard !overflow, bytes <= maxMemory else {
      throw JSONError.tooLarge(
        "the request needs about \(megabytes(overflow ? Int.max : bytes)) (\(largest) elements), more than the "
          + "memory limit of \(ElementLimit.describeBytes(maxMemory)) (--max-memory)")
    }
  }

  private func megabytes(_ bytes: Int) -> String {
    bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : "\(Swift.max(1, bytes >> 20)) MiB"
  }
}
