import ArgumentParser
import Dashboard
import SafeText

/// The options that choose what the dashboard shows, shared by the dashboard and `snapshot`.
struct ScenarioOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: "One sample's logits, e.g. 2,1,0.1 or -2,4,0.5 (a leading minus is a number here).")
  var logits: String?

  @Option(parsing: .unconditional, help: "Several samples, e.g. '[[2,1,0.1],[0,5,0.2]]'.")
  var batch: String?

  @Option(parsing: .unconditional, help: "Target class, or one per sample (e.g. 0,1).")
  var target: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "A target per logit, one row per sample, e.g. '[[1,0,1],[0,0,1]]' (multi-label) or "
        + "'[[1],[0],[1]]' (binary samples of one logit); with --target-form prob, rows of "
        + "class probabilities (PyTorch's soft targets)."))
  var targets: String?

  @Option(name: .customLong("target-form"), help: "multi (the default with --targets) or prob.")
  var targetForm: String?

  @Option(parsing: .unconditional, help: "Class weights, e.g. 1,10.")
  var weights: String?

  @Option(help: ArgumentHelp(stringLiteral: DashboardLoss.optionHelp))
  var loss: String?

  @Option(
    parsing: .unconditional,
    help: "A whole scenario as a state string (key P in the dashboard shows it).")
  var state: String?

  @Option(help: "Open a lesson (see `lossscope lessons`).")
  var lesson: String?

  /// The dashboard state these options describe: a lesson, or a scenario.
  ///
  /// - Parameters:
  ///   - view: The view to start in (`--view`; a lesson's own otherwise).
  ///   - presenting: Presenter mode.
  ///   - theme: The starting theme's index in the cycle.
  /// - Returns: The state a session starts in.
  /// - Throws: ``BadData`` for an unknown lesson, a lesson combined with scenario options, or a
  ///   bad scenario.
  func dashboardState(view: DashboardView? = nil, presenting: Bool = false, theme: Int = 0)
    throws -> DashboardState
  {
    guard let lesson else {
      return DashboardState(
        scenario: try scenario(), view: view ?? .dashboard, presenting: presenting, theme: theme)
    }
    guard logits == nil, batch == nil, target == nil, weights == nil, loss == nil, state == nil,
      targets == nil, targetForm == nil
    else {
      throw BadData(
        description: "--lesson sets the whole scenario; leave out the other scenario options")
    }
    guard let found = LessonCatalog.lesson(lesson) else {
      throw BadData(
        description: "unknown lesson \(TerminalSafe.quoted(lesson)) (see `lossscope lessons`)")
    }
    return DashboardState(lesson: found, presenting: presenting, theme: theme)
      .viewed(in: view, presenting: presenting)
  }

  /// The scenario these options describe.
  ///
  /// - Throws: ``BadData`` with the option's problem.
  func scenario() throws -> Scenario {
    do {
      return try Scenario.from(
        logits: logits, batch: batch, target: target, weights: weights, loss: loss, state: state,
        targets: targets, targetForm: targetForm)
    } catch let error as ScenarioError {
      throw BadData(description: error.description)
    }
  }
}
