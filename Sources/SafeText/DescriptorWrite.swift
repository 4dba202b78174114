import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes all of `bytes` to a descriptor, retrying after signals and short writes (without
/// copying them when they are contiguous: an array slice, a native string's UTF-8).
///
/// - Returns: Whether every byte was written (false on an error or a closed end).
package func writeAll(_ descriptor: Int32, _ bytes: some Collection<UInt8>) -> Bool {
  if let written = bytes.withContiguousStorageIfAvailable({
    writeAll(descriptor, UnsafeRawBufferPointer($0))
  }) {
    return written
  }
  return Array(bytes).withUnsafeBytes { writeAll(descriptor, $0) }
}

private func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
  var done = 0
  while done < buffer.count {
    let n = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { return false }
    done += n
  }
  return true
}
