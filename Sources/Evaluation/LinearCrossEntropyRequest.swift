import Autograd
import JSON
import Losses

/// An `eval` request for `linear_cross_entropy`: three tensors in (`input`, `linear_weight`,
/// optional `linear_bias`), and a gradient for each.
enum LinearCrossEntropyRequest {
  /// The loss's name in a request.
  static let name = "linear_cross_entropy"

  /// The options PyTorch's `F.linear_cross_entropy` takes besides its tensors.
  static let keywords = ["linear_bias", "weight", "reduction", "ignore_index", "label_smoothing"]

  /// Computes the loss and the gradients of the tensors given.
  ///
  /// - Returns: The loss and the `grad` object's text:
  ///   `{"input": …, "linear_weight": …, "linear_bias": …}` (`linear_bias` only when given).
  static func evaluate(_ fields: [String: JSONValue], limits: EvalLimits) throws -> (Tensor, String)
  {
    let given = fields.keys.filter {
      !["id", "loss", "input", "linear_weight", "target"].contains($0)
    }
    if let unexpected = given.sorted().first(where: { !keywords.contains($0) }) {
      throw LossError.invalidArgument(
        "\(name)() got an unexpected keyword argument '\(unexpected)' (it takes "
          + keywords.joined(separator: ", ") + ")")
    }
    func tensor(_ key: String) throws -> (values: [Double], dims: [Int])? {
      guard let value = fields[key], value != .null else { return nil }
      return try NestedArray.flatten(value, field: key)
    }
    guard let input = try tensor("input") else { throw EvalError.badField("missing \"input\"") }
    guard let linearWeight = try tensor("linear_weight") else {
      throw EvalError.badField("missing \"linear_weight\"")
    }
    guard let targetValue = fields["target"] else { throw EvalError.badField("missing \"target\"") }
    let target = try NestedArray.flatten(targetValue, field: "target")
    let bias = try tensor("linear_bias")
    let options = try EvalService.readOptions(fields)
    // The kernel holds no N × V tensor, only a block of the logits (counted on top); the
    // request's own tensors and their gradients count as any loss's: the check's input is the
    // largest of them.
    let others =
      [target.dims, linearWeight.dims] + [bias?.dims, options.weight?.shape.dims].compactMap { $0 }
    let tokens = input.dims.count == 2 ? input.dims[0] : 1
    let vocabulary = linearWeight.dims.first ?? 0
    try limits.check(
      input: input.dims, target: [], others: others,
      extraBytes: FusedLinearCrossEntropy.blockBytes(tokens: tokens, vocabulary: vocabulary))
    // The work too: N = V = 10^6 with D = 1 is 10 MB of request and hours of products.
    let hidden = input.dims.last ?? 0
    guard
      let work = ElementLimit.checkedProduct([tokens, hidden, vocabulary]),
      work <= EvalLimits.maximumLinearWork
    else {
      throw JSONError.tooLarge(
        "linear_cross_entropy: N × D × V = \(tokens) × \(hidden) × \(vocabulary) is more than "
          + "\(EvalLimits.maximumLinearWork) multiply-adds (about 10 s here)")
    }
    if let weight = options.weight, weight.shape.rank != 1 {
      throw LossError.invalidArgument("weight must be 1-D (V), got shape \(weight.shape)")
    }
    let inputTensor = Tensor(
      input.values.map { Float($0) }, shape: Shape(input.dims), requiresGrad: true)
    let weightTensor = Tensor(
      linearWeight.values.map { Float($0) }, shape: Shape(linearWeight.dims), requiresGrad: true)
    let biasTensor = bias.map {
      Tensor($0.values.map { Float($0) }, shape: Shape($0.dims), requiresGrad: true)
    }
    let logitsDims = input.dims.count == 2 ? [input.dims[0], vocabulary] : [vocabulary]
    let targetValues = TargetValues(values: target.values, shape: Shape(target.dims))
    let crossEntropyTarget: CrossEntropyTarget =
      target.dims == logitsDims && !logitsDims.isEmpty
      ? .probabilities(target.values.map { Float($0) }, shape: Shape(target.dims))
      : .classes(try targetValues.classIndices(), shape: Shape(target.dims))
    let loss = try linearCrossEntropy(
      inputTensor, linearWeight: weightTensor, target: crossEntropyTarget, linearBias: biasTensor,
      weight: options.weight?.values, ignoreIndex: options.ignoreIndex,
      labelSmoothing: options.labelSmoothing, reduction: options.reduction ?? .mean)
    loss.backward(gradient: [Float](repeating: 1, count: loss.count))
    var out = "{"
    let parts =
      [("input", inputTensor), ("linear_weight", weightTensor)]
      + (biasTensor.map { [("linear_bias", $0)] } ?? [])
    for (index, (key, tensor)) in parts.enumerated() {
      out += (index == 0 ? "" : ", ") + "\"\(key)\": "
      NestedArray.write(
        tensor.grad ?? [Float](repeating: 0, count: tensor.count), shape: tensor.shape, to: &out)
    }
    return (loss, out + "}")
  }
}
