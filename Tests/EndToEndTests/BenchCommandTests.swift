import JSON
import Foundation
import Losses
import Testing

/// The shape of `lossscope bench` output (timings themselves are not asserted: they are noise).
@Suite struct BenchCommandTests {
  @Test(arguments: [
    ("cross-entropy", "cross_entropy"), ("bce-with-logits", "binary_cross_entropy_with_logits"),
  ])
  func lossKernelsReportTheContractsFields(workload: String, op: String) throws {
    let result = try Binary.run([
      "bench", workload, "--batch", "4", "--classes", "1000", "--threads", "2", "--runs", "3",
      "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    guard
      case .object(let f) = try JSONValue.parse(
        result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      Issue.record("not a JSON object: \(result.stdout)")
      return
    }
    #expect(f["op"] == .string(op))
    #expect(f["batch"] == .number(4))
    #expect(f["classes"] == .number(1000))
    #expect(f["threads"] == .number(2))
    #expect(f["runs"] == .number(3))
    for key in ["median_ms", "min_ms", "peak_extra_bytes"] {
      guard case .number(let x)? = f[key] else {
        Issue.record("missing \(key)")
        continue
      }
      #expect(x >= 0)
    }
  }

  /// The gradient is the only B×C buffer a run holds, and in place it holds none. The pages are
  /// counted by the operating system, so a hidden copy of the logits (4 MiB here) would show.
  /// The 1 MiB allowance is for this unoptimised build, whose stack and runtime caches grow by
  /// 80–280 KiB during the runs (4 KiB when optimised).
  @Test(arguments: ["cross-entropy", "bce-with-logits"])
  func peakMemoryIsTheGradientOrNothingInPlace(workload: String) throws {
    let buffer = 64 * 16384 * 4
    let allowance = 1024 * 1024
    for inPlace in [false, true] {
      let result = try Binary.run(
        ["bench", workload, "--batch", "64", "--classes", "16384", "--runs", "3", "--json"]
          + (inPlace ? ["--in-place"] : []))
      #expect(result.status == 0, "\(result.stderr)")
      guard
        case .object(let f) = try JSONValue.parse(
          result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)),
        case .number(let peak)? = f["peak_extra_bytes"]
      else {
        Issue.record("no peak_extra_bytes in \(result.stdout)")
        continue
      }
      if inPlace {
        #expect(peak <= Double(allowance), "\(workload) in place held \(peak) bytes")
      } else {
        #expect(
          peak >= Double(buffer) && peak <= Double(buffer + allowance),
          "\(workload) held \(peak) bytes for a \(buffer)-byte gradient")
      }
    }
  }

  @Test func trainStepReportsTheContractsFields() throws {
    let result = try Binary.run(["bench", "train-step", "--runs", "50", "--json"])
    #expect(result.status == 0)
    guard
      case .object(let f) = try JSONValue.parse(
        result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      Issue.record("not a JSON object")
      return
    }
    #expect(f["op"] == .string("train_step"))
    #expect(f["runs"] == .number(50))
    if case .number(let us)? = f["median_us"] {
      #expect(us > 0)
    } else {
      Issue.record("no median_us")
    }
  }

  @Test func refusesImpossibleSizes() throws {
    #expect(try Binary.run(["bench", "cross-entropy", "--batch", "0"]).status == 64)
    #expect(
      try Binary.run(["bench", "cross-entropy", "--batch", "100000", "--classes", "1000000"]).status
        == 64)
    #expect(try Binary.run(["bench", "bce-with-logits", "--threads", "0"]).status == 64)
  }
}
