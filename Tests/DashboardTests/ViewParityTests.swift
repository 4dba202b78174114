import Dashboard
import Foundation
import Testing

/// `Tests/Fixtures/view_cases.json` (from `generate_view_fixtures.py`): PyTorch's numbers for the
/// compare view's five curves and for the landscape's grid.
struct ViewCases: Decodable {
  struct Value: Decodable {
    var loss: Double
    var grad: Double
  }
  struct Series: Decodable {
    var loss: [Double]
    var grad: [Double]
  }
  struct Compare: Decodable, CustomTestStringConvertible {
    var id: String
    var logits: [Float]
    var target: Int
    var weights: [Float]
    var gamma: Float
    var smoothing: Float
    var indices: [Int]
    var p_y: Double
    var along: [String: Series]
    var current: [String: Value]
    var testDescription: String { id }
  }
  struct Landscape: Decodable, CustomTestStringConvertible {
    var id: String
    var logits: [Float]
    var target: Int
    var second: Int
    var centre: [Float]
    var half_height: Float
    var columns: Int
    var pixel_rows: Int
    var loss: String
    var weights: [Float]
    var smoothing: Float
    var gamma: Float
    var minimum: Double
    var minimum_column: Int
    var minimum_row: Int
    var maximum: Double
    var testDescription: String { id }

    func scenario() throws -> Scenario {
      try Scenario(
        samples: [.init(logits: logits, target: target)], weights: weights,
        loss: try #require(DashboardLoss(rawValue: loss)), labelSmoothing: smoothing,
        focalGamma: gamma)
    }
  }
  var compare: [Compare]
  var landscape: [Landscape]

  /// The fixture; a missing or unreadable file fails the tests that use it (no cases is an
  /// error, not a pass).
  static let all: ViewCases = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Fixtures/view_cases.json")
    do {
      return try JSONDecoder().decode(ViewCases.self, from: Data(contentsOf: url))
    } catch {
      fatalError("Tests/Fixtures/view_cases.json: \(error)")
    }
  }()
}

@Suite struct ViewParityTests {
  static let fixtureNames: [ComparedLoss: String] = [
    .crossEntropy: "cross_entropy", .focal: "focal", .smoothed: "smoothed", .mse: "mse",
    .bce: "bce",
  ]

  @Test func thereAreCases() {
    #expect(ViewCases.all.compare.count == 5)
    #expect(ViewCases.all.landscape.count == 4)
  }

  @Test(arguments: ViewCases.all.compare)
  func everyCompareCurveIsPyTorchsAtSeveralPoints(_ c: ViewCases.Compare) throws {
    let scenario = try Scenario(
      samples: [.init(logits: c.logits, target: c.target)], weights: c.weights,
      labelSmoothing: c.smoothing, focalGamma: c.gamma)
    let curves = CompareCurves(scenario, sample: 0)
    #expect(close(DashboardState(scenario: scenario).analysis.targetSoftmax[0], c.p_y))
    #expect(curves.curves.map(\.loss) == ComparedLoss.allCases)
    for curve in curves.curves {
      let name = try #require(Self.fixtureNames[curve.loss])
      let series = try #require(c.along[name])
      for (n, k) in c.indices.enumerated() {
        #expect(
          near(curve.values[k], series.loss[n]),
          "\(name) ℓ at p_y \(curves.probabilities[k]): \(curve.values[k]), PyTorch \(series.loss[n])"
        )
        #expect(
          near(curve.gradients[k], series.grad[n]),
          "\(name) |∂ℓ/∂z_y| at p_y \(curves.probabilities[k]): \(curve.gradients[k]), PyTorch \(series.grad[n])"
        )
      }
      let here = try #require(c.current[name])
      #expect(close(curve.current, here.loss), "\(name) ℓ at the sample")
      #expect(close(curve.currentGradient, here.grad), "\(name) |∂ℓ/∂z_y| at the sample")
    }
  }

  @Test func theCompareSnapshotNamesEveryCurveWithPyTorchsValues() throws {
    let seed = try #require(ViewCases.all.compare.first { $0.id == "seed" })
    var state = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=0"))
    state = state.viewed(in: .compare, presenting: false)
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
      let frame = Frame.render(state, width: width, height: height).plainText
      #expect(frame.contains("p_y = 0.6590"), "\(width)x\(height)")
      for name in [
        "cross-entropy", "focal γ 2", "smoothed CE ε 0.1", "MSE on p", "BCE one-vs-rest",
      ] {
        #expect(frame.contains(name), "\(width)x\(height): \(name)")
      }
      for (name, value) in seed.current {
        #expect(frame.contains(String(format: "%.4f", value.loss)), "\(width)x\(height): \(name) ℓ")
        #expect(
          frame.contains(String(format: "%.4f", value.grad)), "\(width)x\(height): \(name) grad")
      }
    }
    #expect(String(format: "%.4f", try #require(seed.current["cross_entropy"]).loss) == "0.4170")
    #expect(String(format: "%.4f", try #require(seed.current["cross_entropy"]).grad) == "0.3410")
  }

  @Test(arguments: ViewCases.all.landscape)
  func theLandscapesMinimumIsWherePyTorchFindsIt(_ c: ViewCases.Landscape) throws {
    let window = LandscapeWindow(centre: SIMD2(c.centre[0], c.centre[1]), halfHeight: c.half_height)
    let landscape = Landscape(
      try c.scenario(), sample: 0, second: c.second, window: window, columns: c.columns,
      pixelRows: c.pixel_rows)
    #expect(
      close(landscape.minimum, c.minimum), "minimum \(landscape.minimum), PyTorch \(c.minimum)")
    #expect(
      close(landscape.maximum, c.maximum), "maximum \(landscape.maximum), PyTorch \(c.maximum)")
    let pixel = try #require(landscape.minimumPixel)
    #expect(
      pixel.column == c.minimum_column && pixel.row == c.minimum_row,
      "minimum at \(pixel), PyTorch at (\(c.minimum_column), \(c.minimum_row))")
  }
}

/// Agreement along a curve: the path's logits are computed in float32, so a point's loss may
/// differ from PyTorch's float64 one by a float32 rounding of a logit.
private func near(_ a: Float, _ b: Double) -> Bool {
  abs(Double(a) - b) <= 2e-4 * abs(b) + 2e-6
}
