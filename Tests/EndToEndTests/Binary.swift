import Foundation
import Testing

/// Runs the built `lossscope` executable.
enum Binary {
  /// The executable next to the test bundle (`swift build --build-tests` builds both).
  static let url: URL = {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      bundleDirectory.appendingPathComponent("lossscope"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/lossscope"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Whether the run was killed for taking longer than its timeout.
    var timedOut = false
  }

  /// Runs the binary with arguments and optional standard input, and waits for it.
  static func run(
    _ arguments: [String], input: String? = nil, environment: [String: String]? = nil,
    timeout: Double = 120,
    executable: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? url
    process.arguments = arguments
    // A known locale unless the test sets one: the frames' glyphs depend on it.
    var inherited = ProcessInfo.processInfo.environment
    inherited["LANG"] = "C.UTF-8"
    inherited["LC_ALL"] = nil
    inherited["LC_CTYPE"] = nil
    // The sanitizer's options are the harness's, not the test's: a run under AddressSanitizer
    // keeps them (leak detection off, as .ci/run sets it) whatever environment a test chooses.
    var chosen = environment ?? inherited
    if let sanitizer = inherited["ASAN_OPTIONS"], chosen["ASAN_OPTIONS"] == nil {
      chosen["ASAN_OPTIONS"] = sanitizer
    }
    process.environment = chosen
    let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    try process.run()
    // Write input and read output concurrently so large payloads cannot deadlock on pipe buffers.
    let writer = Thread {
      if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let errorData = ErrorCollector(stderr.fileHandleForReading)
    // A watchdog: a run that outlives its timeout is a hang, killed and reported as such.
    let pid = process.processIdentifier
    let finished = DispatchSemaphore(value: 0)
    let timedOut = ManagedFlag()
    DispatchQueue.global().async {
      if finished.wait(timeout: .now() + timeout) == .timedOut {
        timedOut.set()
        kill(pid, SIGKILL)
      }
    }
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    finished.signal()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: errorData.finish(), as: UTF8.self), timedOut: timedOut.isSet)
  }
}

/// Reads a pipe on a background thread.
final class ErrorCollector: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }.start()
  }

  func finish() -> Data {
    done.wait()
    return data
  }
}

/// A flag set from another thread.
final class ManagedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.lock(); value = true; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
