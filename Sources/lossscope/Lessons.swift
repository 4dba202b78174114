import ArgumentParser
import Dashboard

extension LossScope {
  /// `lossscope lessons`: the lessons, one per line.
  struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the lessons: ID  Title. Open one with `lossscope --lesson ID`.")

    func run() throws {
      try reportingFailures {
        for lesson in LessonCatalog.all { try writeLine("\(lesson.id)  \(lesson.title)") }
      }
    }
  }
}
