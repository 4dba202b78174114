import Losses
import Autograd
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

  /// Peak resident bytes per element of the largest tensor a request computes on: the graph's
  /// float32 values, intermediates and gradients.
  ///
  /// Measured with `/usr/bin/time -f %M` on a release build, less the 21 MB of a trivial
  /// request: MSE on a broadcast 3000 × 3000 pair (6,000 numbers parsed, 9M computed) 352 MB,
  /// 39 bytes per computed element. 48 leaves room for the losses not measured.
  public static let bytesPerComputedElement = 48

  /// Peak resident bytes per number parsed from the request (its JSON value, the doubles, the
  /// floats). Measured the same way: cross-entropy on one 1,000,000-class row 66 MB in all,
  /// 66 bytes per element, 27 of them parsing; BCE with logits on 2000 × 2000 input and target
  /// (8M parsed, 4M computed) 348 MB, which 27 and 39 over-estimate by 7%.
  public static let bytesPerParsedElement = 32
  /// The largest N × D × V of one `linear_cross_entropy` request: its three products are
  /// 6·N·D·V flop, about 9 s at the fused kernel's 88 GFLOP/s on one core here.
  public static let maximumLinearWork = 1 << 37

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
  /// The estimate is ``bytesPerParsedElement`` for every number in the request plus
  /// ``bytesPerComputedElement`` for each element of the largest tensor the loss computes on:
  /// the broadcast of `input` and `target` for the elementwise losses (an `input` of N and a
  /// `target` of N×1 make N×N), or the larger of the two otherwise. Each size is at most 2^26,
  /// so the sums below cannot overflow. `extraBytes` is what a loss holds besides (the linear +
  /// cross-entropy's block of logits).
  ///
  /// - Throws: ``JSON/JSONError/tooLarge(_:)`` naming the limit.
  func check(input: [Int], target: [Int], others: [[Int]], extraBytes: Int = 0) throws {
    var largest = 0
    var parsed = 0
    for dims in [input, target] + others {
      let count = try ElementLimit.count(of: dims, what: "a tensor")
      largest = Swift.max(largest, count)
      parsed += count
    }
    if let broadcast = Shape(input).broadcast(with: Shape(target)) {
      let count = try ElementLimit.count(
        of: broadcast.dims, what: "the broadcast of input and target")
      largest = Swift.max(largest, count)
    }
    let bytes =
      parsed * EvalLimits.bytesPerParsedElement + largest * EvalLimits.bytesPerComputedElement
      + extraBytes
    guard bytes <= maxMemory else {
      throw JSONError.tooLarge(
        "the request needs about \(megabytes(bytes)) (\(largest) elements), more than the "
          + "memory limit of \(ElementLimit.describeBytes(maxMemory)) (--max-memory)")
    }
  }

  private func megabytes(_ bytes: Int) -> String {
    bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : "\(Swift.max(1, bytes >> 20)) MiB"
  }
}
