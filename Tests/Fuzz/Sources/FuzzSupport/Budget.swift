import Foundation

/// The bounds every fuzz target of the third hostile-input round checks on each input: no trap
/// (libFuzzer reports those), at most `seconds` of work and at most `megabytes` of resident
/// memory growth. libFuzzer's own -timeout and -rss_limit_mb are the backstops; these make the
/// bound the issue asks for (seconds, not minutes; far under a gigabyte) a failure of its own.
public func withinBudget(seconds: Double = 3, megabytes: Int = 512, _ body: () -> Void) {
  let start = DispatchTime.now().uptimeNanoseconds
  let before = residentBytes()
  body()
  let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  precondition(elapsed <= seconds, "took \(elapsed) s, more than \(seconds) s")
  let grown = max(0, residentBytes() - before)
  precondition(grown <= megabytes << 20, "grew by \(grown >> 20) MB")
}

/// The process's resident set, from /proc/self/statm.
func residentBytes() -> Int {
  guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
    return 0
  }
  let fields = text.split(separator: " ")
  return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}
