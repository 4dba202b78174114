import Autograd
import Testing

@Suite struct ShapeTests {
  @Test(
    arguments: [
      ([2, 3], [3], [2, 3]),
      ([2, 1], [1, 4], [2, 4]),
      ([], [5], [5]),
      ([3, 1, 2], [4, 1], [3, 4, 2]),
    ] as [([Int], [Int], [Int])])
  func broadcastsAsNumPyDoes(_ a: [Int], _ b: [Int], _ expected: [Int]) {
    #expect(Shape(a).broadcast(with: Shape(b)) == Shape(expected))
    #expect(Shape(b).broadcast(with: Shape(a)) == Shape(expected))
  }

  @Test func refusesIncompatibleShapes() {
    #expect(Shape([2, 3]).broadcast(with: [2]) == nil)
    #expect(Shape([4, 3]).broadcast(with: [3, 3]) == nil)
  }

  @Test func stridesAreRowMajor() {
    #expect(Shape([2, 3, 4]).strides == [12, 4, 1])
    #expect(Shape([]).count == 1)
    #expect(Shape([2, 3, 4]).split(at: 1) == (2, 3, 4))
    #expect(Shape([2, 3, 4]).split(at: -1) == (6, 4, 1))
  }

  @Test func broadcastingAddsRowsAndColumns() {
    let column = Tensor([1, 2], shape: [2, 1])
    let row = Tensor([10, 20, 30], shape: [3])
    let sum = column + row
    #expect(sum.shape == [2, 3])
    #expect(sum.data == [11, 21, 31, 12, 22, 32])
  }
}
