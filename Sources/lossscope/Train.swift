import Training
import ArgumentParser
import Autograd
import Foundation
import JSON
import Losses

extension LossScope {
  /// `lossscope train`: one Linear layer trained with cross-entropy.
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train one Linear layer with cross-entropy and print the loss and logits per step.",
      discussion: """
        Each step runs forward, loss, backward, optimizer step and zero grad, and reports the loss
        and logits of its forward pass. With no options it runs the seed's example: x = [1,0,0],
        target 2, Linear(3,3), SGD with lr 0.1, 51 steps.
        """)

    @Option(help: "N×D inputs as a JSON array.")
    var inputs = "[[1,0,0]]"

    @Option(help: "N class indices as a JSON array.")
    var targets = "[2]"

    @Option(
      name: .customLong("weight-init"), help: "C×D initial weight (PyTorch Linear.weight layout).")
    var weightInit: String?

    @Option(name: .customLong("bias-init"), help: "C initial biases.")
    var biasInit: String?

    @Option(
      help: "The number of classes C when no --weight-init is given (default: largest target + 1).")
    var classes: Int?

    /// The default seed's initial loss, 1.97, is close to the seed article's 2.05, so the
    /// default run tells the article's story; any seed gives a valid PyTorch-style init.
    @Option(help: "Seed for the random initialisation.")
    var seed: UInt64 = 60

    @Option(help: "sgd or adam.")
    var optimizer: LinearTrainer.OptimizerKind = .sgd

    @Option(help: "Learning rate (default 0.1 for SGD, as in the seed; 0.001 for Adam, PyTorch's).")
    var lr: Float?

    @Option(help: "SGD momentum.")
    var momentum: Float = 0

    @Option(help: "Number of steps.")
    var steps: Int = 51

    @Option(name: .customLong("class-weight"), help: "Cross-entropy class weights as a JSON array.")
    var classWeight: String?

    @Option(name: .customLong("label-smoothing"), help: "Cross-entropy label smoothing in [0, 1].")
    var labelSmoothing: Float = 0

    @Flag(help: "Print one JSON line per step.")
    var json = false

    @Option(help: "Without --json, print a row every K steps.")
    var every: Int = 1

    func validate() throws {
      guard steps >= 0 else { throw ValidationError("--steps must not be negative") }
      if let classes, classes < 1 || classes > ElementLimit.maximumElements {
        throw ValidationError("--classes must be between 1 and 2^26")
      }
      // PyTorch's own checks: "Invalid learning rate" and "Invalid momentum value".
      if let lr, !(lr >= 0 && lr.isFinite) {
        throw ValidationError("--lr must be a finite number, at least 0")
      }
      guard momentum >= 0, momentum.isFinite else {
        throw ValidationError("--momentum must be a finite number, at least 0")
      }
      guard labelSmoothing >= 0, labelSmoothing <= 1 else {
        throw ValidationError("--label-smoothing must be in [0, 1]")
      }
      guard every >= 1 else { throw ValidationError("--every must be at least 1") }
      if momentum != 0 && optimizer == .adam {
        throw ValidationError("--momentum applies to sgd only")
      }
      if (weightInit == nil) != (biasInit == nil) {
        throw ValidationError("give --weight-init and --bias-init together")
      }
    }

    func run() throws {
      try reportingFailures {
        let trainer = try makeTrainer()
        for _ in 0..<steps {
          let result = try trainer.step()
          if json {
            try writeLine(jsonLine(result, classes: trainer.layer.bias.count))
          } else if result.step % every == 0 {
            try writeLine(tableLine(result, classes: trainer.layer.bias.count))
          }
        }
      }
    }

    private func makeTrainer() throws -> LinearTrainer {
      let x = try ArrayArgument.matrix(inputs, option: "--inputs")
      let y = try ArrayArgument.indices(targets, option: "--targets")
      let layer: Linear
      if let weightInit, let biasInit {
        let w = try ArrayArgument.matrix(weightInit, option: "--weight-init")
        let b = try ArrayArgument.vector(biasInit, option: "--bias-init")
        guard w.count == b.count else {
          throw BadData(
            description: "--weight-init has \(w.count) rows but --bias-init has \(b.count) values")
        }
        layer = Linear(weight: w, bias: b)
      } else {
        if let negative = y.first(where: { $0 < 0 }) {
          throw BadData(description: "--targets: class index \(negative) is negative")
        }
        let count = classes ?? ((y.max() ?? 0) + 1)
        if let outside = y.first(where: { $0 >= count }) {
          throw BadData(
            description: "--targets: Target \(outside) is out of bounds for \(count) classes")
        }
        // The weight is C×D: checked before it is allocated.
        _ = try ElementLimit.count(
          of: [count, x.first?.count ?? 0], what: "the weight (classes × features)")
        var generator = SeededGenerator(seed: seed)
        layer = Linear(x.first?.count ?? 0, count, using: &generator)
      }
      let weights = try classWeight.map { try ArrayArgument.vector($0, option: "--class-weight") }
      return try LinearTrainer(
        layer: layer, inputs: x, targets: y, optimizer: optimizer,
        learningRate: lr ?? (optimizer == .sgd ? 0.1 : 1e-3), momentum: momentum,
        classWeight: weights, labelSmoothing: labelSmoothing)
    }

    private func jsonLine(_ result: LinearTrainer.StepResult, classes: Int) -> String {
      var logits = ""
      NestedArray.write(
        result.logits, shape: [result.logits.count / classes, classes], to: &logits)
      return JSONValue.orderedObject(texts: [
        "step": String(result.step), "loss": NestedArray.format(result.loss), "logits": logits,
      ])
    }

    /// `Step   0 | Loss: 2.0535 | Logits: [ … ]`, as the seed prints it; with a batch, one row of
    /// logits per sample, the later ones aligned under the first.
    private func tableLine(_ result: LinearTrainer.StepResult, classes: Int) -> String {
      // "nan", not glibc's "-nan", whatever the sign bit of the NaN.
      func fixed(_ x: Float, _ format: String) -> String {
        x.isNaN ? "nan" : String(format: format, Double(x))
      }
      let rows = stride(from: 0, to: result.logits.count, by: max(1, classes)).map { start in
        "["
          + result.logits[start..<min(result.logits.count, start + classes)].map {
            fixed($0, "%7.3f")
          }.joined(separator: " ") + "]"
      }
      let head =
        String(format: "Step %3d | Loss: ", result.step) + fixed(result.loss, "%.4f")
        + " | Logits: "
      let indent = String(repeating: " ", count: head.count)
      return head + rows.joined(separator: "\n" + indent)
    }
  }
}

extension LinearTrainer.OptimizerKind: ExpressibleByArgument {}
