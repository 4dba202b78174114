/// Splits a byte stream into chunks of whole UTF-8 characters, holding back an incomplete
/// character at the end of one chunk until the next arrives.
///
/// Terminal output arrives in arbitrary pieces; an asciicast event's data is a JSON string, so a
/// character cut in two must not be written as two replacement characters.
struct UTF8Chunker {
  private var pending: [UInt8] = []

  /// Returns the text of all complete characters so far.
  mutating func text(appending bytes: UnsafeRawBufferPointer) -> String {
    pending.append(contentsOf: bytes)
    var end = pending.count
    // Walk back over at most 3 continuation bytes to the start of the last character.
    var back = 0
    while back < min(3, pending.count), pending[pending.count - 1 - back] & 0xC0 == 0x80 {
      back += 1
    }
    if back < pending.count {
      let lead = pending[pending.count - 1 - back]
      let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
      if length > back + 1 { end = pending.count - 1 - back }
    }
    let complete = Array(pending[..<end])
    pending.removeFirst(end)
    return String(decoding: complete, as: UTF8.self)
  }
}
