import Dashboard
import Testing
import Canvas
import TerminalInput
import Replay

@Suite struct DemoScriptTests {
  @Test func everyCommandIsRead() throws {
    let script = try DemoScript(
      parsing: """
        # a comment, then a blank line

        Set Size 100x30
        Set Theme high-contrast
        Set State "v1;z=2,1,0.1;y=0"
        Set View compare
        Key right x3
        Key click@10,5
        Type "tg "
        Sleep 500ms
        Sleep 1.5s
        Sleep 2
        Marker "a \\"quoted\\" label"
        Caption "text"
        """, file: "demo.tape")
    #expect(script.width == 100 && script.height == 30)
    #expect(script.theme == "high-contrast")
    #expect(script.state == "v1;z=2,1,0.1;y=0")
    #expect(script.view == .compare)
    #expect(
      script.commands == [
        .key(.right), .key(.right), .key(.right),
        .key(.mouse(MouseEvent(.click, column: 9, row: 4))),
        .key(.character("t")), .key(.character("g")), .key(.space),
        .sleep(0.5), .sleep(1.5), .sleep(2), .marker("a \"quoted\" label"), .caption("text"),
      ])
  }

  @Test(arguments: [
    ("Key rigth", 1, "unknown key \"rigth\""),
    ("Key right\nSet Size 80x24", 2, "Set comes before the first"),
    ("Sleep soon", 1, "Sleep takes a duration"),
    ("Sleep 4000s", 1, "longer than an hour"),
    ("Press right", 1, "unknown command \"Press\""),
    ("Type \"unclosed", 1, "double-quoted"),
    ("\n\nType \"a\u{1B}b\"", 3, "is not a key"),
    ("Set Lesson nope", 1, "unknown lesson \"nope\""),
    ("Set State \"v9\"", 1, "Set State"),
    ("Key right x0", 1, "a repeat is x1 to x10000"),
  ])
  func aBadLineIsNamedWithItsFileAndLine(text: String, line: Int, message: String) {
    do {
      _ = try DemoScript(parsing: text, file: "demo.tape")
      Issue.record("\(text) was accepted")
    } catch let error as DemoScriptError {
      #expect(error.line == line)
      #expect(error.description.hasPrefix("demo.tape:\(line): "))
      #expect(error.message.contains(message), "\(error.message)")
      #expect(!error.description.unicodeScalars.contains { $0.value == 0x1B })
    } catch {
      Issue.record("\(error)")
    }
  }
}
