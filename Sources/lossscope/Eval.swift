import Evaluation
import ArgumentParser
import Autograd
import Foundation
import JSON
import Losses

extension LossScope {
  /// `lossscope eval`: a loss and its gradient, as a table or as JSON Lines.
  struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compute a loss and its gradient with PyTorch's semantics.",
      discussion: """
        With --jsonl, reads one JSON request per line on stdin and writes one answer per line:
          {"id": 1, "loss": "cross_entropy", "input": [[2,1,0.1]], "target": [0]}
          → {"id": 1, "loss": 0.4170299, "grad": [[-0.34098, 0.24243, 0.09856]]}
        Otherwise computes one loss from the options and prints a table.
        """)

    @Flag(help: "Answer JSON Lines requests from stdin.")
    var jsonl = false

    @Argument(help: "The loss, by PyTorch's functional name (cross_entropy, nll_loss, …).")
    var loss: String?

    @Option(parsing: .unconditional, help: "The input as a JSON array, e.g. '[[2,1,0.1]]'.")
    var input: String?

    @Option(parsing: .unconditional, help: "The target as a JSON array or number, e.g. '[0]'.")
    var target: String?

    @Option(parsing: .unconditional, help: "Class weights as a JSON array.")
    var weight: String?

    @Option(help: "none, sum or mean (batchmean for kl_div).")
    var reduction: String?

    @Option(
      name: .customLong("ignore-index"), parsing: .unconditional,
      help: "A class index that contributes nothing.")
    var ignoreIndex: Int = -100

    @Option(name: .customLong("label-smoothing"), help: "Label smoothing in [0, 1].")
    var labelSmoothing: Float = 0

    @Option(
      name: .customLong("max-memory"),
      help:
        "The memory one request may use, in MiB (default 1024); a larger request gets an error line."
    )
    var maxMemory: Int = EvalLimits.defaultMaxMemory >> 20

    func validate() throws {
      guard maxMemory >= 1, maxMemory <= 1 << 40 else {
        throw ValidationError("--max-memory must be between 1 and 2^40 MiB")
      }
      if jsonl {
        guard loss == nil, input == nil, target == nil else {
          throw ValidationError("--jsonl takes its requests from stdin, not from arguments")
        }
      } else {
        guard loss != nil, input != nil, target != nil else {
          throw ValidationError("give a loss name with --input and --target, or use --jsonl")
        }
      }
    }

    func run() throws {
      try reportingFailures {
        if jsonl { try answerLines() } else { try printTable() }
      }
    }

    /// One answer per line that holds more than JSON whitespace, whatever the line holds.
    private func answerLines() throws {
      let limits = EvalLimits(maxMemory: maxMemory << 20)
      var reader = RequestLineReader(limit: limits.maxLineBytes)
      while let line = reader.next() {
        switch line {
        case .tooLong(let count):
          try writeLine(
            EvalService.errorAnswer(
              message:
                "the request line has \(count) bytes, more than the limit of \(limits.maxLineBytes) "
                + "(a twelfth of --max-memory)"))
        case .bytes(let bytes):
          // Blank means JSON's whitespace only: a line of \f, \v or U+00A0 gets an error answer.
          if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
          guard let text = String(validating: bytes, as: UTF8.self) else {
            try writeLine(EvalService.errorAnswer(message: "the request line is not valid UTF-8"))
            continue
          }
          try writeLine(EvalService.answer(line: text, limits: limits))
        }
      }
    }

    private func printTable() throws {
      guard let loss, let input, let target else { return }
      if loss == "linear_cross_entropy" {
        throw LossError.invalidArgument(
          "linear_cross_entropy takes a linear_weight besides its input: send it as a request to "
            + "eval --jsonl (see the README)")
      }
      let function = try LossFunction(parsing: loss)
      let (inputValues, inputShape) = try ArrayArgument.parse(input, option: "--input")
      let (targetValues, targetShape) = try ArrayArgument.parse(target, option: "--target")
      var options = LossOptions()
      if let weight {
        let (values, shape) = try ArrayArgument.parse(weight, option: "--weight")
        options.weight = (values.map { Float($0) }, shape)
      }
      options.reduction = try reduction.map { try Reduction(parsing: $0) }
      options.ignoreIndex = ignoreIndex
      options.labelSmoothing = labelSmoothing
      let x = Tensor(inputValues.map { Float($0) }, shape: inputShape, requiresGrad: true)
      let result = try function(
        x, target: TargetValues(values: targetValues, shape: targetShape), options: options)
      result.backward(gradient: [Float](repeating: 1, count: result.count))
      try writeLine(
        EvalTable(
          function: function, input: x, result: result,
          reduction: options.reduction ?? function.defaultReduction
        ).render())
    }
  }
}
