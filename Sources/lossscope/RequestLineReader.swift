import Evaluation
import Foundation

/// Reads standard input as lines of bytes, each at most `limit` bytes kept.
///
/// `readLine` would hold any line whole, however long, and turns invalid UTF-8 into U+FFFD
/// silently; this keeps at most `limit` bytes of a line (the rest is read and dropped, and the
/// line reported as too long), and leaves the UTF-8 check to the caller.
struct RequestLineReader {
  /// One line of input.
  enum Line {
    /// The line's bytes, without the newline.
    case bytes([UInt8])
    /// A line longer than the limit; how many bytes it had.
    case tooLong(Int)
  }

  private let descriptor: Int32
  private let limit: Int
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)
  private var start = 0
  private var end = 0
  private var atEnd = false

  init(descriptor: Int32 = STDIN_FILENO, limit: Int) {
    self.descriptor = descriptor
    self.limit = limit
  }

  /// The next line, or `nil` at the end of input. A last line without a newline counts.
  mutating func next() -> Line? {
    var line: [UInt8] = []
    var length = 0
    while true {
      if start == end {
        if atEnd || !refill() { return length > 0 ? finished(line, length) : nil }
      }
      let chunk = buffer[start..<end]
      if let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) {
        append(chunk[start..<newline], to: &line, length: &length)
        start = newline + 1
        return finished(line, length)
      }
      append(chunk, to: &line, length: &length)
      start = end
    }
  }

  private func finished(_ line: [UInt8], _ length: Int) -> Line {
    length > limit ? .tooLong(length) : .bytes(line)
  }

  private func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8], length: inout Int) {
    length += bytes.count
    if length <= limit { line.append(contentsOf: bytes) } else if !line.isEmpty { line = [] }
  }

  private mutating func refill() -> Bool {
    while true {
      let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        atEnd = true
        return false
      }
      start = 0
      end = n
      return true
    }
  }
}
