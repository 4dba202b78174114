import Benchmarks
import Canvas
@testable import Dashboard
import Losses
import Foundation
import SnapshotTesting
import TerminalInput
import Testing

/// Every lesson shows its seed's numbers, computed by the Losses library.
@Suite struct LessonTests {
  /// The numbers each lesson must show in one of its steps, from the seed articles (to four
  /// decimals; the seed texts are read for them in `theSeedTextsPrintTheseNumbers`).
  static let required: [(id: String, numbers: [String])] = [
    ("softmax-basics", ["0.2159", "-0.1705", "0.1212", "0.0493"]),
    ("logsumexp-overflow", ["1002.4076", "= inf", "= 100.0000", "naive log Σe^z = inf"]),
    ("batch-reduction", ["0.2159 · 0.4319 · [0.4170, 0.0149]"]),
    ("class-weights", ["1.3133", "0.3655", "-0.3655", "Σw_y = 20.0000"]),
    ("nll-logsoftmax", ["= 1.1000", "1.3606"]),
    (
      "bce-with-logits",
      [
        "sigmoid(z), z = [0.2, −1, 2], y = [1, 0, 1] = 0.3461",
        "with logits, same z and y = 0.3461", "100.0000 · 120.0000",
        "99.9831 · 100.0000 · 100.0000", "loss 0.3461  (mean)", "loss 0.4128  (mean)",
      ]
    ),
    ("label-smoothing", ["= 0.9333", "ε 0.1"]),
    ("focal-loss", ["γ = 0: loss at p_y = 0.6590 (CE × (1 − p)^γ) = 0.4170"]),
    (
      "train-linear",
      ["= 2.0499", "0.5548", "0.2448 · 0.1491 · 0.1057 · 0.0814", "[0.221, −1.419, −1.514]"]
    ),
    (
      "large-vocab",
      ["6.4 million exponentials and a 25.7 MB gradient", "76.8 MB", "768 MB", "press g"]
    ),
    // |∂ℓ/∂z_y| of cross-entropy and of MSE on the softmax at z = [−2, 4, 0.5], y = 0, from
    // PyTorch: 0.997600 and 0.009283.
    ("why-not-mse", ["0.9976", "0.0093"]),
    ("from-scratch", ["= 1.4412", "[0.1689, 1.9392, 2.1769, 1.4797]"]),
  ]

  /// The lesson's state at each of its steps, stepped through the core as Page Down steps it
  /// (`.` would be part of a prediction step's guess).
  static func steps(_ lesson: Lesson) -> [DashboardState] {
    var state = DashboardState(lesson: lesson)
    var states = [state]
    for _ in lesson.steps.dropFirst() {
      state = step(state, .key(.pageDown)).state
      states.append(state)
    }
    return states
  }

  @Test func everyContractLessonExists() {
    let ids = LessonCatalog.all.map(\.id)
    #expect(
      ids == [
        "softmax-basics", "logsumexp-overflow", "batch-reduction", "class-weights",
        "nll-logsoftmax", "bce-with-logits",
        "label-smoothing", "focal-loss", "train-linear", "large-vocab",
        // Beyond the contract's list: the compare view's lesson and seed 003's.
        "why-not-mse", "from-scratch",
      ])
    for lesson in LessonCatalog.all {
      #expect(lesson.steps.count >= 2, "\(lesson.id) has \(lesson.steps.count) steps")
      #expect(Set(lesson.steps.map(\.title)).count == lesson.steps.count, "\(lesson.id)")
      for step in lesson.steps {
        #expect(!step.text.isEmpty && step.text.count <= 3, "\(lesson.id): \(step.title)")
        for line in step.text { #expect(line.count <= 78, "\(lesson.id): \(line)") }
      }
    }
  }

  @Test(arguments: LessonTests.required.map(\.id))
  func showsTheSeedNumbers(_ id: String) throws {
    let lesson = try #require(LessonCatalog.lesson(id))
    let frames = Self.steps(lesson).map {
      Frame.render($0, width: 160, height: 50).plainText
    }
    for number in LessonTests.required.first(where: { $0.id == id })!.numbers {
      #expect(frames.contains { $0.contains(number) }, "\(id) does not show \(number)")
    }
    #expect(!frames.contains { $0.contains("error") })
  }

  /// The seed articles, where the repository sits beside them (`../shared/seeds`).
  static let seedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/seeds")

  /// The numbers above as the seed articles print them: each one is in its seed's text. (A
  /// clone without the seeds beside it skips this; the fixtures still hold PyTorch's numbers.)
  @Test(.enabled(if: FileManager.default.fileExists(atPath: LessonTests.seedFolder.path)))
  func theSeedTextsPrintTheseNumbers() throws {
    let folder = Self.seedFolder
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let seeds = try files.sorted().map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
    let printed: [(seed: Int, text: String)] = [
      (1, "Step 0 | Loss: 2.0499"), (1, "Step 10 | Loss: 0.5548"), (1, "Step 20 | Loss: 0.2448"),
      (1, "Step 30 | Loss: 0.1491"), (1, "Step 40 | Loss: 0.1057"), (1, "Step 50 | Loss: 0.0814"),
      (1, "[ 0.221 -1.419 -1.514]"), (2, "768MB"), (3, "Cross Entropy Loss: 1.4412"),
      (4, "Manual NLLLoss: 1.100000"), (4, "Built-in BCE: 0.346110"),
    ]
    for (seed, text) in printed {
      #expect(seeds[seed].contains(text), "seed 00\(seed) prints \(text)")
    }
  }

  /// Seed 001's six printed losses, at the steps the article prints them, from the article's
  /// logits (Tests/Fixtures/lesson_seeds.json, generated by PyTorch).
  @Test func trainLinearReachesTheSeedsSixLines() throws {
    let fixture = try LessonSeedFixture.load()
    let lesson = try #require(LessonCatalog.lesson("train-linear"))
    var state = DashboardState(lesson: lesson)
    #expect(state.scenario.samples[0].logits == fixture.trainLinearLogits)
    var shown: [String] = []
    for point in fixture.trainLinearEveryTen {
      while (state.training?.steps ?? 0) < point.step {
        state = step(state, .key(.character("g"))).state
      }
      let loss = try #require(state.lossHistory.last)
      #expect(abs(loss - point.loss) < 2e-5, "step \(point.step): \(loss) vs \(point.loss)")
      for (z, expected) in zip(state.scenario.samples[0].logits, point.logits) {
        #expect(abs(z - expected) < 1e-4, "step \(point.step)")
      }
      let frame = Frame.render(state, width: 80, height: 24).plainText
      shown.append(NumberFormat.fixed4(loss))
      #expect(frame.contains("training step \(point.step) · loss \(NumberFormat.fixed4(loss))"))
    }
    #expect(shown == ["2.0499", "0.5548", "0.2448", "0.1491", "0.1057", "0.0814"])
  }

  /// Seed 003's batch is PyTorch's `randn(4, 3)` after `manual_seed(0)`, and its loss 1.4412 is
  /// the dashboard's mean on it, live.
  @Test func fromScratchIsSeedThreesBatch() throws {
    let fixture = try LessonSeedFixture.load()
    let lesson = try #require(LessonCatalog.lesson("from-scratch"))
    let state = DashboardState(lesson: lesson)
    #expect(state.scenario.samples.map(\.logits) == fixture.fromScratchLogits)
    #expect(state.scenario.samples.map(\.target) == fixture.fromScratchTargets)
    #expect(
      abs((Derived().analysis(state.scenario).reducedLoss.first ?? .nan) - fixture.fromScratchLoss)
        < 1e-6)
    let frame = Frame.render(state, width: 80, height: 24).plainText
    #expect(frame.contains("loss 1.4412"), "\(frame)")
  }

  /// Every step of every lesson at 80×24 in the view it opens in: no "taller terminal", and
  /// `>` scrolls until the last line of the step is on screen.
  @Test func everyStepReadsAt80x24() throws {
    for lesson in LessonCatalog.all {
      for (index, stepState) in Self.steps(lesson).enumerated() {
        var state = stepState
        #expect(state.lessonStep == index)
        let first = Frame.render(state, width: 80, height: 24).plainText
        #expect(!first.contains("taller terminal"), "\(lesson.id) step \(index + 1)")
        #expect(first.contains("step \(index + 1)/\(lesson.steps.count) · "), "\(first)")
        // The last line of the step's own text and figures, as wrapped for the panel.
        let lines = ExplanationWidget.lines(lesson, state)
        let last = try #require(lines.dropLast().last)
        let lastWords = last.split(separator: " ").suffix(2).joined(separator: " ")
        var frame = first
        for _ in 0..<20 where !frame.contains(lastWords) {
          state = step(state, .key(.character(">"))).state
          frame = Frame.render(state, width: 80, height: 24).plainText
        }
        #expect(frame.contains(lastWords), "\(lesson.id) step \(index + 1): \(lastWords)\n\(frame)")
        // The keys to try, or in a prediction step the quiz, on the panel's last line.
        #expect(
          frame.contains(state.quiz == nil ? "try: " : "predict: "),
          "\(lesson.id) step \(index + 1) keeps its keys")
      }
    }
  }

  /// Under `LANG=C` (ASCII glyphs) every step's text is folded before it is wrapped: the
  /// multiplication dot reads `*`, never `-`, and no folded word is cut at a line's end.
  @Test func everyStepFoldsToASCIIBeforeWrapping() throws {
    for lesson in LessonCatalog.all {
      for state in Self.steps(lesson) {
        let original = ExplanationWidget.lines(lesson, state).dropLast()
        let folded = ExplanationWidget.styledLines(lesson, state, width: 78, ascii: true)
          .filter { $0.style.role != .hotkey }.map(\.text)
        // Unwrapped again (continuations are indented by two), the panel is the folded text.
        var joined: [String] = []
        for line in folded {
          if line.hasPrefix("  "), !joined.isEmpty {
            joined[joined.count - 1] += " " + line.dropFirst(2)
          } else {
            joined.append(line)
          }
        }
        let expected = original.map(AsciiFold.fold)
        #expect(
          joined.suffix(expected.count) == Array(expected), "\(lesson.id): words cut in folding")
        for line in original where line.contains(" · ") {
          let words = line.components(separatedBy: " · ")
          let asciiLine = AsciiFold.fold(line)
          #expect(asciiLine.components(separatedBy: " * ").count == words.count, "\(asciiLine)")
        }
        // And on screen: the formula's dot is a `*` in the ASCII frame.
        let frame = Frame.render(state, width: 120, height: 40, symbols: .ascii).plainText
        #expect(!frame.contains("w_y - log"), "\(lesson.id)")
        let allASCII = frame.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII, "\(lesson.id)")
      }
    }
  }

  /// Seed 004's NLL example live: its 1.1000 is nll_loss on the rows as given (the first step
  /// sets that loss), its 1.3606 the same rows normalised (the second step sets NLL of
  /// log-softmax); going back sets the first again. The panel says the rows are not normalised.
  @Test func nllShowsTheSeedsRowsAsGivenThenNormalised() throws {
    let lesson = try #require(LessonCatalog.lesson("nll-logsoftmax"))
    let states = Self.steps(lesson)
    let first = Frame.render(states[0], width: 80, height: 24).plainText
    #expect(states[0].scenario.loss == .nllRows)
    #expect(first.contains("loss 1.1000  (mean)"), "\(first)")
    #expect(first.contains("Σ e^z = 1.0928: not normalised"), "\(first)")
    let second = Frame.render(states[1], width: 80, height: 24).plainText
    #expect(states[1].scenario.loss == .nllLogSoftmax)
    #expect(second.contains("loss 1.3606  (mean)"), "\(second)")
    #expect(!second.contains("not normalised"))
    let back = step(states[1], .key(.character(","))).state
    #expect(back.scenario.loss == .nllRows && back.lessonStep == 0)
    // The loss a step sets is an edit like Tab: u takes it back.
    #expect(step(states[1], .key(.character("u"))).state.scenario.loss == .nllRows)
  }

  /// Rows that are log-probabilities (log-softmax of [2, 1, 0.1]) are normalised; a row with
  /// e^{z_y} > 1 has no point on the p_y axis, and the curve says why instead of clamping it.
  @Test func nllOfRowsSaysWhatTheRowsAre() throws {
    let normalised = try StateString.decode("v1;loss=nll_loss;z=-0.417,-1.417,-2.317;y=0")
    let frame = Frame.render(DashboardState(scenario: normalised), width: 80, height: 24)
      .plainText
    #expect(frame.contains("Σ e^z = 1.0000: normalised"), "\(frame)")
    #expect(frame.contains("ℓ=0.4170"))
    let positive = try StateString.decode("v1;loss=nll_loss;z=2,1,0.1;y=0")
    let off = Frame.render(DashboardState(scenario: positive), width: 80, height: 24).plainText
    #expect(off.contains("p_y=7.3891 ℓ=-2.0000 →"), "\(off)")
    #expect(off.contains("e^z_y > 1: not a log-probability"))
    #expect(off.contains("Σ e^z = 11.2125: not normalised"))
  }

  @Test func aStepChangeIsAMarkerWithTheStepsTitleAndStopsAtTheEnds() throws {
    let lesson = try #require(LessonCatalog.lesson("bce-with-logits"))
    let start = DashboardState(lesson: lesson)
    let back = step(start, .key(.pageUp))
    #expect(back.state.lessonStep == 0 && back.effects.isEmpty)
    #expect(back.state.notice == "the lesson's first step: . goes on")
    var state = start
    var markers: [String] = []
    for key in [Key.character("."), .pageDown, .character(".")] {
      let (next, effects) = step(state, .key(key))
      for case .addMarker(let label) in effects { markers.append(label) }
      state = next
    }
    #expect(markers == lesson.steps.dropFirst().map(\.title))
    #expect(state.notice?.contains("last step (3/3)") == true)
    state = step(state, .key(.character(","))).state
    #expect(state.lessonStep == 1)
    #expect(
      step(DashboardState(scenario: .standard), .key(.character("."))).state.notice
        == "no lesson is open: L opens one")
  }

  @Test func trainLinearLearnsLikeTheSeed() throws {
    var state = DashboardState(lesson: try #require(LessonCatalog.lesson("train-linear")))
    for _ in 0..<50 { state = update(state, .descend) }
    #expect(state.training?.steps == 50)
    // Keys that would edit the logits directly change nothing but say why: the logits are the
    // layer's outputs.
    let nudged = update(state, .nudgeLogit(1))
    #expect(nudged.scenario == state.scenario && nudged.training == state.training)
    #expect(nudged.notice?.contains("layer's outputs") == true)
    #expect(
      Frame.render(nudged, width: 120, height: 40).plainText.contains(
        "the logits are the layer's outputs"))
    #expect(update(nudged, .selectClass(1)).notice == nil, "the notice lasts until the next action")
    // ] doubles the rate the next step uses.
    let faster = update(state, .scaleLearningRate(2))
    #expect(faster.scenario.learningRate == 0.2)
    let stepped = try #require(update(faster, .descend).training)
    let expected = state.training?.stepped(target: state.sample.target, learningRate: 0.2)
    #expect(stepped == expected)
    #expect(stepped != state.training?.stepped(target: state.sample.target, learningRate: 0.1))
    // Undo takes back a training step, layer included; reset restores the initial layer.
    let undone = update(state, .undo)
    #expect(undone.training?.steps == 49)
    let reset = update(state, .reset)
    #expect(reset.training == reset.initialTraining)
    let frame = Frame.render(state, width: 120, height: 40).plainText
    #expect(frame.contains("training step 50"))
  }

  @Test func thePickerOpensLessons() {
    var state = DashboardState(scenario: .standard)
    state = update(state, Keymap.action(for: .character("L"), in: state.mode)!)
    #expect(state.pickerVisible)
    #expect(Frame.render(state, width: 120, height: 40).plainText.contains("logsumexp-overflow"))
    state = update(state, Keymap.action(for: .down, in: state.mode)!)
    state = update(state, Keymap.action(for: .enter, in: state.mode)!)
    #expect(state.lessonID == "logsumexp-overflow")
    #expect(!state.pickerVisible)
    state = update(state, Keymap.action(for: .character("e"), in: state.mode)!)
    #expect(!Frame.render(state, width: 120, height: 40).plainText.contains("lesson ·"))
  }

  @Test(arguments: [(200, 60), (120, 40), (80, 24), (40, 12)])
  func everyLessonFitsEverySize(_ size: (Int, Int)) {
    for lesson in LessonCatalog.all {
      let frame = Frame.render(DashboardState(lesson: lesson), width: size.0, height: size.1)
      #expect(frame.lines.count == size.1 && frame.lines.allSatisfy { $0.count == size.0 })
    }
  }

  @Test func largeVocabMeasuresSizeBySizeWithAProgressBar() throws {
    var state = DashboardState(lesson: try #require(LessonCatalog.lesson("large-vocab")))
    #expect(state.pendingMeasurement == nil)
    state = update(state, .descend)
    #expect(state.pendingMeasurement?.batch == 1)
    #expect(Frame.render(state, width: 140, height: 44).plainText.contains("measuring 1 × 1000 ["))
    // A real measurement of the smallest size, then stand-ins for the rest (timings are noise).
    state = update(state, .recordMeasurement(VocabularyBenchmark.measure(batch: 1, classes: 1000)))
    #expect(state.pendingMeasurement?.classes == 8192)
    let first = try #require(state.measurements?[0])
    #expect(first.fusedMilliseconds > 0 && first.composedMilliseconds > 0)
    // The lesson shows what was measured, each number in its place. The numbers are timings
    // and the process's peak growth, so the test reads them from the measurement rather than
    // predicting them; the two timings differ, so showing one in the other's place fails.
    let shown = Frame.render(state, width: 160, height: 50).plainText
    func time(_ ms: Double) -> String {
      if ms < 0.1 { return String(format: "%.1f µs", ms * 1e3) }
      return ms < 1000 ? String(format: "%.2f ms", ms) : String(format: "%.2f s", ms / 1e3)
    }
    let megabytes = { (bytes: Int) in String(format: "%.1f MB", Double(bytes) / 1e6) }
    #expect(time(first.fusedMilliseconds) != time(first.composedMilliseconds))
    #expect(
      shown.contains(
        "1 × 1000: fused \(time(first.fusedMilliseconds)), \(megabytes(first.fusedBytes)) · "
          + "composed \(time(first.composedMilliseconds)), \(megabytes(first.composedBytes)) · "),
      "\(shown)")
    // The largest size carries the fused linear step; its numbers are made up here, and only
    // the logits' size is the lesson's own (512 × 50,257 float32).
    let linear = LinearStepMeasurement(
      tokens: 512, hidden: 768, vocabulary: 50_257, milliseconds: 1_475.5, extraBytes: 25_812_345)
    for size in VocabularyMeasurement.sizes.dropFirst() {
      state = update(
        state,
        .recordMeasurement(
          VocabularyMeasurement(
            batch: size.batch, classes: size.classes, fusedMilliseconds: 2,
            composedMilliseconds: 60,
            fusedBytes: size.batch * size.classes * 4,
            composedBytes: 3 * size.batch * size.classes * 4, optimizedBuild: true,
            linear: size.classes == 50_257 ? linear : nil)))
    }
    #expect(state.pendingMeasurement == nil)
    let frame = Frame.render(state, width: 140, height: 44).plainText
    #expect(
      frame.contains(
        "128 × 50257: fused 2.00 ms, 25.7 MB · composed 60.00 ms, 77.2 MB · 30.0× faster"))
    // 6 · 512 · 768 · 50,257 operations in 1.4755 s: 80.4 GFLOP/s.
    let flat = frame.split(separator: "\n").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
    }.joined(separator: " ")
    #expect(
      flat.contains(
        "512 × 768 → 50257 fused linear + cross-entropy: 1.48 s (80 GFLOP/s), 25.8 MB extra · "
          + "the logits would be 102.9 MB"), "\(frame)")
    #expect(!frame.contains("measuring"))
  }

  /// Newest first, so that 80×24, whose lesson panel shows three lines of numbers, keeps the
  /// linear step and the largest size rather than the smallest.
  @Test func aShortTerminalShowsTheLatestMeasurements() throws {
    var state = update(
      DashboardState(lesson: try #require(LessonCatalog.lesson("large-vocab"))), .descend)
    for size in VocabularyMeasurement.sizes {
      state = update(
        state,
        .recordMeasurement(
          VocabularyMeasurement(
            batch: size.batch, classes: size.classes, fusedMilliseconds: 2,
            composedMilliseconds: 60, fusedBytes: size.batch * size.classes * 4,
            composedBytes: 3 * size.batch * size.classes * 4, optimizedBuild: true,
            linear: size.classes == 50_257
              ? LinearStepMeasurement(
                tokens: 512, hidden: 768, vocabulary: 50_257, milliseconds: 1_400,
                extraBytes: 25_800_000) : nil)))
    }
    let small = Frame.render(state, width: 80, height: 24).plainText
    #expect(small.contains("512 × 768 → 50257 fused linear + cross-entropy: 1.40 s"), "\(small)")
    #expect(small.contains("128 × 50257: fused 2.00 ms"), "\(small)")
    #expect(!small.contains("1 × 1000:"), "\(small)")
  }

  @Test func aResultForAnotherSizeIsDroppedAndADebugBuildSaysItsTimesMeanNothing() throws {
    var state = update(
      DashboardState(lesson: try #require(LessonCatalog.lesson("large-vocab"))), .descend)
    let late = VocabularyMeasurement(
      batch: 8, classes: 8192, fusedMilliseconds: 1, composedMilliseconds: 1, fusedBytes: 1,
      composedBytes: 1, optimizedBuild: false)
    #expect(update(state, .recordMeasurement(late)) == state)
    state = update(
      state,
      .recordMeasurement(
        VocabularyMeasurement(
          batch: 1, classes: 1000, fusedMilliseconds: 48.54, composedMilliseconds: 19.66,
          fusedBytes: 4000, composedBytes: 9000,
          optimizedBuild: false)))
    let frame = Frame.render(state, width: 160, height: 50).plainText
    #expect(frame.contains("2.5× slower"))
    #expect(frame.contains("debug build: these times mean nothing"))
    #expect(!frame.contains("0× faster"))
  }
}

/// Frame snapshots of every step of every lesson at 80×24, as the step opens (regression; the
/// numbers are checked above), and of each lesson's first step at 120×40.
@Suite struct LessonSnapshotTests {
  @Test(arguments: LessonCatalog.all.map(\.id))
  func lessonFrame(_ id: String) throws {
    let lesson = try #require(LessonCatalog.lesson(id))
    let frame = Frame.render(DashboardState(lesson: lesson), width: 120, height: 40)
    assertSnapshot(of: frame.plainText, as: .lines, named: id)
    for (index, state) in LessonTests.steps(lesson).enumerated() {
      let small = Frame.render(state, width: 80, height: 24)
      assertSnapshot(of: small.plainText, as: .lines, named: "\(id)-step\(index + 1)-80x24")
    }
  }
}
