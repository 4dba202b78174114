import Autograd

/// Conversion between nested JSON arrays and flat row-major values with a shape.
public enum NestedArray {
  /// Flattens a number or a rectangular nested array of numbers.
  ///
  /// The strings `"nan"`, `"inf"` and `"-inf"` stand for the non-finite values.
  ///
  /// - Parameters:
  ///   - value: The JSON value.
  ///   - field: The field name, for error messages.
  /// - Returns: The values in row-major order and the shape.
  /// - Throws: ``EvalError/badField(_:)`` for ragged arrays or non-numbers.
  public static func flatten(_ value: JSONValue, field: String) throws -> (values: [Double], shape: Shape) {
    var dims: [Int] = []
    var probe = value
    while case .array(let items) = probe {
      dims.append(items.count)
      guard let first = items.first else { break }
      probe = first
    }
    var values: [Double] = []
    values.reserveCapacity(Shape(dims).count)
    try collect(value, depth: 0, dims: dims, into: &values, field: field)
    return (values, Shape(dims))
  }

  private static func collect(
    _ value: JSONValue, depth: Int, dims: [Int], into values: inout [Double], field: String
  ) throws {
    if depth == dims.count {
      values.append(try number(value, field: field))
      return
    }
    guard case .array(let items) = value, items.count == dims[depth] else {
      throw EvalError.badField("\"\(field)\" is not a rectangular array of numbers")
    }
    for item in items { try collect(item, depth: depth + 1, dims: dims, into: &values, field: field) }
  }

  /// One number, accepting the non-finite spellings.
  public static func number(_ value: JSONValue, field: String) throws -> Double {
    switch value {
    case .number(let x): return x
    case .string("nan"): return .nan
    case .string("inf"): return .infinity
    case .string("-inf"): return -.infinity
    default: throw EvalError.badField("\"\(field)\" must hold numbers, found \(value.serialized)")
    }
  }

  /// Writes flat float32 values as nested JSON arrays of the given shape (a bare number for a
  /// 0-d shape), each in its shortest round-trip form.
  public static func write(_ values: [Float], shape: Shape, to out: inout String) {
    func build(_ axis: Int, _ offset: Int, _ stride: Int) {
      if axis == shape.rank {
        out += format(values[offset])
        return
      }
      let step = stride / Swift.max(shape.dims[axis], 1)
      out += "["
      for i in 0..<shape.dims[axis] {
        if i > 0 { out += ", " }
        build(axis + 1, offset + i * step, step)
      }
      out += "]"
    }
    build(0, 0, shape.count)
  }

  /// A float as JSON: the shortest decimal that reads back as the same float, or a string for
  /// non-finite values.
  public static func format(_ x: Float) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
    return x.description
  }
}
