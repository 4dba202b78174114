import Foundation
import Asciicast
import SafeText

/// Writes an export's file without ever losing one: an existing path is refused unless
/// `overwrite`, a symbolic link or anything but a regular file always is, and a replaced file is
/// only replaced once the new one is complete (written beside it, then renamed over it).
public enum OutputFile {
  /// Writes `text` to `path`.
  ///
  /// - Throws: ``ExportError`` with the reason.
  public static func write(_ text: String, to path: String, overwrite: Bool) throws {
    if let refusal = AsciicastWriter.refusal(path: path, creation: overwrite ? .overwrite : .new) {
      throw ExportError(message: refusal.message)
    }
    let temporary = path + ".lossscope-\(getpid()).partial"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw ExportError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
    }
    let written = writeAll(descriptor, text.utf8)
    let reason = errno
    close(descriptor)
    guard written else {
      unlink(temporary)
      throw ExportError(message: "cannot write \(path): \(String(cString: strerror(reason)))")
    }
    // Without overwrite, link() fails if the path appeared meanwhile: nothing is replaced.
    let moved = overwrite ? rename(temporary, path) : link(temporary, path)
    let moveReason = errno
    if !overwrite || moved != 0 { unlink(temporary) }
    guard moved == 0 else {
      throw ExportError(
        message: moveReason == EEXIST
          ? "\(path) already exists (use --overwrite to replace it)"
          : "cannot write \(path): \(String(cString: strerror(moveReason)))")
    }
  }
}

/// An export that could not be written.
public struct ExportError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
