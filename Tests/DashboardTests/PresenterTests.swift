import Canvas
import Dashboard
import Pixels
import Testing

/// Presenter mode, in every view, for a projector.
@Suite struct PresenterTests {
  /// The boxes of a frame: each `┌` with the `┐` to its right on its row and the `└` below it.
  static func boxes(_ frame: Canvas) -> [Rect] {
    var found: [Rect] = []
    for y in 0..<frame.height {
      for x in 0..<frame.width where frame[x, y].character == "┌" {
        guard let right = ((x + 1)..<frame.width).first(where: { frame[$0, y].character == "┐" }),
          let bottom = ((y + 1)..<frame.height).first(where: { frame[x, $0].character == "└" })
        else { continue }
        found.append(Rect(x: x, y: y, width: right - x + 1, height: bottom - y + 1))
      }
    }
    return found
  }

  /// The share of a box's inner rows with nothing on them.
  static func emptyShare(_ box: Rect, in frame: Canvas) -> Double {
    let rows = (box.y + 1)..<(box.maxY - 1)
    let empty = rows.filter { y in
      ((box.x + 1)..<(box.maxX - 1)).allSatisfy { frame[$0, y].character == " " }
    }
    return Double(empty.count) / Double(max(1, rows.count))
  }

  @Test func zShowsTheCurveAndBigNumbersAndZReturns() {
    let normal = DashboardState(scenario: .standard)
    let presenting = update(normal, .togglePresenter)
    let frame = Frame.render(presenting, width: 200, height: 60).plainText
    #expect(frame.contains("z returns"))
    #expect(frame.contains("███"), "big numerals")
    #expect(frame.contains("ℓ=0.4170"), "the curve's point, with the same ℓ")
    #expect(!frame.contains("numbers · r reduction"))
    #expect(
      Frame.render(update(presenting, .togglePresenter), width: 200, height: 60).plainText
        == Frame.render(normal, width: 200, height: 60).plainText)
    let ascii = Frame.render(presenting, width: 120, height: 40, symbols: .ascii).plainText
    #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test(arguments: DashboardView.allCases)
  func noPanelIsAQuarterEmpty(view: DashboardView) throws {
    let state = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=0"))
      .viewed(in: view, presenting: true)
    for (width, height) in [(200, 60), (120, 40)] {
      let frame = Frame.render(state, width: width, height: height, symbols: .braille)
      let boxes = Self.boxes(frame)
      #expect(boxes.count >= 2, "\(view) \(width)x\(height)")
      for box in boxes {
        let share = Self.emptyShare(box, in: frame)
        #expect(
          share <= 0.25,
          "\(view) \(width)x\(height): a box at \(box) is \(share) empty\n\(frame.plainText)")
      }
    }
  }

  /// ℓ, p_y and ∂L/∂z_y in big numerals at 200×60, the gradient bars with their numbers, and
  /// the table keeping ∂L/∂z even at 80×24.
  @Test func theDashboardShowsTheGradientBig() throws {
    let state = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=0"))
      .viewed(in: .dashboard, presenting: true)
    let frame = Frame.render(state, width: 200, height: 60)
    let text = frame.plainText
    for label in ["ℓ", "p_y", "∂L/∂z_y", "loss (mean) 0.4170", "-0.3410", "+0.2424", "+0.0986"] {
      #expect(text.contains(label), "\(label)")
    }
    // Big numerals: rows of full blocks in the marker's, the target's and the gradient's colours.
    let roles = Set(frame.cells.filter { $0.character == "█" }.map(\.style.role))
    #expect(roles.isSuperset(of: [.marker, .target, .negative]), "\(roles)")
    // The live point is a disc five cells across.
    #expect(text.contains("▗███▖") && text.contains("▝███▘"))
    let small = Frame.render(state, width: 80, height: 24).plainText
    #expect(small.contains("∂L/∂z") && small.contains("-0.3410"), "\(small)")
  }

  @Test func compareAndLandscapeHavePresenterForms() throws {
    let base = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=0"))
    let compare = Frame.render(base.viewed(in: .compare, presenting: true), width: 200, height: 60)
    #expect(compare.plainText.contains("cross-entropy · Tab next · z returns"))
    #expect(compare.plainText.contains("|∂ℓ/∂z_y|"))
    let landscape = Frame.render(
      base.viewed(in: .landscape, presenting: true), width: 200, height: 60)
    #expect(landscape.plainText.contains("∂L/∂z_1"))
    #expect(landscape.plainText.contains("┏━┓"), "a frame around the point")
  }
}

/// Plots in pixels: the frame reserves their cells, and the pictures hold the library's numbers.
@Suite struct PixelPlotTests {
  static let pixels = PixelOptions(theme: .standard, cellWidth: 10, cellHeight: 20)

  /// The loss curve's pixels lie on the library's loss at their x: down each column of the
  /// picture, the curve's colour is where ℓ(p) puts it.
  @Test func aCurvesPixelsLieOnTheLibrarysLoss() throws {
    let state = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=0"))
    let (frame, images) = Frame.render(state, width: 120, height: 40, pixels: Self.pixels)
    let image = try #require(images.first)
    // The plot's cells are blank, reserved for the image.
    for y in image.rect.y..<image.rect.maxY {
      for x in image.rect.x..<image.rect.maxX { #expect(frame[x, y].character == " ") }
    }
    let raster = Rasteriser.draw(image.picture)
    let curve = LossCurve(state.scenario, sample: 0)
    let accent = Self.pixels.color(.accent)
    let top = Double(LossCurve(state.scenario, sample: 0).axisTop(logScale: false))
    var checked = 0
    for x in stride(from: 40, to: raster.width - 40, by: 37) {
      let p = Float(Double(x) / Double(raster.width))
      let expected = (1 - Double(curve.value(at: p)) / top) * Double(raster.height)
      let rows = (0..<raster.height).filter { raster[x, $0] == accent }
      guard !rows.isEmpty else { continue }
      let middle = Double(rows.reduce(0, +)) / Double(rows.count)
      #expect(abs(middle - expected) < 3, "x \(x): rows around \(middle), ℓ puts it at \(expected)")
      checked += 1
    }
    #expect(checked >= 10)
  }

  /// Every view's plots become images, and none while an overlay is open or in ASCII.
  @Test func everyViewHasImagesButNotUnderAnOverlay() throws {
    let base = DashboardState(scenario: try StateString.decode("v1;z=2,1,0.1;y=0"))
    let counts = DashboardView.allCases.map { view in
      Frame.render(
        base.viewed(in: view, presenting: false), width: 120, height: 40, pixels: Self.pixels
      ).images.count
    }
    // The dashboard's curve and, beside the gradient bars, the simplex.
    #expect(counts == [2, 2, 1])
    #expect(
      Frame.render(
        base.viewed(in: .compare, presenting: true), width: 200, height: 60, pixels: Self.pixels
      ).images.count == 2)
    let help = update(base, .toggleHelp)
    #expect(Frame.render(help, width: 120, height: 40, pixels: Self.pixels).images.isEmpty)
    #expect(
      Frame.render(base, width: 120, height: 40, symbols: .ascii, pixels: Self.pixels).images
        .isEmpty)
  }
}
