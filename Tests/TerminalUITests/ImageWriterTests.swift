import Canvas
import Dashboard
import Pixels
import Testing

@testable import TerminalUI

/// What goes to the terminal after a frame's cells so its plots show as images.
@Suite struct ImageWriterTests {
  static let pixels = PixelOptions(theme: .standard, cellWidth: 10, cellHeight: 20)

  static func images(_ text: String, view: DashboardView = .dashboard) throws -> [PlotImage] {
    let state = DashboardState(scenario: try StateString.decode(text)).viewed(
      in: view, presenting: false)
    return Frame.render(state, width: 120, height: 40, pixels: Self.pixels).images
  }

  /// Kitty: the first frame sends and places each image; the same frame again sends nothing; a
  /// logit nudge replaces the one image that changed, in well under 64 KB at 120×40.
  @Test func kittySendsOnlyWhatChanged() throws {
    var writer = ImageWriter(.kitty)
    let first = try Self.images("v1;z=2,1,0.1;y=0")
    #expect(first.count == 2, "the curve and the simplex")
    let opening = writer.frame(first, fullRedraw: true) { _ in true }
    #expect(opening.contains("\u{1B}_Ga=t,") && opening.contains("\u{1B}_Ga=p,"))
    #expect(opening.hasPrefix("\u{1B}7") && opening.hasSuffix("\u{1B}8"))
    #expect(writer.frame(first, fullRedraw: false) { _ in true }.isEmpty)
    let nudged = try Self.images("v1;z=2.1,1,0.1;y=0")
    let update = writer.frame(nudged, fullRedraw: false) { _ in false }
    // Both pictures hold the logit (the curve's point, the simplex's); a third that did not
    // change would not be sent.
    #expect(update.components(separatedBy: "a=t,").count == 3)
    #expect(update.utf8.count < 64 * 1024, "\(update.utf8.count) bytes")
    // Gone (an overlay): deleted.
    let gone = writer.frame([], fullRedraw: false) { _ in false }
    #expect(gone.contains("a=d,q=2,d=I,i=1") && gone.contains("a=d,q=2,d=I,i=2"))
    // Quitting deletes everything once.
    _ = writer.frame(first, fullRedraw: false) { _ in false }
    #expect(writer.clear() == KittyEncoder.deleteAll)
    #expect(writer.clear().isEmpty)
  }

  /// Sixel: an image is sent again when its picture changes, when the cells under it changed,
  /// or when the screen was drawn whole; a rectangle it left is stale, to be written again.
  @Test func sixelSendsAgainWhatTheCellsCovered() throws {
    var writer = ImageWriter(.sixel)
    let dashboard = try Self.images("v1;z=2,1,0.1;y=0")
    #expect(writer.frame(dashboard, fullRedraw: true) { _ in false }.contains("\u{1B}P0;1;0q"))
    #expect(writer.frame(dashboard, fullRedraw: false) { _ in false }.isEmpty)
    #expect(!writer.frame(dashboard, fullRedraw: false) { _ in true }.isEmpty)
    let compare = try Self.images("v1;z=2,1,0.1;y=0", view: .compare)
    #expect(compare.count == 2)
    #expect(Set(writer.stale(compare)) == Set(dashboard.map(\.rect)))
    let both = writer.frame(compare, fullRedraw: false) { _ in false }
    #expect(both.components(separatedBy: "\u{1B}P0;1;0q").count == 3)
    #expect(writer.clear().isEmpty, "sixel images go with the screen")
  }

  /// `auto` takes what the terminal said, and cells inside tmux or screen or when it said
  /// nothing; sixel needs the cell size.
  @Test func autoFollowsTheTerminal() {
    let size = TerminalReport.CellSize(width: 9, height: 18)
    var kitty = TerminalReport(answered: true)
    kitty.kittyGraphics = true
    kitty.sixel = true
    kitty.cellSize = size
    var sixel = TerminalReport(answered: true)
    sixel.sixel = true
    sixel.cellSize = size
    #expect(GraphicsChoice.auto.resolve(kitty, environment: [:]) == .kitty)
    #expect(GraphicsChoice.auto.resolve(sixel, environment: [:]) == .sixel)
    #expect(GraphicsChoice.auto.resolve(TerminalReport(answered: true), environment: [:]) == .cells)
    #expect(GraphicsChoice.auto.resolve(nil, environment: [:]) == .cells)
    // Inside tmux: sixel where tmux itself says it has it, never kitty (no passthrough).
    var tmuxPlain = kitty
    tmuxPlain.sixel = false
    #expect(GraphicsChoice.auto.resolve(tmuxPlain, environment: ["TMUX": "/tmp/x"]) == .cells)
    #expect(GraphicsChoice.auto.resolve(kitty, environment: ["TMUX": "/tmp/x"]) == .sixel)
    #expect(GraphicsChoice.auto.resolve(sixel, environment: ["TERM": "screen-256color"]) == .cells)
    var sizeless = sixel
    sizeless.cellSize = nil
    #expect(GraphicsChoice.auto.resolve(sizeless, environment: [:]) == .cells)
    #expect(GraphicsChoice.cells.resolve(kitty, environment: [:]) == .cells)
    #expect(GraphicsChoice.kitty.resolve(nil, environment: [:]) == .kitty)
  }
}
