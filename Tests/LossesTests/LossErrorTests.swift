import Autograd
import Losses
import Testing

@Suite struct LossErrorTests {
  let logits = Tensor([[2, 1, 0.1]])

  @Test func targetOutOfRange() {
    #expect(throws: LossError.targetOutOfBounds(target: 5, classes: 3)) {
      try crossEntropy(logits, target: .classes([5], shape: [1]))
    }
    #expect(
      LossError.targetOutOfBounds(target: 5, classes: 3).description
        == "Target 5 is out of bounds for 3 classes")
  }

  @Test func shapeMismatchNamesBothShapes() throws {
    do {
      _ = try crossEntropy(
        Tensor([[2, 1, 0.1], [1, 2, 3]]), target: .classes([0, 1, 2], shape: [3]))
      Issue.record("expected an error")
    } catch let error as LossError {
      #expect(error.description.contains("[2, 3]"))
      #expect(error.description.contains("[3]"))
    }
  }

  @Test func binaryCrossEntropyInputOutsideTheUnitInterval() {
    #expect(throws: LossError.inputOutOfRange(value: 1.5)) {
      try binaryCrossEntropy(Tensor([0.5, 1.5]), target: Tensor([1, 0]))
    }
    #expect(throws: LossError.self) {
      try binaryCrossEntropy(Tensor([Float.nan]), target: Tensor([1]))
    }
  }

  @Test func badOptions() {
    #expect(throws: LossError.unknownReduction("average")) { try Reduction(parsing: "average") }
    #expect(throws: LossError.unknownLoss("hinge")) { try LossFunction(parsing: "hinge") }
    #expect(throws: LossError.weightLength(expected: 3, got: 2)) {
      try crossEntropy(logits, target: .classes([0], shape: [1]), weight: [1, 2])
    }
    #expect(throws: LossError.labelSmoothingOutOfRange(1.5)) {
      try crossEntropy(logits, target: .classes([0], shape: [1]), labelSmoothing: 1.5)
    }
    #expect(throws: LossError.nonIntegerClassIndex(0.5)) {
      try TargetValues(values: [0.5], shape: [1]).classIndices()
    }
  }
}
