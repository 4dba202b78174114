#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A kernel call's scratch memory, as fresh pages from the operating system that go back to it
/// when the call ends.
///
/// Not `malloc`: a block this large (tens of megabytes) would be kept by the allocator after the
/// call, and the next call would reuse pages some other work had made resident, so the process's
/// peak resident size, which is how `bench` and the large-vocab lesson measure the kernel's
/// memory, would show the kernel's block only by chance.
enum Workspace {
  /// Calls `body` with room for `count` floats (zero-filled, page-aligned), unmapped afterwards.
  /// Falls back to `malloc` if the system refuses the mapping.
  static func withFloats<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
    let bytes = Swift.max(1, count) * MemoryLayout<Float>.stride
    let mapped = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    guard let mapped, mapped != MAP_FAILED else {
      let fallback = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
      defer { fallback.deallocate() }
      return body(fallback)
    }
    defer { munmap(mapped, bytes) }
    return body(mapped.bindMemory(to: Float.self, capacity: Swift.max(1, count)))
  }
}
