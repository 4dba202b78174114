// The TerminalInput module: what a terminal sends, in the dashboard's words. Key (with the
// `--keys` names of the contract), MouseEvent (xterm's SGR 1006 reports) and InputDecoder, the
// one decoder from a terminal's bytes to keys and back, used live, in replay and by demo
// scripts. It sits below the dashboard: it knows keys, not what they do (the Keymap does).

import SafeText

/// A key press, decoded into the names the contract uses for `--keys` scripts.
public enum Key: Hashable, Sendable, CustomStringConvertible {
  case character(Character)
  case left, right, up, down
  case shiftLeft, shiftRight
  case tab, shiftTab
  case space, escape, enter
  case controlC
  /// Page Up and Page Down: what a presentation clicker sends (the lesson's previous and next
  /// step).
  case pageUp, pageDown
  /// Backspace (DEL or ^H): erases a quiz guess's last character.
  case backspace
  /// A mouse report: the same stream as keys, so it is recorded and replayed like one.
  case mouse(MouseEvent)

  /// Parses one key name: a printable character, or `left`, `right`, `up`, `down`,
  /// `shift-left`, `shift-right`, `tab`, `shift-tab`, `space`, `esc`, `enter`, `page-up`,
  /// `page-down`, `backspace`, or a mouse
  /// report such as `click@12,5` (``MouseEvent/init(name:)``).
  public init?(name: String) {
    if name.contains("@"), name.count > 1 {
      guard let event = MouseEvent(name: name) else { return nil }
      self = .mouse(event)
      return
    }
    switch name {
    case "left": self = .left
    case "right": self = .right
    case "up": self = .up
    case "down": self = .down
    case "shift-left": self = .shiftLeft
    case "shift-right": self = .shiftRight
    case "tab": self = .tab
    case "shift-tab": self = .shiftTab
    case "space": self = .space
    case "esc": self = .escape
    case "enter": self = .enter
    case "ctrl-c": self = .controlC
    case "page-up": self = .pageUp
    case "page-down": self = .pageDown
    case "backspace": self = .backspace
    default:
      guard name.count == 1, let c = name.first, !c.isWhitespace, c.isASCII, !(c.asciiValue! < 0x20)
      else { return nil }
      self = .character(c)
    }
  }

  /// Parses a space-separated key script such as `"right right t"`.
  ///
  /// - Throws: ``KeyScriptError`` naming the first word that is not a key.
  public static func script(_ text: String) throws -> [Key] {
    try text.split(whereSeparator: \.isWhitespace).map { word in
      guard let key = Key(name: String(word)) else {
        throw KeyScriptError(
          description: "unknown key \(TerminalSafe.quoted(String(word))) in --keys")
      }
      return key
    }
  }

  public var description: String {
    switch self {
    case .character(let c): String(c)
    case .left: "left"
    case .right: "right"
    case .up: "up"
    case .down: "down"
    case .shiftLeft: "shift-left"
    case .shiftRight: "shift-right"
    case .tab: "tab"
    case .shiftTab: "shift-tab"
    case .space: "space"
    case .escape: "esc"
    case .enter: "enter"
    case .controlC: "ctrl-c"
    case .pageUp: "page-up"
    case .pageDown: "page-down"
    case .backspace: "backspace"
    case .mouse(let event): event.description
    }
  }
}

/// A word of a key script that names no key.
public struct KeyScriptError: Error, Equatable, Sendable, CustomStringConvertible {
  public var description: String
}
