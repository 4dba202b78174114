import Testing

@testable import TerminalUI

/// The start's replies come from whatever answers the terminal: garbage never traps the parser,
/// and what it takes from garbage stays in range.
@Suite struct TerminalReportTests {
  @Test func garbageRepliesParseToSomethingSane() {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      return seed
    }
    // Pieces of real replies, cut and mixed with random bytes.
    let pieces = [
      "\u{1B}]11;rgb:", "ffff/", "0/", "zz", "\u{07}", "\u{1B}\\", "\u{1B}[?", "62;", "4;", "c",
      "\u{1B}[6;", "20;", "99999999999999999999;", "t", "\u{1B}_Gi=31;OK", "\u{1B}[?2026;", "2$y",
    ].map { Array($0.utf8) }
    for _ in 0..<3000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(next() % 12) {
        if next() % 3 == 0 {
          bytes += (0..<Int(next() % 8)).map { _ in UInt8(truncatingIfNeeded: next()) }
        } else {
          bytes += pieces[Int(next() % UInt64(pieces.count))]
        }
      }
      let report = TerminalReport.parse(bytes)
      if let size = report.cellSize {
        #expect((2...256).contains(size.width) && (4...512).contains(size.height))
      }
      _ = report.appearance
    }
  }
}
