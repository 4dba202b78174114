import Losses
import Autograd
import JSON

extension NestedArray {
  /// Writes flat float32 values as nested JSON arrays of a tensor's shape.
  public static func write(_ values: [Float], shape: Shape, to out: inout String) {
    write(values, dims: shape.dims, to: &out)
  }
}
