import Evaluation
import Autograd
import Foundation
import Losses

/// The human form of `lossscope eval`: the loss, then a row per input row with its values,
/// probabilities (for the losses on logits) and gradient.
struct EvalTable {
  let function: LossFunction
  let input: Tensor
  let result: Tensor
  let reduction: Reduction

  func render() -> String {
    var lines: [String] = []
    let lossText =
      result.count == 1
      ? fixed(result.data[0])
      : "[" + result.data.map(fixed).joined(separator: ", ") + "]"
    lines.append("\(function.rawValue) (reduction: \(reduction.rawValue))")
    lines.append("loss: \(lossText)")
    lines.append("")
    let columns = input.shape.rank == 0 ? 1 : input.shape.dims[input.shape.rank - 1]
    let rows = Swift.max(1, input.count / Swift.max(columns, 1))
    let probabilities = self.probabilities(columns: columns)
    let header = probabilities.map { $0.label } ?? nil
    for row in 0..<rows {
      let range = row * columns..<(row + 1) * columns
      lines.append("row \(row)")
      lines.append(line("input", input.data[range]))
      if let probabilities, let label = header {
        lines.append(line(label, probabilities.values[range]))
      }
      lines.append(
        line(
          "grad",
          (input.grad ?? []).isEmpty ? ArraySlice(repeating: 0, count: columns) : input.grad![range]
        ))
    }
    return lines.joined(separator: "\n")
  }

  /// Softmax for the losses on class logits, sigmoid for BCE with logits.
  private func probabilities(columns: Int) -> (label: String, values: [Float])? {
    switch function {
    case .crossEntropy:
      return ("softmax", withNoGrad { input.softmax(axis: input.shape.rank == 1 ? 0 : 1) }.data)
    case .binaryCrossEntropyWithLogits, .sigmoidFocalLoss:
      return ("sigmoid", withNoGrad { input.sigmoid() }.data)
    case .nllLoss:
      return ("exp(input)", withNoGrad { input.exp() }.data)
    default:
      return nil
    }
  }

  private func line(_ label: String, _ values: ArraySlice<Float>) -> String {
    label.padding(toLength: 12, withPad: " ", startingAt: 0)
      + values.map { fixed($0).leftPadded(to: 10) }.joined(separator: " ")
  }

  private func fixed(_ x: Float) -> String {
    x.isFinite ? String(format: "%.4f", Double(x)) : "\(x)"
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
