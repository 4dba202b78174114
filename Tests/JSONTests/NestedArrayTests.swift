import JSON
import Testing

@Suite struct NestedArrayTests {
  /// `[[[…[1,0]…,0],0],0]`: 2^depth elements claimed by the first path, overflowing Int at 64.
  static func pairs(depth: Int) -> String {
    var text = "[1,0]"
    for _ in 1..<depth { text = "[" + text + ",0]" }
    return text
  }

  @Test(arguments: [30, 63, 64, 70, 200])
  func deepPairsAreRefusedBeforeAllocating(depth: Int) throws {
    let value = try JSONValue.parse(Self.pairs(depth: depth))
    #expect(throws: JSONError.tooLarge("\"input\" has more than 2^26 elements (the limit)")) {
      try NestedArray.flatten(value, field: "input")
    }
  }

  @Test func raggedArraysClaimingHugeSizesAreRefused() throws {
    // The first path claims 1000^4 elements; the rest is tiny.
    let row = "[" + Array(repeating: "0", count: 1000).joined(separator: ",") + "]"
    let text = "[[[\(row)]]]"
    let value = try JSONValue.parse(text)
    #expect(try NestedArray.flatten(value, field: "x").dims == [1, 1, 1, 1000])
    let ragged = try JSONValue.parse("[\(row), [1]]")
    #expect(throws: JSONError.badValue("\"x\" is not a rectangular array of numbers")) {
      try NestedArray.flatten(ragged, field: "x")
    }
  }

  @Test func aMillionClassRowIsWithinTheLimit() throws {
    let value = JSONValue.array(Array(repeating: .number(0.5), count: 1_000_000))
    let (values, dims) = try NestedArray.flatten(value, field: "input")
    #expect(dims == [1_000_000])
    #expect(values.count == 1_000_000)
  }

  @Test func limitsAreChecked() throws {
    #expect(ElementLimit.checkedProduct([4_294_967_296, 4_294_967_296]) == nil)
    #expect(ElementLimit.checkedProduct([Int.max, 2]) == nil)
    #expect(ElementLimit.checkedProduct([-5, 3]) == nil)
    #expect(ElementLimit.checkedProduct([0, Int.max, Int.max]) == 0)
    #expect(ElementLimit.checkedProduct([]) == 1)
    #expect(throws: JSONError.self) {
      try ElementLimit.count(of: [1 << 13, 1 << 13, 2], what: "x")
    }
    #expect(try ElementLimit.count(of: [1 << 13, 1 << 13], what: "x") == 1 << 26)
  }
}
