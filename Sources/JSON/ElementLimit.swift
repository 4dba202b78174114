/// The one place where sizes from outside (a request, a command-line option, a recording) are
/// multiplied out and checked, before anything of that size is allocated.
///
/// Products are computed with overflow checks, so `4294967296 × 4294967296` or seventy nested
/// pairs cannot wrap around into a small number that passes.
public enum ElementLimit {
  /// The most elements in one tensor: 2^26 (64 Mi), 256 MiB of float32.
  public static let maximumElements = 1 << 26

  /// The product of `dims`, if it is at most `limit`.
  ///
  /// - Parameters:
  ///   - dims: Sizes, each at least 0.
  ///   - what: What is being sized, for the message (`"input"`, `"--batch × --classes"`).
  ///   - limit: The most elements accepted.
  /// - Returns: The product.
  /// - Throws: ``JSONError/tooLarge(_:)`` naming `what` and the limit.
  public static func count(of dims: [Int], what: String, limit: Int = maximumElements) throws -> Int
  {
    guard let product = checkedProduct(dims), product <= limit else {
      throw JSONError.tooLarge("\(what) has more than \(describe(limit)) elements (the limit)")
    }
    return product
  }

  /// The product of `dims`, or `nil` when a size is negative or the product overflows `Int`.
  ///
  /// An empty dimension makes the product 0 whatever follows, as in a tensor's element count.
  public static func checkedProduct(_ dims: [Int]) -> Int? {
    guard dims.allSatisfy({ $0 >= 0 }) else { return nil }
    if dims.contains(0) { return 0 }
    var product = 1
    for size in dims {
      let (next, overflow) = product.multipliedReportingOverflow(by: size)
      if overflow { return nil }
      product = next
    }
    return product
  }

  /// A limit as people write it: `67108864` as `2^26`, a power of two of bytes as `1 GiB`.
  public static func describe(_ limit: Int) -> String {
    limit > 0 && limit & (limit - 1) == 0 && limit >= 1024
      ? "2^\(limit.trailingZeroBitCount)" : "\(limit)"
  }

  /// A byte count as `1 GiB`, `512 MiB` or `4096 bytes`.
  public static func describeBytes(_ bytes: Int) -> String {
    if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    return "\(bytes) bytes"
  }
}
