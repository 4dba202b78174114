import Autograd
import JSON
import Losses

/// Parses a command-line JSON array such as `'[[2,1,0.1]]'`.
enum ArrayArgument {
  /// Flat values and shape of a number or nested array.
  ///
  /// - Throws: ``BadData`` naming the option when the text is not a rectangular numeric array.
  static func parse(_ text: String, option: String) throws -> (values: [Double], shape: Shape) {
    do {
      let (values, dims) = try NestedArray.flatten(try JSONValue.parse(text), field: option)
      return (values, Shape(dims))
    } catch {
      throw BadData(description: "\(option): \(error)")
    }
  }

  /// A 1-d array of floats.
  static func vector(_ text: String, option: String) throws -> [Float] {
    let (values, shape) = try parse(text, option: option)
    guard shape.rank == 1 else {
      throw BadData(description: "\(option): expected a 1-d array, got shape \(shape)")
    }
    return values.map { Float($0) }
  }

  /// A 2-d array of floats as rows.
  static func matrix(_ text: String, option: String) throws -> [[Float]] {
    let (values, shape) = try parse(text, option: option)
    guard shape.rank == 2 else {
      throw BadData(description: "\(option): expected a 2-d array, got shape \(shape)")
    }
    let columns = shape.dims[1]
    return (0..<shape.dims[0]).map { row in
      values[row * columns..<(row + 1) * columns].map { Float($0) }
    }
  }

  /// A 1-d array of class indices.
  static func indices(_ text: String, option: String) throws -> [Int] {
    let (values, shape) = try parse(text, option: option)
    guard shape.rank == 1 else {
      throw BadData(description: "\(option): expected a 1-d array, got shape \(shape)")
    }
    do {
      return try TargetValues(values: values, shape: shape).classIndices()
    } catch {
      throw BadData(description: "\(option): \(error)")
    }
  }
}
