import FuzzSupport
import JSON
import Evaluation
import Losses

/// One `eval --jsonl` request line: every input must give one JSON answer line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEval(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data = pointer else { return 0 }
  let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let answer = EvalService.answer(line: line)
  precondition(
    !answer.contains("\n") && (try? JSONValue.parse(answer)) != nil, "answer is not one JSON line")
  return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver.
@_cdecl("fuzz_eval_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  runFuzzer(argc, argv, fuzzEval)
}
