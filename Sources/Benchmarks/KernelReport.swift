/// What a loss-kernel benchmark reports, and the measurement both kernels' workloads share.
public struct KernelReport: Sendable {
  public var timings: Timings
  /// Memory the runs held beyond the inputs (the gradient, unless in place).
  public var peakExtraBytes: Int
  /// The mean loss of the last run, so the work cannot be optimised away and can be checked.
  public var loss: Double

  /// Times forward plus backward of a kernel over existing logits.
  ///
  /// - Parameters:
  ///   - logits: The inputs; written over when `inPlace`. Each run then starts from the previous
  ///     run's gradient, which costs the same: the kernels' work does not depend on the values.
  ///   - runs: Timed runs.
  ///   - inPlace: Hand the kernel the logits as its gradient buffer instead of a separate one.
  ///   - progress: Called after each timed run.
  ///   - kernel: One run: the logits and where to write the gradient (`nil` for loss only);
  ///     returns the mean loss.
  /// - Returns: The timings of the runs.
  static func measure(
    logits: inout [Float], runs: Int, inPlace: Bool, progress: (Int) -> Void,
    kernel: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>?) -> Double
  ) -> KernelReport {
    var loss = 0.0
    // One loss-only pass first, so the pages of code and libraries it touches are resident
    // before the measurement starts and are not counted as the run's memory.
    _ = logits.withUnsafeMutableBufferPointer { x in kernel(x.baseAddress!, nil) }
    let baseline = PeakMemory.reset()
    // The output buffer is the runs' one allocation; it is made once and reused, so the timing
    // measures the kernel rather than the operating system faulting in fresh pages.
    var gradient = inPlace ? [] : [Float](repeating: 0, count: logits.count)
    let timings = logits.withUnsafeMutableBufferPointer { x in
      gradient.withUnsafeMutableBufferPointer { g in
        let output = inPlace ? x.baseAddress : g.baseAddress
        return Timings.measure(runs: runs, progress: progress) {
          loss = kernel(x.baseAddress!, output)
        }
      }
    }
    // Everything the runs touched beyond the already-resident inputs.
    return KernelReport(
      timings: timings, peakExtraBytes: PeakMemory.growth(since: baseline), loss: loss)
  }
}
