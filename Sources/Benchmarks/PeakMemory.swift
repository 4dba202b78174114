import Losses
import Foundation

/// Peak resident memory, measured by the kernel rather than guessed from the code.
///
/// ``reset()`` makes the operating system's high-water mark (`VmHWM`) equal to the current
/// resident size; after some work, ``growth(since:)`` is how far the resident size rose above
/// the value at the reset. It counts every page of memory the work touched for the first time,
/// whoever allocated it, but not the pages of the program's own code and libraries read in from
/// their files on first use (`RssFile`): a path of the kernel that first runs during the
/// measurement is not memory the kernel holds. On systems without `/proc` it reports 0.
public enum PeakMemory {
  /// What ``growth(since:)`` measures from.
  public struct Baseline: Sendable {
    let resident: Int
    let fileBacked: Int
  }

  /// Starts a measurement.
  public static func reset() -> Baseline {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    return Baseline(resident: field("VmRSS"), fileBacked: field("RssFile"))
  }

  /// Bytes the resident size rose above `baseline` at its highest since ``reset()``, less the
  /// code and library pages read in meanwhile.
  public static func growth(since baseline: Baseline) -> Int {
    let peak = field("VmHWM") - baseline.resident
    let code = Swift.max(0, field("RssFile") - baseline.fileBacked)
    return Swift.max(0, peak - code)
  }

  /// A `/proc/self/status` field in bytes.
  ///
  /// Read with `open`/`read` into a buffer on the stack and parsed by hand: through Foundation,
  /// the read allocated some 0.2 MB of fresh memory after the runs, which the high-water mark
  /// then counted as the runs' own.
  private static func field(_ name: String) -> Int {
    let descriptor = open("/proc/self/status", O_RDONLY)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8192) { buffer -> Int in
      var length = 0
      while length < buffer.count {
        let got = read(descriptor, buffer.baseAddress! + length, buffer.count - length)
        if got <= 0 { break }
        length += got
      }
      let key = Array((name + ":").utf8)
      var lineStart = 0
      while lineStart < length {
        var lineEnd = lineStart
        while lineEnd < length && buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        if lineEnd - lineStart > key.count
          && (0..<key.count).allSatisfy({ buffer[lineStart + $0] == key[$0] })
        {
          var value = 0
          for i in (lineStart + key.count)..<lineEnd {
            let byte = buffer[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
              value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
          }
          return value * 1024  // the field is in kB
        }
        lineStart = lineEnd + 1
      }
      return 0
    }
  }
}
