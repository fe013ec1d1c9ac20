/// Percent-escaping of URI components (RFC 3261 §19.1.2, §25.1 `escaped`).
public enum URIEscaping {
    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Decodes `%HH` escapes in `bytes[range]`; throws on a malformed escape.
    static func unescape(_ bytes: [UInt8], _ range: Range<Int>, scanner: ByteScanner) throws(SipParseError) -> String {
        guard bytes[range].contains(UInt8(ascii: "%")) else {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < range.upperBound,
                      let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2])
                else { throw scanner.error("malformed %-escape", kind: .badURI) }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Writes `text`, escaping every byte that `allowed` does not admit.
    public static func write(_ text: String, allowed: [Bool], to out: inout [UInt8]) {
        for b in text.utf8 {
            if allowed[Int(b)] {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0f)])
            }
        }
    }

    /// `text` escaped for the `user` part of a SIP URI.
    public static func escapeUser(_ text: String) -> String {
        var out: [UInt8] = []
        write(text, allowed: CharacterClass.user, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
