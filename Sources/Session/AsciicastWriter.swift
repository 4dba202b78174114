import Foundation

/// Writes asciicast v2, one line at a time, each flushed as it is written: a killed recording
/// loses at most the line in flight.
public final class AsciicastWriter {
  private let handle: FileHandle
  private let start: DispatchTime

  /// Creates (or truncates) the file and writes the header.
  ///
  /// - Throws: When the file cannot be created.
  public init(path: String, header: AsciicastHeader) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw AsciicastError(line: 0, message: "cannot create \(path)")
    }
    guard let handle = FileHandle(forWritingAtPath: path) else { throw AsciicastError(line: 0, message: "cannot open \(path)") }
    self.handle = handle
    start = .now()
    write(header.line)
  }

  deinit { try? handle.close() }

  /// Seconds since the header was written.
  public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

  /// Appends an event stamped now.
  public func append(code: String, data: String) {
    write(AsciicastEvent(time: elapsed, code: code, data: data).line)
  }

  private func write(_ line: String) {
    // FileHandle.write is a direct write(2): nothing stays buffered in the process.
    handle.write(Data((line + "\n").utf8))
  }
}
