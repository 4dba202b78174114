import Foundation

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

  /// Writes a new file in `directory` named for `date`, through ``OutputFile`` (never over a
  /// file: a name that exists is passed over for the next).
  ///
  /// - Returns: The name written.
  /// - Throws: ``FrameFileError`` with the reason when no file could be created or written.
  public static func write(_ text: String, in directory: String = ".", at date: Date = Date())
    throws -> String
  {
    for attempt in 1...99 {
      let name = name(at: date, attempt: attempt)
      let path = directory + "/" + name
      if FileManager.default.fileExists(atPath: path) { continue }
      do {
        try OutputFile.write(text, to: path, overwrite: false)
        return name
      } catch let error as ExportError {
        // The name was taken between the look and the write: try the next.
        if FileManager.default.fileExists(atPath: path) { continue }
        throw FrameFileError(description: error.message)
      }
    }
    throw FrameFileError(
      description: "could not write \(name(at: date)): 99 files of that second exist")
  }
}

/// A frame file could not be written: the reason, naming the file.
public struct FrameFileError: Error, CustomStringConvertible {
  public var description: String
}
