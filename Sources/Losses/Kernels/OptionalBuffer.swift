/// Calls `body` with the base address of `array`, or with `nil` when there is no array: for the
/// kernels' optional weights.
func withOptionalPointer<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
  guard let array else { return body(nil) }
  return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
