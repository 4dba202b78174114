import Dashboard
import Foundation
@testable import Replay
import Testing
import Asciicast

/// Replay memory is bounded by the recording: undo entries are shared between checkpoints (one
/// per edit, never a copy of the history per checkpoint), and past the budget the recording is
/// refused, naming the line.
@Suite struct TimelineBudgetTests {
  /// A recording of `keys` on a scenario of `samples × classes` logits.
  func recording(samples: Int, classes: Int, keys: [String]) -> AsciicastReader.Recording {
    let z = (0..<samples).map { i in
      (0..<classes).map { c in "\(Double((i * 7 + c) % 13) / 10)" }.joined(separator: ",")
    }
    let scenario =
      "v1;z=" + z.joined(separator: "|") + ";y="
      + Array(repeating: "0", count: samples).joined(separator: ",")
    let header = AsciicastHeader(
      width: 80, height: 24, timestamp: 0, title: "", term: "xterm", programVersion: "",
      scenario: scenario, theme: "default")
    let events = keys.enumerated().map {
      AsciicastEvent(time: Double($0.offset) / 100, code: "i", data: $0.element)
    }
    return AsciicastReader.Recording(header: header, events: events, warnings: [])
  }

  @Test func checkpointsShareUndoEntries() throws {
    // 1,000 edits: 16 checkpoints, each of whose histories reaches back 500 entries; shared,
    // they hold the 1,000 entries once.
    let timeline = try Timeline(
      recording(samples: 1, classes: 3, keys: Array(repeating: "l", count: 1000)))
    let final = timeline.finalState
    #expect(final.undoStack.count == DashboardState.undoLimit)
    #expect(final.undoStack.appended == 1000)
    // Undo after a seek gives what undo live gives: the history is whole at every checkpoint.
    let seeked = timeline.state(afterSteps: 640)
    #expect(seeked.undoStack.count == DashboardState.undoLimit)
    #expect(
      update(seeked, .undo).scenario == timeline.state(afterSteps: 639).scenario,
      "undo after step 640 restores the scenario after step 639")
  }

  @Test func theUndoBudgetRefusesWithTheLine() throws {
    // A 256 × 64 scenario costs about 78 KB an entry: a 1 MiB budget is passed at the 14th.
    let keys = Array(repeating: "l", count: 40)
    #expect(throws: AsciicastError.self) {
      try Timeline(recording(samples: 256, classes: 64, keys: keys), undoBudget: 1 << 20)
    }
    do {
      _ = try Timeline(recording(samples: 256, classes: 64, keys: keys), undoBudget: 1 << 20)
    } catch let error as AsciicastError {
      #expect(error.message.contains("more than 1 MiB of undo history"), "\(error.message)")
      #expect(error.message.contains("14 edits of a 256 × 64 scenario"), "\(error.message)")
    }
    // Keys that edit nothing cost nothing.
    _ = try Timeline(
      recording(samples: 256, classes: 64, keys: Array(repeating: "j", count: 40)),
      undoBudget: 1 << 20)
  }
}
