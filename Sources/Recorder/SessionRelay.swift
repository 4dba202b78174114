import SafeText
import Foundation
import JSON
import Asciicast
import Asciicast

#if canImport(Glibc)
  import Glibc
#endif

/// The dashboard's side of `lossscope record`: the session's stream, written as one JSON line
/// per event (`["code", "data"]`) to a pipe the recorder reads.
///
/// The dashboard runs in a pseudo-terminal under the recorder; only it knows which bytes made
/// which key, when a tick happened and what a measurement found, so it reports them, in the
/// order it applied them. When the pipe fails (the recorder is gone) reporting stops.
public final class PipeSessionLog: SessionLog {
  private let descriptor: Int32
  private var failed = false

  public init(descriptor: Int32) {
    self.descriptor = descriptor
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
  }

  public func record(code: String, data: String) {
    guard !failed else { return }
    let line = JSONValue.array([.string(code), .string(data)]).serialized + "\n"
    if !writeAll(descriptor, line.utf8) { failed = true }
  }
}

/// The recorder's side: reads the dashboard's reports and writes each as an event of the
/// recording, stamped when it arrives.
public struct SessionRelay {
  private var pending: [UInt8] = []
  /// Lines longer than this are dropped (a report is a key, a tick, a measurement or a label).
  static let maximumLineBytes = 1 << 20

  public init() {}

  /// Takes bytes from the pipe and writes every complete report.
  ///
  /// - Throws: ``AsciicastError`` when the recording cannot be written.
  public mutating func relay<Bytes: Collection<UInt8>>(_ bytes: Bytes, to writer: AsciicastWriter)
    throws
  {
    pending += bytes
    while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
      let line = String(decoding: pending[..<end], as: UTF8.self)
      pending.removeSubrange(...end)
      guard case .array(let items)? = try? JSONValue.parse(line), items.count == 2,
        case .string(let code) = items[0], case .string(let data) = items[1],
        AsciicastEvent.sessionCodes.contains(code)
      else { continue }
      try writer.append(code: code, data: data)
    }
    if pending.count > SessionRelay.maximumLineBytes { pending = [] }
  }
}
