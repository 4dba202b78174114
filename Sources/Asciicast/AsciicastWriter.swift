import Foundation

/// Writes asciicast (v2, or v3 when asked), one line at a time, each written as it happens: a killed recording
/// loses at most the line in flight.
///
/// The file is opened so that nothing the user did not ask to lose is replaced: a new file by
/// default (`O_CREAT | O_EXCL`), never through a symbolic link (`O_NOFOLLOW`), and with
/// ``Creation/overwrite`` only a regular file, truncated in place (its permissions and owner
/// stay). A write that fails (a full disk) is reported, and the file is cut back to its last
/// complete line, so that it still plays.
public final class AsciicastWriter {
  /// How the file may be created.
  public enum Creation: Sendable {
    /// Only a new file; an existing path is refused.
    case new
    /// A new file, or an existing regular file truncated.
    case overwrite
  }

  private let descriptor: Int32
  private let path: String
  private let format: AsciicastFormat
  private let start: DispatchTime
  /// v3: the time of the last event, which the next one's interval counts from.
  private var lastEventTime = 0.0
  /// Events written, by code.
  public private(set) var counts: [String: Int] = [:]
  /// The time of the last event written.
  public var duration: Double { lastEventTime }
  /// Bytes written in complete lines.
  private var committed: off_t = 0

  /// Creates the file and writes the header.
  ///
  /// - Parameters:
  ///   - path: Where to write.
  ///   - header: The header line.
  ///   - creation: Whether an existing regular file may be replaced.
  ///   - format: v2 (the default) or v3.
  /// - Throws: ``AsciicastError`` naming the path and the reason, when it exists (without
  ///   `overwrite`), is not a regular file, or cannot be created or written.
  public init(
    path: String, header: AsciicastHeader, creation: Creation = .new, format: AsciicastFormat = .v2
  ) throws {
    self.path = path
    self.format = format
    if let refusal = AsciicastWriter.refusal(path: path, creation: creation) { throw refusal }
    let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (creation == .new ? O_EXCL : O_TRUNC)
    let descriptor = open(path, flags, 0o644)
    guard descriptor >= 0 else {
      // The path appeared or changed since `refusal` looked: the same words for the same cases.
      let reason = errno
      throw reason == EEXIST
        ? AsciicastWriter.exists(path)
        : reason == ELOOP
          ? AsciicastWriter.symbolicLink(path)
          : AsciicastError(
            line: 0, message: "cannot create \(path): \(String(cString: strerror(reason)))")
    }
    // The path may have changed between lstat and open: check what was opened.
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      close(descriptor)
      throw AsciicastWriter.notRegular(path)
    }
    self.descriptor = descriptor
    start = .now()
    try write(header.line(format))
  }

  deinit { close(descriptor) }

  /// Why `path` may not be written with `creation`, or `nil` when it may: an existing path
  /// without `overwrite`, a symbolic link, or anything that is not a regular file. `record`
  /// asks before it takes the terminal; the initializer asks again and opens with `O_EXCL` and
  /// `O_NOFOLLOW`, so nothing slips in between.
  public static func refusal(path: String, creation: Creation) -> AsciicastError? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFLNK: return symbolicLink(path)
    case S_IFREG: return creation == .overwrite ? nil : exists(path)
    default: return notRegular(path)
    }
  }

  private static func exists(_ path: String) -> AsciicastError {
    AsciicastError(line: 0, message: "\(path) already exists (use --overwrite to replace it)")
  }

  private static func symbolicLink(_ path: String) -> AsciicastError {
    AsciicastError(line: 0, message: "\(path) is a symbolic link; refusing to write through it")
  }

  private static func notRegular(_ path: String) -> AsciicastError {
    AsciicastError(line: 0, message: "\(path) is not a regular file; refusing to replace it")
  }

  /// Seconds since the header was written.
  public var elapsed: Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  /// Appends an event stamped now.
  ///
  /// - Throws: ``AsciicastError`` when it cannot be written; the file then ends at the last
  ///   complete line.
  public func append(code: String, data: String) throws {
    try append(code: code, data: data, at: elapsed)
  }

  /// Appends an event stamped at `time` seconds from the start (a script's clock, not the wall
  /// clock); a time before the last event's is taken as the last event's.
  ///
  /// - Throws: ``AsciicastError`` when it cannot be written.
  public func append(code: String, data: String, at time: Double) throws {
    let now = max(time, lastEventTime)
    let time = format == .v3 ? now - lastEventTime : now
    try write(AsciicastEvent(time: time, code: code, data: data).line)
    lastEventTime = now
    counts[code, default: 0] += 1
  }

  private func write(_ line: String) throws {
    var bytes = Array((line + "\n").utf8)
    let failure = bytes.withUnsafeMutableBytes { buffer -> Int32 in
      var done = 0
      while done < buffer.count {
        let n = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { return errno }
        if n == 0 { return EIO }
        done += n
      }
      return 0
    }
    guard failure == 0 else {
      // A part of the line may be on disk: cut it off, so the file ends at a complete line.
      _ = ftruncate(descriptor, committed)
      _ = lseek(descriptor, committed, SEEK_SET)
      throw AsciicastError(
        line: 0, message: "cannot write \(path): \(String(cString: strerror(failure)))")
    }
    committed += off_t(bytes.count)
  }
}
