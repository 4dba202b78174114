@testable import Dashboard

/// What the tests read of a state's derived data, each computed afresh through a ``Derived`` memo
/// as a frame would be (the program's widgets get it from their render context instead).
extension DashboardState {
  var analysis: Analysis { Derived().analysis(scenario) }
  var curve: LossCurve { Derived().curve(scenario, sample: selectedSample) }
  var curveTop: Float {
    Derived().curve(curveAxis.scenario, sample: curveAxis.sample)
      .axisTop(logScale: curveAxis.logScale)
  }
  var secondClass: Int? { secondClass(analysis) }
  var landscapePoint: SIMD2<Float>? { landscapePoint(analysis) }
  func landscape(columns: Int, pixelRows: Int) -> Landscape? {
    Derived().landscape(
      LandscapeKey(
        scenario: scenario, sample: selectedSample, second: secondClass, window: landscapeWindow,
        columns: columns, pixelRows: pixelRows))
  }
}
