import Foundation

/// `Tests/Fixtures/lesson_seeds.json` (from `generate_seed_fixtures.py`): PyTorch's float32
/// numbers for the lessons that reproduce a seed's worked example.
struct LessonSeedFixture: Decodable {
  struct Point: Decodable {
    var step: Int
    var loss: Float
    var logits: [Float]
  }
  struct TrainLinear: Decodable {
    var logits: [Float]
    var target: Int
    var every_ten: [Point]
  }
  struct FromScratch: Decodable {
    var logits: [[Float]]
    var targets: [Int]
    var loss: Float
    var none: [Float]
  }
  var train_linear: TrainLinear
  var from_scratch: FromScratch

  var trainLinearLogits: [Float] { train_linear.logits }
  var trainLinearEveryTen: [Point] { train_linear.every_ten }
  var fromScratchLogits: [[Float]] { from_scratch.logits }
  var fromScratchTargets: [Int] { from_scratch.targets }
  var fromScratchLoss: Float { from_scratch.loss }

  static func load() throws -> LessonSeedFixture {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/lesson_seeds.json")
    return try JSONDecoder().decode(LessonSeedFixture.self, from: Data(contentsOf: url))
  }
}
