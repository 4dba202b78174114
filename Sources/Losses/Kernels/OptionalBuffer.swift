/// Calls `body` with the base address of `array`, or with `nil` when there is no array: for the
/// kernels' optional weights.
func withOptionalPointer<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
  guard let array else { return body(nil) }
  return array.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// Calls `body` with the base address of `array` for writing, or with `nil` when there is none.
func withOptionalMutablePointer<R>(
  _ array: inout [Float]?, _ body: (UnsafeMutablePointer<Float>?) -> R
) -> R {
  guard array != nil else { return body(nil) }
  return array!.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
