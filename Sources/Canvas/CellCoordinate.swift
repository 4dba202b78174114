/// A screen coordinate from a computed position: rounded, NaN taken as 0, and kept within
/// ±1,000,000 so that no value from a loss, however wild, can trap the conversion.
@inlinable package func cellCoordinate<F: BinaryFloatingPoint>(_ x: F) -> Int {
  clampedInt(x.rounded())
}

/// An integer from a computed value, towards zero, NaN taken as 0 and ±infinity as ±1,000,000:
/// every conversion of a Float or Double to Int on a drawing path goes through this, because
/// `Int(_:)` traps on a value it cannot hold.
@inlinable package func clampedInt<F: BinaryFloatingPoint>(_ x: F) -> Int {
  guard !x.isNaN else { return 0 }
  return Int(min(max(x, -1_000_000), 1_000_000))
}
