/// Turns the bytes a terminal sends into the contract's keys: printable characters, Tab, Enter,
/// Esc, Ctrl-C, the escape sequences for arrows, shifted arrows, Shift-Tab and Page Up/Down, in both the
/// normal (`ESC [ C`) and application (`ESC O C`) cursor modes, and mouse reports in xterm's SGR
/// form (`ESC [ < b ; x ; y M`, mode 1006).
///
/// The one decoder: the live dashboard, the recorder and replay all use it, so a replay cannot
/// read a key differently from the session it replays. It streams: bytes that may begin an escape
/// sequence wait for the next read, or for ``flush()`` when the terminal has been quiet (a lone
/// Esc).
public struct InputDecoder: Sendable {
  /// One unit of input: the exact bytes, and the key they are (`nil` for bytes that are no key,
  /// such as a UTF-8 character or an unknown sequence).
  public struct Chunk: Equatable, Sendable {
    public var bytes: [UInt8]
    public var key: Key?
  }

  /// Bytes kept back because they may be the start of an escape sequence.
  public private(set) var pending: [UInt8] = []

  public init() {}

  /// Decodes what has arrived; an incomplete escape sequence at the end waits for more.
  public mutating func feed(_ bytes: [UInt8]) -> [Chunk] {
    pending += bytes
    var chunks: [Chunk] = []
    var i = 0
    while i < pending.count {
      guard let (length, key) = InputDecoder.decodeOne(pending, at: i) else { break }
      chunks.append(Chunk(bytes: Array(pending[i..<(i + length)]), key: key))
      i += length
    }
    pending.removeFirst(i)
    return chunks
  }

  /// Ends whatever is pending: a lone ESC is the Esc key, an unfinished sequence is no key.
  public mutating func flush() -> [Chunk] {
    guard !pending.isEmpty else { return [] }
    defer { pending = [] }
    return [Chunk(bytes: pending, key: pending == [0x1B] ? .escape : nil)]
  }

  /// Decodes a complete run of bytes (a recorded event): nothing waits for more.
  public static func complete(_ bytes: [UInt8]) -> [Chunk] {
    var decoder = InputDecoder()
    return decoder.feed(bytes) + decoder.flush()
  }

  /// The keys in a complete run of bytes. Bytes that form no key are skipped.
  public static func keys(_ bytes: [UInt8]) -> [Key] { complete(bytes).compactMap(\.key) }

  /// The length and key of the unit starting at `i`, or `nil` when it may still be incomplete.
  private static func decodeOne(_ bytes: [UInt8], at i: Int) -> (Int, Key?)? {
    let byte = bytes[i]
    if byte == 0x1B {
      guard i + 1 < bytes.count else { return nil }
      let introducer = bytes[i + 1]
      // ESC [ … final, or ESC O final; ESC followed by anything else is the Esc key alone.
      guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else {
        return (1, .escape)
      }
      var j = i + 2
      while j < bytes.count, (0x30...0x3F).contains(bytes[j]) { j += 1 }
      guard j < bytes.count else { return nil }
      if introducer == UInt8(ascii: "["), j == i + 2, bytes[j] == UInt8(ascii: "M") {
        // A legacy X10 mouse report (ESC [ M and three bytes, from a terminal without SGR
        // reports): consumed whole, so its bytes are never read as keys.
        guard j + 3 < bytes.count else { return nil }
        return (6, nil)
      }
      if introducer == UInt8(ascii: "["), bytes[i + 2] == UInt8(ascii: "<") {
        return (j + 1 - i, mouse(Array(bytes[(i + 3)..<j]), final: bytes[j]).map(Key.mouse))
      }
      // Page Up and Page Down: ESC [ 5 ~ and ESC [ 6 ~ (any modifier after a `;`).
      if introducer == UInt8(ascii: "["), bytes[j] == UInt8(ascii: "~") {
        let number = bytes[(i + 2)..<j].split(separator: UInt8(ascii: ";")).first.map(Array.init)
        let key: Key? =
          number == [UInt8(ascii: "5")] ? .pageUp : number == [UInt8(ascii: "6")] ? .pageDown : nil
        return (j + 1 - i, key)
      }
      // Modifier 2 (Shift), as in ESC [ 1 ; 2 C.
      let shifted =
        bytes[(i + 2)..<j].split(separator: UInt8(ascii: ";")).last.map(Array.init) == [
          UInt8(ascii: "2")
        ]
      return (j + 1 - i, arrow(bytes[j], shifted: shifted))
    }
    if (0xC2...0xF4).contains(byte) {
      // A UTF-8 character stays one unit (no key), so a recorded event is whole text; one cut
      // by the end of a read waits for the rest, as an escape sequence does.
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
      var j = i + 1
      while j < bytes.count, j - i < length, bytes[j] & 0xC0 == 0x80 { j += 1 }
      if j == bytes.count, j - i < length { return nil }
      return (j - i, nil)
    }
    switch byte {
    case 3: return (1, .controlC)
    case 8, 127: return (1, .backspace)
    case 9: return (1, .tab)
    case 10, 13: return (1, .enter)
    case 32: return (1, .space)
    case 33...126: return (1, .character(Character(Unicode.Scalar(byte))))
    default: return (1, nil)
    }
  }

  /// An SGR mouse report's event: `b;x;y` with `M` (pressed or moved) or `m` (released). Only
  /// the left button and the wheel mean anything here; Shift, Alt and Ctrl are ignored.
  private static func mouse(_ parameters: [UInt8], final: UInt8) -> MouseEvent? {
    let numbers = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
      .map { Int(String(decoding: $0, as: UTF8.self)) }
    guard numbers.count == 3, let b = numbers[0], let x = numbers[1], let y = numbers[2],
      x >= 1, y >= 1, b >= 0
    else { return nil }
    let button = b & ~(4 | 8 | 16)
    let kind: MouseEvent.Kind
    switch (button, final) {
    case (0, UInt8(ascii: "M")): kind = .click
    case (32, UInt8(ascii: "M")): kind = .drag
    case (0, UInt8(ascii: "m")): kind = .release
    case (64, UInt8(ascii: "M")): kind = .wheelUp
    case (65, UInt8(ascii: "M")): kind = .wheelDown
    default: return nil
    }
    return MouseEvent(kind, column: min(x, 9999) - 1, row: min(y, 9999) - 1)
  }

  private static func arrow(_ final: UInt8, shifted: Bool) -> Key? {
    switch final {
    case UInt8(ascii: "A"): .up
    case UInt8(ascii: "B"): .down
    case UInt8(ascii: "C"): shifted ? .shiftRight : .right
    case UInt8(ascii: "D"): shifted ? .shiftLeft : .left
    case UInt8(ascii: "Z"): .shiftTab
    default: nil
    }
  }

  /// The bytes a terminal in application cursor mode sends for a key (used to write `--keys`
  /// scripts into recordings and tests).
  public static func bytes(for key: Key) -> [UInt8] {
    switch key {
    case .character(let c): Array(String(c).utf8)
    case .left: [0x1B, 0x4F, 0x44]
    case .right: [0x1B, 0x4F, 0x43]
    case .up: [0x1B, 0x4F, 0x41]
    case .down: [0x1B, 0x4F, 0x42]
    case .shiftLeft: Array("\u{1B}[1;2D".utf8)
    case .shiftRight: Array("\u{1B}[1;2C".utf8)
    case .tab: [9]
    case .shiftTab: Array("\u{1B}[Z".utf8)
    case .space: [32]
    case .escape: [0x1B]
    case .enter: [13]
    case .controlC: [3]
    case .pageUp: Array("\u{1B}[5~".utf8)
    case .pageDown: Array("\u{1B}[6~".utf8)
    case .backspace: [127]
    case .mouse(let event):
      Array(
        "\u{1B}[<\(mouseButton(event.kind));\(event.column + 1);\(event.row + 1)\(event.kind == .release ? "m" : "M")"
          .utf8)
    }
  }

  /// The SGR button number of a mouse event.
  private static func mouseButton(_ kind: MouseEvent.Kind) -> Int {
    switch kind {
    case .click, .release: 0
    case .drag: 32
    case .wheelUp: 64
    case .wheelDown: 65
    }
  }
}
