/// What lies over the view: the state string's line, the lesson picker and the help, in the
/// order they were opened (the last one is on top and takes the keys).
public enum Overlay: Equatable, Sendable {
  /// The state string, scrolled by some characters.
  case stateString(offset: Int)
  /// The lesson picker and its highlighted row.
  case picker(index: Int)
  /// The help, scrolled by some lines.
  case help(offset: Int)
}

/// Who takes the keys: the overlay on top, or else the view. The one place where the precedence
/// of overlays and views is decided; the keymap and the mouse map both ask it.
public enum Mode: Equatable, Sendable {
  case help
  case picker
  case stateString
  /// A quiz waiting for its reveal: the guess takes the digits, Enter reveals.
  case quiz
  /// No overlay: the view's own keys, then the dashboard's.
  case view(DashboardView)

  /// Whether the mouse acts (overlays take no mouse input: what they hide is not there to touch).
  public var takesMouse: Bool {
    if case .view = self { return true }
    return false
  }
}
