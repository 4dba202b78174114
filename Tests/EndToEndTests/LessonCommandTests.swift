import Foundation
import Testing

@Suite struct LessonCommandTests {
  @Test func lessonsListsIDAndTitle() throws {
    let result = try Binary.run(["lessons"])
    #expect(result.status == 0)
    let ids = result.stdout.split(separator: "\n").map {
      $0.components(separatedBy: "  ").first ?? ""
    }
    #expect(
      ids == [
        "softmax-basics", "logsumexp-overflow", "batch-reduction", "class-weights",
        "nll-logsoftmax", "bce-with-logits",
        "label-smoothing", "focal-loss", "train-linear", "large-vocab", "why-not-mse",
        "from-scratch",
      ])
  }

  @Test func fiftyTrainingStepsBringTheLossBelowPointTwo() throws {
    let keys = Array(repeating: "g", count: 50).joined(separator: " ")
    let result = try Binary.run(["snapshot", "--lesson", "train-linear", "--keys", keys])
    #expect(result.status == 0)
    guard let range = result.stdout.range(of: "training step 50 · loss ") else {
      Issue.record("no loss on screen")
      return
    }
    let loss = Double(result.stdout[range.upperBound...].prefix(6)) ?? .infinity
    #expect(loss < 0.2)
  }

  @Test func asciiOnlyWhenTheLocaleIsNotUTF8OrWhenAsked() throws {
    let lessons = try Binary.run(["lessons"]).stdout.split(separator: "\n").map {
      String($0.split(separator: " ")[0])
    }
    #expect(lessons.count == 12)
    for lesson in lessons {
      for size in ["80x24", "120x40", "200x60"] {
        let plainLocale = try Binary.run(
          ["snapshot", "--lesson", lesson, "--size", size], environment: ["LANG": "C"])
        #expect(plainLocale.status == 0)
        #expect(plainLocale.stdout.utf8.allSatisfy { $0 < 128 }, "LANG=C \(lesson) \(size)")
        for keys in ["", "?", "L", "P", ". ."] {
          let asked = try Binary.run([
            "snapshot", "--lesson", lesson, "--size", size, "--symbols", "ascii", "--keys", keys,
          ])
          #expect(
            asked.stdout.utf8.allSatisfy { $0 < 128 },
            "--symbols ascii \(lesson) \(size) keys \(keys)")
        }
      }
    }
    let utf8 = try Binary.run(["snapshot"])
    #expect(utf8.stdout.contains("ℓ=0.4170"), "braille and Unicode where the locale is UTF-8")
  }

  @Test func badLessonOptionsAreBadData() throws {
    let unknown = try Binary.run(["snapshot", "--lesson", "no-such-lesson"])
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("unknown lesson"))
    let mixed = try Binary.run(["snapshot", "--lesson", "focal-loss", "--logits", "1,2"])
    #expect(mixed.status == 65)
  }
}
