import Evaluation
import ArgumentParser
import Foundation
import JSON
import Losses

/// Exit statuses from the contract: 65 for bad data, 1 for anything else.
enum ExitStatus {
  static let usage: Int32 = 64
  static let badData: Int32 = 65
  static let failure: Int32 = 1
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
/// Data problems (malformed JSON, invalid losses) exit 65; anything else exits 1, a failed write
/// of standard output included. Argument
/// errors thrown by the parser never get here: it reports them itself with status 64.
func reportingFailures(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    // A usage error found only once a file was read (`--event` past its end).
    printError(error.message)
    throw ExitCode(ExitStatus.usage)
  } catch let error
    where error is BadData || error is LossError || error is EvalError || error is JSONError
  {
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
