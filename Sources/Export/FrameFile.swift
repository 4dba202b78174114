import Foundation
import Session

/// Where the dashboard's `E` puts the frame: `lossscope-YYYYMMDD-HHMMSS.svg` in the current
/// folder, never over an existing file (`-2`, `-3`, … are added instead).
public enum FrameFile {
  /// The file name for a moment, in local time.
  public static func name(at date: Date, attempt: Int = 1) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return "lossscope-" + formatter.string(from: date) + (attempt > 1 ? "-\(attempt)" : "") + ".svg"
  }

  /// Writes a new file in `directory` named for `date`.
  ///
  /// - Returns: The name written.
  /// - Throws: ``FrameFileError`` with the system's reason when no file could be created or written.
  public static func write(_ text: String, in directory: String = ".", at date: Date = Date())
    throws -> String
  {
    for attempt in 1...99 {
      let name = name(at: date, attempt: attempt)
      let path = directory + "/" + name
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      if descriptor < 0 {
        if errno == EEXIST { continue }
        throw FrameFileError(name: name, reason: String(cString: strerror(errno)))
      }
      defer { close(descriptor) }
      guard writeAll(descriptor, text.utf8) else {
        let reason = String(cString: strerror(errno))
        unlink(path)
        throw FrameFileError(name: name, reason: reason)
      }
      return name
    }
    throw FrameFileError(name: name(at: date), reason: "99 files of that second exist")
  }
}

/// A frame file could not be written.
public struct FrameFileError: Error, CustomStringConvertible {
  public var name: String
  public var reason: String
  public var description: String { "could not write \(name): \(reason)" }
}
