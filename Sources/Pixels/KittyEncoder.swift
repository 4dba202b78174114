import CZlib
import Foundation

/// The kitty graphics protocol (kitty, Ghostty, WezTerm, Konsole) as pure functions: transmit an
/// image under an id, place it by id, delete it.
///
/// An image is sent once, as zlib-compressed RGB (`f=24,o=z`: a plot is opaque) in base64, in chunks of at most
/// 4096 bytes (`m=1` on every chunk but the last), with `q=2` so the terminal sends no reply
/// into the input; placing it again costs a few bytes, and a changed picture replaces the image
/// of the same id.
public enum KittyEncoder {
  /// The largest base64 chunk the protocol takes.
  public static let chunk = 4096

  /// Transmits `image` under `id` without showing it (`a=t`).
  public static func transmit(_ image: RGBAImage, id: UInt32) -> String {
    let payload = deflate(image.rgb).base64EncodedString()
    let keys = "a=t,f=24,o=z,q=2,i=\(id),s=\(image.width),v=\(image.height)"
    var out = ""
    var start = payload.startIndex
    var first = true
    repeat {
      let end =
        payload.index(start, offsetBy: chunk, limitedBy: payload.endIndex) ?? payload.endIndex
      let more = end < payload.endIndex
      out +=
        "\u{1B}_G" + (first ? keys + "," : "") + "m=\(more ? 1 : 0);" + payload[start..<end]
        + "\u{1B}\\"
      first = false
      start = end
    } while start < payload.endIndex
    return out
  }

  /// Places image `id` at the cursor over `columns × rows` cells, the cursor left where it is
  /// (`C=1`), one placement per image (`p=1`, so placing again moves it).
  public static func place(id: UInt32, columns: Int, rows: Int, z: Int = 0) -> String {
    "\u{1B}_Ga=p,q=2,i=\(id),p=1,c=\(columns),r=\(rows),C=1" + (z == 0 ? "" : ",z=\(z)")
      + "\u{1B}\\"
  }

  /// Deletes image `id` and its data (`d=I`).
  public static func delete(id: UInt32) -> String { "\u{1B}_Ga=d,q=2,d=I,i=\(id)\u{1B}\\" }

  /// Deletes every image this program placed, and their data (`d=A`).
  public static let deleteAll = "\u{1B}_Ga=d,q=2,d=A\u{1B}\\"

  /// The question whether the terminal speaks the protocol: a one-pixel image queried (`a=q`)
  /// under id 31, which a terminal that does answers with `ESC _ G i=31;OK ESC \`.
  public static let query = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"

  /// zlib's deflate of the bytes (RFC 1950, what `o=z` means).
  public static func deflate(_ bytes: [UInt8]) -> Data {
    var size = compressBound(uLong(bytes.count))
    var out = [UInt8](repeating: 0, count: Int(size))
    let status = bytes.withUnsafeBufferPointer { source in
      // Level 1: most of zlib's gain on a plot (long runs of background) at a fraction of the
      // time of its default.
      compress2(&out, &size, source.baseAddress, uLong(bytes.count), 1)
    }
    guard status == Z_OK else { return Data() }
    return Data(out.prefix(Int(size)))
  }

  /// zlib's inflate, for tests and for checking a payload: `nil` for data that is not zlib's or
  /// does not inflate to `expected` bytes.
  public static func inflate(_ data: Data, expected: Int) -> [UInt8]? {
    var size = uLongf(expected)
    var out = [UInt8](repeating: 0, count: max(1, expected))
    let source = [UInt8](data)
    let status = source.withUnsafeBufferPointer { input in
      uncompress(&out, &size, input.baseAddress, uLong(source.count))
    }
    guard status == Z_OK, Int(size) == expected else { return nil }
    return Array(out.prefix(expected))
  }
}
