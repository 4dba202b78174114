import ArgumentParser
import Dashboard
import SafeText

extension LossScope {
  /// `lossscope lessons`: the lessons, one per line.
  struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the lessons: ID  Title. Open one with `lossscope --lesson ID`.")

    @Option(help: "Print a lesson's demo script (its try steps) instead, to record or play.")
    var tape: String?

    func run() throws {
      try reportingFailures {
        if let tape {
          guard LessonCatalog.lesson(tape) != nil else {
            throw BadData(
              description: "unknown lesson \(TerminalSafe.quoted(tape)) (see `lossscope lessons`)")
          }
          guard let script = LessonDemos.tape(tape) else {
            throw BadData(
              description: "\(tape) has no demo script: its measurements differ on every run")
          }
          return try StandardStreams.writeOutput(script)
        }
        for lesson in LessonCatalog.all { try writeLine("\(lesson.id)  \(lesson.title)") }
      }
    }
  }
}
