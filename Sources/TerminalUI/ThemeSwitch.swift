import Dashboard
import Canvas

/// The theme on screen, set on the backend when the state's theme index changes (T): shared by
/// the dashboard's and `play`'s run loops.
struct ThemeSwitch {
  private var index: Int?
  /// Whether frames are drawn for the theme's colour ramp (the landscape's heatmap).
  private(set) var colorRamp = false

  /// Sets the theme at `index` (wrapping around the catalog) if it is not the one on screen.
  mutating func apply(_ index: Int, themes: ThemeCatalog, to backend: TerminalBackend) {
    guard index != self.index else { return }
    let theme = themes.theme(at: index)
    self.index = index
    backend.setTheme(theme)
    colorRamp = backend.showsColor && theme.hasRamp
  }
}
