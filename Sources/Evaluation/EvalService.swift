import Losses
import Autograd
import JSON
import SafeText

/// Answers `lossscope eval --jsonl` requests: one JSON line in, one JSON line out.
///
/// A request is `{"id", "loss", "input", "target", …PyTorch keyword options}`. The answer is
/// `{"id", "loss", "grad"}`, where `grad` is the gradient of the loss (of its sum for
/// `reduction: "none"`) with respect to `input`, or `{"id", "error"}`. For
/// `linear_cross_entropy` (fields `input`, `linear_weight`, `target`, optional `linear_bias`)
/// `grad` is an object with one gradient per tensor given. Every line gets an
/// answer; nothing a line contains can end the stream.
public enum EvalService {
  /// The fields a request may carry.
  static let knownFields: Set<String> = [
    "id", "loss", "input", "target", "weight", "ignore_index", "label_smoothing", "reduction",
    "pos_weight", "delta", "beta", "log_target", "alpha", "gamma", "linear_weight", "linear_bias",
  ]

  /// Answers one request line.
  ///
  /// - Parameters:
  ///   - line: One JSON object.
  ///   - limits: What the request may cost; checked before its tensors are built.
  /// - Returns: One line of JSON, without a trailing newline. The `id` is echoed exactly as the
  ///   request wrote it.
  public static func answer(line: String, limits: EvalLimits = EvalLimits()) -> String {
    var id = "null"
    do {
      let (value, memberText) = try JSONValue.parseKeepingMemberText(line)
      guard case .object(let fields) = value else {
        throw EvalError.badField("a request must be a JSON object")
      }
      // Byte for byte, except that line breaks between its tokens (JSON whitespace; a string
      // cannot hold a raw one) become spaces, so the answer stays one line.
      id = String(
        String.UnicodeScalarView(
          (memberText["id"] ?? "null").unicodeScalars.map {
            $0 == "\n" || $0 == "\r" ? " " : $0
          }))
      if let unknown = fields.keys.sorted().first(where: { !knownFields.contains($0) }) {
        throw EvalError.badField("unknown field \(TerminalSafe.quoted(unknown))")
      }
      var out = "{\"id\": " + id + ", \"loss\": "
      if fields["loss"] == .string(LinearCrossEntropyRequest.name) {
        let (loss, gradients) = try LinearCrossEntropyRequest.evaluate(fields, limits: limits)
        NestedArray.write(loss.data, shape: loss.shape, to: &out)
        out += ", \"grad\": " + gradients
      } else {
        let (loss, grad, inputShape) = try evaluate(fields, limits: limits)
        NestedArray.write(loss.data, shape: loss.shape, to: &out)
        out += ", \"grad\": "
        NestedArray.write(grad, shape: inputShape, to: &out)
      }
      out += "}"
      return out
    } catch {
      return errorAnswer(id: id, message: "\(error)")
    }
  }

  /// The answer to a request that could not be read at all (an over-long or non-UTF-8 line).
  ///
  /// - Parameters:
  ///   - id: The `id` as JSON text, `null` when it is not known.
  ///   - message: What was wrong.
  /// - Returns: The answer line.
  public static func errorAnswer(id: String = "null", message: String) -> String {
    "{\"id\": " + id + ", \"error\": " + JSONValue.string(message).serialized + "}"
  }

  /// Computes the loss and its input gradient for a parsed request.
  /// Unknown fields are refused before (in ``answer(line:limits:)``).
  static func evaluate(_ fields: [String: JSONValue], limits: EvalLimits) throws -> (
    Tensor, [Float], Shape
  ) {
    guard case .string(let name)? = fields["loss"] else {
      throw EvalError.badField("\"loss\" must be a string naming the loss function")
    }
    let function = try LossFunction(parsing: name)
    try function.checkKeywords(
      fields.keys.filter { !["id", "loss", "input", "target"].contains($0) })
    guard let inputValue = fields["input"] else { throw EvalError.badField("missing \"input\"") }
    guard let targetValue = fields["target"] else { throw EvalError.badField("missing \"target\"") }
    let (inputValues, inputDims) = try NestedArray.flatten(inputValue, field: "input")
    let (targetValues, targetDims) = try NestedArray.flatten(targetValue, field: "target")
    let options = try readOptions(fields)
    let others = [options.weight?.shape.dims, options.posWeight?.shape.dims].compactMap { $0 }
    try limits.check(input: inputDims, target: targetDims, others: others)
    let inputShape = Shape(inputDims)
    let input = Tensor(inputValues.map { Float($0) }, shape: inputShape, requiresGrad: true)
    let loss = try function(
      input, target: TargetValues(values: targetValues, shape: Shape(targetDims)), options: options)
    loss.backward(gradient: [Float](repeating: 1, count: loss.count))
    return (loss, input.grad ?? [Float](repeating: 0, count: input.count), inputShape)
  }

  /// Reads PyTorch's keyword options, checking each one's type.
  package static func readOptions(_ fields: [String: JSONValue]) throws -> LossOptions {
    var options = LossOptions()
    if let value = fields["weight"], value != .null {
      let (values, dims) = try NestedArray.flatten(value, field: "weight")
      options.weight = (values.map { Float($0) }, Shape(dims))
    }
    if let value = fields["pos_weight"], value != .null {
      let (values, dims) = try NestedArray.flatten(value, field: "pos_weight")
      options.posWeight = (values.map { Float($0) }, Shape(dims))
    }
    if let value = fields["ignore_index"] {
      let x = try NestedArray.number(value, field: "ignore_index")
      guard x.isFinite, x.rounded() == x else {
        throw EvalError.badField("\"ignore_index\" must be an integer")
      }
      guard Swift.abs(x) < 9e15 else {
        throw EvalError.badField("\"ignore_index\" is out of range")
      }
      options.ignoreIndex = Int(x)
    }
    if let value = fields["reduction"] {
      guard case .string(let name) = value else {
        throw EvalError.badField("\"reduction\" must be a string")
      }
      options.reduction = try Reduction(parsing: name)
    }
    if let value = fields["log_target"] {
      guard case .bool(let flag) = value else {
        throw EvalError.badField("\"log_target\" must be true or false")
      }
      options.logTarget = flag
    }
    func float(_ key: String) throws -> Float? {
      try fields[key].map { Float(try NestedArray.number($0, field: key)) }
    }
    if let x = try float("label_smoothing") { options.labelSmoothing = x }
    if let x = try float("delta") { options.delta = x }
    if let x = try float("beta") { options.beta = x }
    if let x = try float("alpha") { options.alpha = x }
    if let x = try float("gamma") { options.gamma = x }
    return options
  }
}
