import Dashboard

/// What the run loop waits for.
public enum InputEvent: Equatable, Sendable {
  case key(Key)
  case resize
  /// The frame timeout passed with no input.
  case timeout
  /// A terminating signal (SIGTERM, SIGHUP, SIGINT) arrived.
  case signal(Int32)
}

/// Turns ncurses' key reports into the contract's key names.
public enum KeyDecoder {
  /// Codes ncurses returns for function keys (with `KEY_CODE_YES`), by name.
  public struct FunctionKeys: Sendable {
    public var left, right, up, down, shiftLeft, shiftRight, backTab, enter, resize: Int32
  }

  /// Decodes a function-key code.
  public static func functionKey(_ code: Int32, _ keys: FunctionKeys) -> InputEvent? {
    switch code {
    case keys.left: .key(.left)
    case keys.right: .key(.right)
    case keys.up: .key(.up)
    case keys.down: .key(.down)
    case keys.shiftLeft: .key(.shiftLeft)
    case keys.shiftRight: .key(.shiftRight)
    case keys.backTab: .key(.shiftTab)
    case keys.enter: .key(.enter)
    case keys.resize: .resize
    default: nil
    }
  }

  /// Decodes a character.
  public static func character(_ scalar: UInt32) -> InputEvent? {
    switch scalar {
    case 3: return .key(.controlC)
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 27: return .key(.escape)
    case 32: return .key(.space)
    case 33...126: return .key(.character(Character(Unicode.Scalar(UInt8(scalar)))))
    default: return nil
    }
  }
}
