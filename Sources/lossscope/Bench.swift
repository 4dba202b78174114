import Benchmarks
import ArgumentParser
import Foundation
import Dashboard
import JSON
import Losses
import Replay
import TerminalUI

extension LossScope {
  /// `lossscope bench`: timing of the hot paths, medians as JSON.
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Benchmark the fused cross-entropy, the fused linear + cross-entropy, a memory copy, or one training step.",
      discussion: """
        cross-entropy  mean loss + dlogits of B×C float32 logits (forward and backward)
        bce-with-logits  mean binary cross-entropy with logits + its gradient, B×C float32
        copy           read B×C floats and write as many: the memory-bandwidth floor
        train-step     the seed's Linear(3,3) + cross-entropy + backward + SGD step
        render         analysis + a 200×60 dashboard frame for the two-sample seed batch
        replay         a headless replay of a 10,000-event recording (--events N) to its last frame
        linear-cross-entropy  mean cross-entropy of x·Wᵀ with dx and dW, fused (--tokens N
                       --hidden D --vocab V): the logits are never held whole
        """)

    enum Workload: String, ExpressibleByArgument, CaseIterable {
      case crossEntropy = "cross-entropy"
      case bceWithLogits = "bce-with-logits"
      case copy
      case trainStep = "train-step"
      case render
      case replay
      case linearCrossEntropy = "linear-cross-entropy"
    }

    @Option(help: "The view the render workload draws: dashboard, compare or landscape.")
    var view: DashboardView = .dashboard

    @Option(
      help:
        "For render: cells, the plots as kitty or sixel images too (rasterise, encode, the bytes written), or all three in one run."
    )
    var graphics: BenchGraphics = .cells

    /// `bench render --graphics`: one way of drawing, or each in turn in one run.
    enum BenchGraphics: String, ExpressibleByArgument, CaseIterable {
      case cells, kitty, sixel, all

      var protocols: [GraphicsProtocol] {
        switch self {
        case .cells: [.cells]
        case .kitty: [.kitty]
        case .sixel: [.sixel]
        case .all: [.cells, .kitty, .sixel]
        }
      }
    }

    @Option(help: "Input events for the replay workload.")
    var events = 10_000

    @Argument(help: "cross-entropy, bce-with-logits, copy, train-step, render or replay.")
    var workload: Workload

    @Option(help: "Rows B.")
    var batch = 128

    @Option(help: "Classes C.")
    var classes = 50257

    @Option(help: "Tokens N (linear-cross-entropy).")
    var tokens = 1024

    @Option(help: "Hidden size D (linear-cross-entropy).")
    var hidden = 768

    @Option(help: "Vocabulary V (linear-cross-entropy).")
    var vocab = 50257

    @Option(help: "Threads sharing the rows.")
    var threads = 1

    @Option(help: "Timed runs (default 30; 20000 for train-step).")
    var runs: Int?

    @Flag(name: .customLong("in-place"), help: "Write dlogits over the logits (no extra memory).")
    var inPlace = false

    @Flag(help: "Print one JSON object.")
    var json = false

    /// The most timed runs: each keeps its time, and a million is hours of any workload.
    static let maximumRuns = 1_000_000
    /// The most threads.
    static let maximumThreads = 256
    /// The most events in the replay workload's synthetic recording.
    static let maximumEvents = 1_000_000

    func validate() throws {
      guard batch >= 1, classes >= 1 else {
        throw ValidationError("--batch and --classes must be at least 1")
      }
      guard (1...Bench.maximumThreads).contains(threads) else {
        throw ValidationError("--threads must be between 1 and \(Bench.maximumThreads)")
      }
      // Overflow-checked: 4294967296 × 4294967296 must not wrap around to a small number.
      // Each workload holds two or four tensors of these sizes (values and gradients), so 2^28
      // floats (1 GiB) each keeps a run within 4 GiB: refused here, not aborted on allocation.
      guard let floats = ElementLimit.checkedProduct([batch, classes]), floats <= 1 << 28 else {
        throw ValidationError("--batch × --classes must be at most 2^28 floats (1 GiB)")
      }
      guard tokens >= 1, hidden >= 1, vocab >= 1 else {
        throw ValidationError("--tokens, --hidden and --vocab must be at least 1")
      }
      for (pair, names) in [
        ([tokens, hidden], "--tokens × --hidden"), ([vocab, hidden], "--vocab × --hidden"),
      ] {
        guard let floats = ElementLimit.checkedProduct(pair), floats <= 1 << 28 else {
          throw ValidationError("\(names) must be at most 2^28 floats (1 GiB)")
        }
      }
      // The work, not only the memory: 2^40 multiply-adds is a minute or more a step here.
      guard let work = ElementLimit.checkedProduct([tokens, hidden, vocab]), work <= 1 << 40 else {
        throw ValidationError("--tokens × --hidden × --vocab must be at most 2^40 (about 1.1e12)")
      }
      if let runs, !(1...Bench.maximumRuns).contains(runs) {
        throw ValidationError("--runs must be between 1 and \(Bench.maximumRuns)")
      }
      guard (1...Bench.maximumEvents).contains(events) else {
        throw ValidationError("--events must be between 1 and \(Bench.maximumEvents)")
      }
    }

    func run() throws {
      try reportingFailures { try runWorkload() }
    }

    private func runWorkload() throws {
      switch workload {
      case .crossEntropy:
        var benchmark = CrossEntropyBenchmark(batch: batch, classes: classes)
        let total = runs ?? 30
        try report(
          op: "cross_entropy", label: "cross-entropy", runs: total,
          benchmark.run(runs: total, threads: threads, inPlace: inPlace, progress: progress(total)))
      case .bceWithLogits:
        var benchmark = BinaryCrossEntropyBenchmark(batch: batch, classes: classes)
        let total = runs ?? 30
        try report(
          op: "binary_cross_entropy_with_logits", label: "bce-with-logits", runs: total,
          benchmark.run(runs: total, threads: threads, inPlace: inPlace, progress: progress(total)))
      case .copy:
        var benchmark = CrossEntropyBenchmark(batch: batch, classes: classes)
        let total = runs ?? 30
        let timings = benchmark.copyReference(runs: total)
        if json {
          try writeLine(
            JSONValue.orderedObject([
              "op": .string("copy"), "batch": .number(Double(batch)),
              "classes": .number(Double(classes)), "median_ms": .number(ms(timings.median)),
              "min_ms": .number(ms(timings.minimum)), "runs": .number(Double(total)),
            ]))
        } else {
          try writeLine(
            String(
              format: "copy %d×%d floats: median %.3f ms, min %.3f ms over %d runs", batch, classes,
              timings.median * 1e3, timings.minimum * 1e3, total))
        }
      case .linearCrossEntropy:
        try runLinearCrossEntropy()
      case .render:
        // The same states for each way of drawing, one after another in this process.
        for graphics in graphics.protocols { try runRender(graphics) }
      case .replay:
        try runReplay()
      case .trainStep:
        let total = runs ?? 20000
        let (timings, loss) = try TrainStepBenchmark.run(runs: total, progress: progress(total))
        if json {
          try writeLine(
            JSONValue.orderedObject([
              "op": .string("train_step"), "median_us": .number(round3(timings.median * 1e6)),
              "runs": .number(Double(total)),
            ])
          )
        } else {
          clearProgress()
          try writeLine(
            String(
              format:
                "train-step (Linear(3,3) + cross-entropy + backward + SGD): median %.2f µs, min %.2f µs over %d runs; last loss %.4f",
              timings.median * 1e6, timings.minimum * 1e6, total, Double(loss)))
        }
      }
    }

    /// Prints a loss kernel's measurement: the contract's JSON object, or a readable line.
    private func report(op: String, label: String, runs total: Int, _ report: KernelReport) throws {
      if json {
        try writeLine(
          JSONValue.orderedObject([
            "op": .string(op), "batch": .number(Double(batch)), "classes": .number(Double(classes)),
            "threads": .number(Double(threads)), "median_ms": .number(ms(report.timings.median)),
            "min_ms": .number(ms(report.timings.minimum)), "runs": .number(Double(total)),
            "peak_extra_bytes": .number(Double(report.peakExtraBytes)),
          ]))
      } else {
        clearProgress()
        try writeLine(
          String(
            format: "%@ %d×%d, %d thread(s)%@: median %.3f ms, min %.3f ms over %d runs; "
              + "%.1f MB extra; mean loss %.4f",
            label, batch, classes, threads, inPlace ? " in place" : "", report.timings.median * 1e3,
            report.timings.minimum * 1e3, total, Double(report.peakExtraBytes) / 1e6, report.loss))
      }
    }

    private func runRender(_ graphics: GraphicsProtocol) throws {
      let total = runs ?? 500
      var state = DashboardState(
        scenario: (try? StateString.decode("v1;z=2,1,0.1|0,5,0.2;y=0,1")) ?? .standard,
        view: view)
      let derived = Derived()
      var cells = 0
      var writer = ImageWriter(graphics)
      var bytes: [Int] = []
      let pixels = PixelOptions(theme: .standard, cellWidth: 10, cellHeight: 20)
      // Each run is a key press, as the live loop takes it: a logit moves, then the frame is
      // drawn. Always up (→), never back: a state seen before would be answered from the memo of
      // derived data, and the analysis, the curves and the landscape must be computed again.
      // With images, the frame's pictures are rasterised and encoded as the backend sends them.
      let timings = Timings.measure(runs: total, warmup: 10, progress: progress(total)) {
        state = step(state, .key(.right), derived: derived).state
        if graphics == .cells {
          cells +=
            Frame.render(
              state, width: 200, height: 60, colorRamp: true, derived: derived
            ).cells.count
        } else {
          let (frame, images) = Frame.render(
            state, width: 200, height: 60, colorRamp: true, derived: derived, pixels: pixels)
          cells += frame.cells.count
          bytes.append(writer.frame(images, fullRedraw: false) { _ in false }.utf8.count)
        }
      }
      let sortedBytes = bytes.sorted()
      let medianBytes = sortedBytes.isEmpty ? 0 : sortedBytes[sortedBytes.count / 2]
      if json {
        try writeLine(
          JSONValue.orderedObject([
            "op": .string("render"), "view": .string(view.rawValue), "width": .number(200),
            "height": .number(60), "graphics": .string(graphics.rawValue),
            "median_image_bytes": .number(Double(medianBytes)),
            "median_ms": .number(ms(timings.median)), "min_ms": .number(ms(timings.minimum)),
            "runs": .number(Double(total)),
          ])
        )
      } else {
        clearProgress()
        try writeLine(
          String(
            format:
              "render %@ 200×60 %@ (a key press: update, analysis, frame%@): median %.3f ms, min %.3f ms over %d runs%@",
            view.rawValue, graphics.rawValue, graphics == .cells ? "" : ", rasterise, encode",
            timings.median * 1e3, timings.minimum * 1e3, total,
            graphics == .cells ? "" : ", \(medianBytes) bytes of images"))
      }
    }

    private func runReplay() throws {
      let total = runs ?? 5
      let recording = Timeline.syntheticRecording(events: events)
      var cells = 0
      let timings = Timings.measure(runs: total, warmup: 1, progress: progress(total)) {
        guard let timeline = try? Timeline(recording) else { return }
        let derived = Derived()
        let state = timeline.state(afterSteps: timeline.steps.count, derived: derived)
        cells += Frame.render(state, width: 120, height: 40, derived: derived).cells.count
      }
      if json {
        try writeLine(
          JSONValue.orderedObject([
            "op": .string("replay"), "events": .number(Double(events)),
            "median_ms": .number(ms(timings.median)), "min_ms": .number(ms(timings.minimum)),
            "runs": .number(Double(total)),
          ])
        )
      } else {
        clearProgress()
        try writeLine(
          String(
            format: "headless replay of %d input events: median %.1f ms, min %.1f ms over %d runs",
            events, timings.median * 1e3, timings.minimum * 1e3, total))
      }
    }

    func ms(_ seconds: Double) -> Double { round3(seconds * 1e3) }

    func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// A progress line on stderr (only without --json and only on a terminal).
    func progress(_ total: Int) -> (Int) -> Void {
      guard !json, isatty(STDERR_FILENO) == 1 else { return { _ in } }
      let step = Swift.max(1, total / 50)
      return { done in
        if done % step == 0 || done == total {
          StandardStreams.writeError("\rrun \(done)/\(total)")
        }
      }
    }

    func clearProgress() {
      if !json, isatty(STDERR_FILENO) == 1 { StandardStreams.writeError("\r\u{1B}[K") }
    }
  }
}
