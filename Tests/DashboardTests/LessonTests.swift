import Benchmarks
@testable import Dashboard
import Losses
import Foundation
import SnapshotTesting
import Testing

/// Every lesson shows its seed's numbers, computed by the Losses library.
@Suite struct LessonTests {
  /// The numbers each lesson must show, from the seed articles (to four decimals).
  static let required: [(id: String, numbers: [String])] = [
    ("softmax-basics", ["0.2159", "-0.1705", "0.1212", "0.0493"]),
    ("logsumexp-overflow", ["1002.4076", "= inf", "= 100.0000", "naive log Σe^z = inf"]),
    ("batch-reduction", ["0.2159 · 0.4319 · [0.4170, 0.0149]"]),
    ("class-weights", ["1.3133", "0.3655", "-0.3655", "Σw_y = 20.0000"]),
    ("nll-logsoftmax", ["= 1.1000"]),
    (
      "bce-with-logits",
      [
        "sigmoid(z), z = [0.2, −1, 2], y = [1, 0, 1] = 0.3461",
        "with logits, same z and y = 0.3461", "100.0000 · 120.0000",
      ]
    ),
    ("label-smoothing", ["= 0.9333", "ε 0.1"]),
    ("focal-loss", ["γ = 0: loss at p_y = 0.6590 (CE × (1 − p)^γ) = 0.4170"]),
    ("large-vocab", ["6.4 million exponentials and a 25.7 MB gradient", "press g to measure"]),
    // |∂ℓ/∂z_y| of cross-entropy and of MSE on the softmax at z = [−2, 4, 0.5], y = 0, from
    // PyTorch: 0.997600 and 0.009283.
    ("why-not-mse", ["0.9976", "0.0093"]),
  ]

  @Test func everyContractLessonExists() {
    let ids = LessonCatalog.all.map(\.id)
    #expect(
      ids == [
        "softmax-basics", "logsumexp-overflow", "batch-reduction", "class-weights",
        "nll-logsoftmax", "bce-with-logits",
        "label-smoothing", "focal-loss", "train-linear", "large-vocab",
        // Beyond the contract's list: the compare view's lesson.
        "why-not-mse",
      ])
    for lesson in LessonCatalog.all {
      #expect(
        (2...6).contains(lesson.explanation.count),
        "\(lesson.id) has \(lesson.explanation.count) lines")
    }
  }

  @Test(arguments: LessonTests.required.map(\.id))
  func showsTheSeedNumbers(_ id: String) throws {
    let lesson = try #require(LessonCatalog.lesson(id))
    let frame = Frame.render(DashboardState(lesson: lesson), width: 160, height: 50).plainText
    for number in LessonTests.required.first(where: { $0.id == id })!.numbers {
      #expect(frame.contains(number), "\(id) does not show \(number)")
    }
    #expect(!frame.contains("error"))
  }

  @Test func trainLinearLearnsLikeTheSeed() throws {
    var state = DashboardState(lesson: try #require(LessonCatalog.lesson("train-linear")))
    let first = state.lossHistory[0]
    #expect(first > 1.5 && first < 2.5, "starts near the seed's 2.05, got \(first)")
    for _ in 0..<50 { state = update(state, .descend) }
    let last = try #require(state.lossHistory.last)
    #expect(last < 0.1)
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

/// Frame snapshots of every lesson as it opens (regression; the numbers are checked above).
@Suite struct LessonSnapshotTests {
  @Test(arguments: LessonCatalog.all.map(\.id))
  func lessonFrame(_ id: String) throws {
    let lesson = try #require(LessonCatalog.lesson(id))
    let frame = Frame.render(DashboardState(lesson: lesson), width: 120, height: 40)
    assertSnapshot(of: frame.plainText, as: .lines, named: id)
  }
}
