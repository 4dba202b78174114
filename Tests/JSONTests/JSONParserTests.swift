import Foundation
import JSON
import Testing

@Suite struct JSONParserTests {
  @Test(arguments: [
    ("9007199254740993", "9007199254740993"),
    ("1e400", "1e400"),
    ("-0.0", "-0.0"),
    ("[1, {\"a\": \"x\\u001b\"}]", "[1, {\"a\": \"x\\u001b\"}]"),
    ("\"é\"", "\"é\""),
  ])
  func memberTextIsTheSourceText(id: String, expected: String) throws {
    let (_, members) = try JSONValue.parseKeepingMemberText("{\"id\": \(id) , \"loss\": 1}")
    #expect(members["id"] == expected)
    #expect(members["loss"] == "1")
  }

  @Test func nestedMembersAreNotRecorded() throws {
    let (_, members) = try JSONValue.parseKeepingMemberText("{\"a\": {\"id\": 5}}")
    #expect(Set(members.keys) == ["a"])
  }

  @Test func numbersDoNotDependOnTheLocale() throws {
    // Under a comma-decimal locale strtod reads "0.5" as 0; the parser must not.
    let saved = String(cString: setlocale(LC_NUMERIC, nil))
    defer { setlocale(LC_NUMERIC, saved) }
    for name in ["de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"] where setlocale(LC_NUMERIC, name) != nil {
      #expect(try JSONValue.parse("[0.5, 1e-3]") == .array([.number(0.5), .number(0.001)]))
    }
  }

  @Test func outOfRangeNumbersAreInfinite() throws {
    #expect(try JSONValue.parse("1e400") == .number(.infinity))
    #expect(try JSONValue.parse("-1e400") == .number(-.infinity))
  }

  @Test(arguments: ["\u{1B}]52;c;aGk=\u{07}", "\u{9B}2J", "\u{7F}"])
  func errorsNeverCarryControlCharacters(text: String) {
    #expect(throws: JSONError.self) { try JSONValue.parse(text) }
    do { _ = try JSONValue.parse(text) } catch {
      #expect(
        !"\(error)".unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }
  }

  @Test func invalidUTF8IsNamedAsABytes() {
    // A byte ≥ 0x80 where a value should start is named by its value, not as a Latin-1 letter.
    do {
      _ = try JSONValue.parse("\u{FFFD}")
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("byte 0xef"))
    }
  }
}
