import SafeText

/// Conversion between nested JSON arrays and flat row-major values with their dimensions.
public enum NestedArray {
  /// Flattens a number or a rectangular nested array of numbers.
  ///
  /// The strings `"nan"`, `"inf"` and `"-inf"` stand for the non-finite values. The array is
  /// checked to be rectangular, and its element count against ``ElementLimit``, before anything
  /// is allocated: a ragged or deeply nested request cannot ask for more memory than its text.
  ///
  /// - Parameters:
  ///   - value: The JSON value.
  ///   - field: The field name, for error messages.
  ///   - limit: The most elements accepted.
  /// - Returns: The values in row-major order and the dimensions, outermost first.
  /// - Throws: ``JSONError/badValue(_:)`` for ragged arrays or non-numbers, ``JSONError/tooLarge(_:)``
  ///   past the limit.
  public static func flatten(
    _ value: JSONValue, field: String, limit: Int = ElementLimit.maximumElements
  ) throws -> (values: [Double], dims: [Int]) {
    var dims: [Int] = []
    var probe = value
    while case .array(let items) = probe {
      dims.append(items.count)
      guard let first = items.first else { break }
      probe = first
    }
    let count = try ElementLimit.count(of: dims, what: "\"\(field)\"", limit: limit)
    try checkRectangular(value, depth: 0, dims: dims, field: field)
    var values: [Double] = []
    values.reserveCapacity(count)
    try collect(value, depth: 0, dims: dims, into: &values, field: field)
    return (values, dims)
  }

  private static func raggedError(_ field: String) -> JSONError {
    .badValue("\"\(field)\" is not a rectangular array of numbers")
  }

  private static func checkRectangular(_ value: JSONValue, depth: Int, dims: [Int], field: String)
    throws
  {
    guard depth < dims.count else { return }
    guard case .array(let items) = value, items.count == dims[depth] else {
      throw raggedError(field)
    }
    for item in items { try checkRectangular(item, depth: depth + 1, dims: dims, field: field) }
  }

  private static func collect(
    _ value: JSONValue, depth: Int, dims: [Int], into values: inout [Double], field: String
  ) throws {
    if depth == dims.count {
      values.append(try number(value, field: field))
      return
    }
    guard case .array(let items) = value else { throw raggedError(field) }
    for item in items {
      try collect(item, depth: depth + 1, dims: dims, into: &values, field: field)
    }
  }

  /// One number, accepting the non-finite spellings.
  public static func number(_ value: JSONValue, field: String) throws -> Double {
    switch value {
    case .number(let x): return x
    case .string("nan"): return .nan
    case .string("inf"): return .infinity
    case .string("-inf"): return -.infinity
    default:
      throw JSONError.badValue(
        "\"\(field)\" must hold numbers, found \(TerminalSafe.cut(value.serialized))")
    }
  }

  /// Writes flat float32 values as nested JSON arrays of the given dimensions (a bare number for
  /// no dimensions), each in its shortest round-trip form.
  public static func write(_ values: [Float], dims: [Int], to out: inout String) {
    func build(_ axis: Int, _ offset: Int, _ stride: Int) {
      if axis == dims.count {
        out += format(values[offset])
        return
      }
      let step = stride / Swift.max(dims[axis], 1)
      out += "["
      for i in 0..<dims[axis] {
        if i > 0 { out += ", " }
        build(axis + 1, offset + i * step, step)
      }
      out += "]"
    }
    build(0, 0, dims.reduce(1, *))
  }

  /// A float as JSON: the shortest decimal that reads back as the same float, or a string for
  /// non-finite values.
  public static func format(_ x: Float) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
    return x.description
  }
}
