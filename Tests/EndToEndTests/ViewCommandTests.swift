import Foundation
import Testing

/// The views through the real binary: `snapshot --view`, colours in `--ansi`, the density ramp in
/// plain text, mouse reports in `--keys`, and `--view` checked by the argument parser.
@Suite struct ViewCommandTests {
  @Test func theCompareSnapshotNamesTheFiveCurves() throws {
    let result = try Binary.run([
      "snapshot", "--view", "compare", "--logits", "2,1,0.1", "--target", "0",
    ])
    #expect(result.status == 0)
    for text in [
      "p_y = 0.6590", "cross-entropy", "focal γ 2", "smoothed CE ε 0.1", "MSE on p",
      "BCE one-vs-rest",
      // PyTorch's values at the sample (Tests/Fixtures/view_cases.json, case "seed").
      "0.4170", "0.3410", "0.0485", "0.5137", "0.1848", "2.1846",
    ] {
      #expect(result.stdout.contains(text), "\(text)")
    }
  }

  @Test func theLandscapeIsColouredInANSIAndADensityRampInText() throws {
    let ansi = try Binary.run(["snapshot", "--view", "landscape", "--ansi", "--size", "120x40"])
    #expect(ansi.status == 0)
    let pattern = try NSRegularExpression(pattern: "48;2;(\\d+);(\\d+);(\\d+)")
    let text = ansi.stdout
    let colours = Set(
      pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
        (text as NSString).substring(with: $0.range)
      })
    // The theme's background and the panels' own, plus at least eight steps of the ramp.
    #expect(colours.count >= 10, "\(colours.count) background colours")
    let plain = try Binary.run(["snapshot", "--view", "landscape", "--size", "120x40"])
    #expect(!plain.stdout.contains("▀"))
    #expect(plain.stdout.contains("@@@") && plain.stdout.contains("==="))
  }

  @Test func mouseReportsActAtTheSnapshotsSize() throws {
    let keys = try Binary.run(["snapshot", "--keys", "right right right"])
    let wheel = try Binary.run([
      "snapshot", "--keys", "wheel-up@50,10 wheel-up@50,10 wheel-up@9,30",
    ])
    #expect(wheel.status == 0)
    #expect(wheel.stdout == keys.stdout)
    let bad = try Binary.run(["snapshot", "--keys", "click@0,3"])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("unknown key \"click@0,3\""), "\(bad.stderr)")
  }

  @Test func anUnknownViewIsAUsageError() throws {
    let result = try Binary.run(["snapshot", "--view", "map"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("dashboard") && result.stderr.contains("landscape"))
  }
}
