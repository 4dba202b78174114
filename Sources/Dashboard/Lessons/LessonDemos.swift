import TerminalInput

/// Each lesson as a demo script (``DemoScript``'s format), made from its steps: the first
/// step's title as a marker, then each step's demo, the later ones after the key that moves to
/// them (`.`), whose marker the recording gets from the step change. So a recording has one
/// marker per step, labelled with its title, and `play`'s `[`/`]` and the HTML player's chapters
/// follow the lesson. Record it with `lossscope record demo.cast --script FILE` or play it live
/// with `lossscope play --script FILE`; `lossscope lessons --tape ID` prints one and `docs/demos`
/// ships them as files.
///
/// The large-vocab lesson has none: its `g` measures timings, which differ on every run, and a
/// script's recording is the same every time.
public enum LessonDemos {
  /// The key that moves a lesson to its next step.
  public static let nextStepKey = Key.character(".")

  /// The script of a lesson, if it has one.
  public static func tape(_ id: String) -> String? {
    guard let lesson = LessonCatalog.lesson(id), lesson.steps.allSatisfy({ $0.demo != nil })
    else { return nil }
    var body = ""
    for (index, step) in lesson.steps.enumerated() {
      body +=
        index == 0
        ? "Marker \"\(step.title)\"\n" : "Key \(nextStepKey.description)\n"
      body += (step.demo ?? "") + "\n"
    }
    return "# LossScope demo: lesson \(id)\n# lossscope record \(id).cast --script \(id).tape\n"
      + "Set Size 120x40\nSet Lesson \(id)\n" + body
  }
}
