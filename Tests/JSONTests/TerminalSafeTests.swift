import SafeText
import Testing

@Suite struct TerminalSafeTests {
  @Test func escapeSequencesAreShownNotObeyed() {
    #expect(TerminalSafe.escaped("\u{1B}]52;c;aGk=\u{07}") == "\\e]52;c;aGk=\\u{7}")
    #expect(TerminalSafe.escaped("a\u{9B}2Jb") == "a\\u{9b}2Jb")
    #expect(TerminalSafe.escaped("x\ny\tz\r") == "x\\ny\\tz\\r")
    #expect(TerminalSafe.escaped("\u{202E}evil") == "\\u{202e}evil")
    #expect(TerminalSafe.escaped("plain ✓ ⠿ é") == "plain ✓ ⠿ é")
  }

  @Test func longValuesAreCut() {
    let long = String(repeating: "a", count: 500)
    let cut = TerminalSafe.cut(long, limit: 20)
    #expect(cut.count == 20)
    #expect(cut.hasSuffix("…"))
    #expect(TerminalSafe.quoted("ab") == "\"ab\"")
  }

  @Test func everyScalarIsSafeAfterEscaping() {
    // Every C0, DEL and C1 control, ESC included, and escaping is idempotent.
    var text = ""
    for value in UInt32(0)..<0x100 { text.unicodeScalars.append(Unicode.Scalar(value)!) }
    let safe = TerminalSafe.escaped(text)
    #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    #expect(TerminalSafe.escaped(safe) == safe)
  }
}
