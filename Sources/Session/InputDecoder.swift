import Dashboard

/// Turns the bytes a terminal sends into the contract's keys: printable characters, Tab, Enter,
/// Esc, Ctrl-C, and the escape sequences for arrows, shifted arrows and Shift-Tab, in both the
/// normal (`ESC [ C`) and application (`ESC O C`) cursor modes.
public enum InputDecoder {
  /// Decodes a run of input bytes. Bytes that form no key are skipped.
  public static func keys(_ bytes: [UInt8]) -> [Key] {
    var keys: [Key] = []
    var i = 0
    func arrow(_ final: UInt8, shifted: Bool) -> Key? {
      switch final {
      case UInt8(ascii: "A"): return .up
      case UInt8(ascii: "B"): return .down
      case UInt8(ascii: "C"): return shifted ? .shiftRight : .right
      case UInt8(ascii: "D"): return shifted ? .shiftLeft : .left
      case UInt8(ascii: "Z"): return .shiftTab
      default: return nil
      }
    }
    while i < bytes.count {
      let byte = bytes[i]
      if byte == 0x1B {
        // ESC [ … final, or ESC O final; a lone ESC is the Esc key.
        if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") || bytes[i + 1] == UInt8(ascii: "O") {
          var j = i + 2
          var parameters: [UInt8] = []
          while j < bytes.count, (0x30...0x3F).contains(bytes[j]) {
            parameters.append(bytes[j])
            j += 1
          }
          if j < bytes.count {
            // Modifier 2 (Shift), as in ESC [ 1 ; 2 C.
            let shifted = parameters.split(separator: UInt8(ascii: ";")).last == [UInt8(ascii: "2")]
            if let key = arrow(bytes[j], shifted: shifted) { keys.append(key) }
            i = j + 1
            continue
          }
          i = bytes.count
          continue
        }
        keys.append(.escape)
        i += 1
        continue
      }
      switch byte {
      case 3: keys.append(.controlC)
      case 9: keys.append(.tab)
      case 10, 13: keys.append(.enter)
      case 32: keys.append(.space)
      case 33...126: keys.append(.character(Character(Unicode.Scalar(byte))))
      default: break
      }
      i += 1
    }
    return keys
  }

  /// The bytes a terminal in application cursor mode sends for a key (used to write `--keys`
  /// scripts into recordings and tests).
  public static func bytes(for key: Key) -> [UInt8] {
    switch key {
    case .character(let c): return Array(String(c).utf8)
    case .left: return [0x1B, 0x4F, 0x44]
    case .right: return [0x1B, 0x4F, 0x43]
    case .up: return [0x1B, 0x4F, 0x41]
    case .down: return [0x1B, 0x4F, 0x42]
    case .shiftLeft: return Array("\u{1B}[1;2D".utf8)
    case .shiftRight: return Array("\u{1B}[1;2C".utf8)
    case .tab: return [9]
    case .shiftTab: return Array("\u{1B}[Z".utf8)
    case .space: return [32]
    case .escape: return [0x1B]
    case .enter: return [13]
    case .controlC: return [3]
    }
  }
}
