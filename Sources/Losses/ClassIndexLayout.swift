import Autograd

/// Where the class axis of an input lies and how class-index targets line up with it.
///
/// PyTorch's classification losses take an input of shape `(C)`, `(N, C)` or `(N, C, d₁…dₖ)`
/// and class indices of shape `()`, `(N)` or `(N, d₁…dₖ)`. Either way the input is walked as
/// `outer × C × inner` and target element `e` addresses row `e / inner`, position `e % inner`.
struct ClassIndexLayout {
  /// The class dimension: 0 for an unbatched `(C)` input, else 1.
  let classAxis: Int
  /// `C`.
  let classes: Int
  /// `N` (1 for an unbatched input).
  let outer: Int
  /// `d₁·…·dₖ` (1 without extra dimensions).
  let inner: Int
  /// The shape of the targets and of an unreduced loss.
  let targetShape: Shape

  /// Checks that the shapes fit together.
  ///
  /// - Throws: ``LossError/shapeMismatch(input:target:reason:)`` when they do not.
  init(input: Shape, target: Shape) throws {
    guard input.rank >= 1 else {
      throw LossError.shapeMismatch(
        input: input, target: target, reason: "input needs a class dimension")
    }
    if input.rank == 1 {
      guard target.rank == 0 else {
        throw LossError.shapeMismatch(
          input: input, target: target, reason: "an unbatched (C) input takes a 0-d class index")
      }
      classAxis = 0
    } else {
      var expected = input.dims
      expected.remove(at: 1)
      guard target.dims == expected else {
        throw LossError.shapeMismatch(
          input: input, target: target, reason: "expected target shape \(Shape(expected))")
      }
      classAxis = 1
    }
    // An empty class dimension is allowed: PyTorch answers when no target needs a class (every
    // target ignored); `validate` refuses any other target as out of bounds.
    classes = input.dims[classAxis]
    outer = input.rank == 1 ? 1 : input.dims[0]
    inner = input.rank <= 2 ? 1 : input.dims[2...].reduce(1, *)
    targetShape = target
  }

  /// The shape of the index tensor that gathers one class per target element.
  var gatherShape: Shape {
    var dims = targetShape.dims
    dims.insert(1, at: classAxis)
    return Shape(dims)
  }

  /// Rejects indices outside `0..<classes` other than `ignoreIndex`.
  func validate(_ indices: [Int], ignoreIndex: Int) throws {
    for index in indices where index != ignoreIndex && (index < 0 || index >= classes) {
      throw LossError.targetOutOfBounds(target: index, classes: classes)
    }
  }

  /// Rejects a class-weight vector whose length is not `C`.
  func validate(weight: [Float]?) throws {
    if let weight, weight.count != classes {
      throw LossError.weightLength(expected: classes, got: weight.count)
    }
  }

  /// `w[yₑ]` for every target element, 0 where the target is ignored.
  func targetWeights(_ indices: [Int], weight: [Float]?, ignoreIndex: Int) -> [Float] {
    indices.map { $0 == ignoreIndex ? 0 : (weight?[$0] ?? 1) }
  }

  /// The class weights shaped to broadcast along the class axis of the input.
  func broadcastable(_ weight: [Float]) -> Tensor {
    var dims = [Int](repeating: 1, count: classAxis == 0 ? 1 : 2 + (targetShape.rank - 1))
    dims[classAxis] = classes
    return Tensor(weight, shape: Shape(dims))
  }
}

extension ClassIndexLayout {
  /// The layout of a class-index loss's input and target, with the targets and the class
  /// weights checked against it: what cross-entropy, NLL, focal loss and the fused kernel all
  /// check first.
  ///
  /// - Throws: ``LossError`` for shapes that do not fit, a target out of range (other than
  ///   `ignoreIndex`), or a weight of the wrong length.
  package static func checked(
    input: Shape, target: [Int], targetShape: Shape, weight: [Float]?, ignoreIndex: Int
  ) throws -> ClassIndexLayout {
    let layout = try ClassIndexLayout(input: input, target: targetShape)
    try layout.validate(target, ignoreIndex: ignoreIndex)
    try layout.validate(weight: weight)
    return layout
  }
}
