import ArgumentParser
import Foundation
import Losses

/// Exit statuses from the contract: 65 for bad data, 1 for anything else.
enum ExitStatus {
  static let badData: Int32 = 65
  static let failure: Int32 = 1
}

/// Prints a one-line message to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data(("lossscope: " + message + "\n").utf8))
}

/// Exits with status 1 and `message` unless standard input and output are both a terminal: the
/// dashboard, `record` and `play` draw on one and read its keys.
func requireTerminal(_ message: String) throws {
  guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
    printError(message)
    throw ExitCode(ExitStatus.failure)
  }
}

/// Runs a command body, turning its errors into a one-line message and the contract's status.
///
/// Data problems (malformed JSON, invalid losses) exit 65; anything else exits 1. Argument
/// errors thrown by the parser never get here: it reports them itself with status 64.
func reportingFailures(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch let error where error is BadData || error is LossError || error is EvalError {
    printError("\(error)")
    throw ExitCode(ExitStatus.badData)
  } catch {
    printError("\(error)")
    throw ExitCode(ExitStatus.failure)
  }
}

/// Input data that could not be used: a malformed value or a loss PyTorch would reject.
struct BadData: Error, CustomStringConvertible {
  var description: String
}

/// Writes one line to standard output immediately, so a reader of a pipe sees it at once.
func writeLine(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
