import Autograd

/// Answers `lossscope eval --jsonl` requests: one JSON line in, one JSON line out.
///
/// A request is `{"id", "loss", "input", "target", …PyTorch keyword options}`. The answer is
/// `{"id", "loss", "grad"}`, where `grad` is the gradient of the loss (of its sum for
/// `reduction: "none"`) with respect to `input`, or `{"id", "error"}`. Every line gets an
/// answer; nothing a line contains can end the stream.
public enum EvalService {
  /// The fields a request may carry.
  static let knownFields: Set<String> = [
    "id", "loss", "input", "target", "weight", "ignore_index", "label_smoothing", "reduction",
    "pos_weight", "delta", "beta", "log_target", "alpha", "gamma",
  ]

  /// Answers one request line.
  ///
  /// - Parameter line: One JSON object.
  /// - Returns: One line of JSON, without a trailing newline.
  public static func answer(line: String) -> String {
    var id = JSONValue.null
    do {
      guard case .object(let fields) = try JSONValue.parse(line) else {
        throw EvalError.badField("a request must be a JSON object")
      }
      id = fields["id"] ?? .null
      let (loss, grad, inputShape) = try evaluate(fields)
      var out = "{\"id\": " + id.serialized + ", \"loss\": "
      NestedArray.write(loss.data, shape: loss.shape, to: &out)
      out += ", \"grad\": "
      NestedArray.write(grad, shape: inputShape, to: &out)
      out += "}"
      return out
    } catch {
      return "{\"id\": " + id.serialized + ", \"error\": " + JSONValue.string("\(error)").serialized + "}"
    }
  }

  /// Computes the loss and its input gradient for a parsed request.
  static func evaluate(_ fields: [String: JSONValue]) throws -> (Tensor, [Float], Shape) {
    if let unknown = fields.keys.sorted().first(where: { !knownFields.contains($0) }) {
      throw EvalError.badField("unknown field \"\(unknown)\"")
    }
    guard case .string(let name)? = fields["loss"] else {
      throw EvalError.badField("\"loss\" must be a string naming the loss function")
    }
    let function = try LossFunction(parsing: name)
    guard let inputValue = fields["input"] else { throw EvalError.badField("missing \"input\"") }
    guard let targetValue = fields["target"] else { throw EvalError.badField("missing \"target\"") }
    let (inputValues, inputShape) = try NestedArray.flatten(inputValue, field: "input")
    let (targetValues, targetShape) = try NestedArray.flatten(targetValue, field: "target")
    let options = try readOptions(fields)
    let input = Tensor(inputValues.map { Float($0) }, shape: inputShape, requiresGrad: true)
    let loss = try function(input, target: TargetValues(values: targetValues, shape: targetShape), options: options)
    loss.backward(gradient: [Float](repeating: 1, count: loss.count))
    return (loss, input.grad ?? [Float](repeating: 0, count: input.count), inputShape)
  }

  /// Reads PyTorch's keyword options, checking each one's type.
  static func readOptions(_ fields: [String: JSONValue]) throws -> LossOptions {
    var options = LossOptions()
    if let value = fields["weight"], value != .null {
      let (values, shape) = try NestedArray.flatten(value, field: "weight")
      options.weight = (values.map { Float($0) }, shape)
    }
    if let value = fields["pos_weight"], value != .null {
      let (values, shape) = try NestedArray.flatten(value, field: "pos_weight")
      options.posWeight = (values.map { Float($0) }, shape)
    }
    if let value = fields["ignore_index"] {
      let x = try NestedArray.number(value, field: "ignore_index")
      guard x.rounded() == x, Swift.abs(x) < 9e15 else {
        throw EvalError.badField("\"ignore_index\" must be an integer")
      }
      options.ignoreIndex = Int(x)
    }
    if let value = fields["reduction"] {
      guard case .string(let name) = value else { throw EvalError.badField("\"reduction\" must be a string") }
      options.reduction = try Reduction(parsing: name)
    }
    if let value = fields["log_target"] {
      guard case .bool(let flag) = value else { throw EvalError.badField("\"log_target\" must be true or false") }
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
