/// Byte classes of the SIP grammar (RFC 3261 §25.1).
///
/// Each class is a predicate over a constant bit mask, so hot scanning loops touch no
/// global table; the 256-entry tables (for `ByteScanner.scan(_:)` and
/// `URIEscaping.write`) are built from the same predicates.
enum CharacterClass {
    private static func table(_ member: (UInt8) -> Bool) -> [Bool] {
        (0..<256).map { member(UInt8($0)) }
    }

    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    static let token = table(isToken)
    /// unreserved = alphanum / mark
    static let unreserved = table(isUnreserved)
    /// What a `user` part may hold unescaped: unreserved / user-unreserved.
    static let user = table(isUserChar)
    /// What a `password` may hold unescaped.
    static let password = table(isPasswordChar)
    /// paramchar = param-unreserved / unreserved (escapes handled separately).
    static let uriParam = table(isURIParamChar)
    /// hnv-unreserved / unreserved for URI headers.
    static let uriHeader = table(isURIHeaderChar)
    /// Characters of a host name, IPv4 address or the inside of an IPv6 reference.
    static let host = table { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }
    /// Characters that may appear in a word (Call-ID): RFC 3261 §25.1 `word`.
    static let word = table(isWordChar)

    /// Whether `b` is in the ASCII set given as a 128-bit mask: bit n of `low` for byte n < 64,
    /// bit n - 64 of `high` above. A shift and a test, with no table to load and no branch
    /// per character (a `switch` over many characters compiles to a jump table).
    @inline(__always) static func inMask(_ b: UInt8, low: UInt64, high: UInt64) -> Bool {
        let word = b < 64 ? low : high
        return b < 128 && (word >> UInt64(b & 63)) & 1 == 1
    }

    // The masks below are checked character by character against the lists of
    // RFC 3261 §25.1 by CharacterClassTests.

    /// alphanum = ALPHA / DIGIT.
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        inMask(b, low: 0x03ff_0000_0000_0000, high: 0x07ff_fffe_07ff_fffe)
    }

    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").
    @inline(__always) static func isToken(_ b: UInt8) -> Bool {
        inMask(b, low: 0x03ff_6ca2_0000_0000, high: 0x47ff_ffff_87ff_fffe)
    }

    /// unreserved = alphanum / mark, mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")".
    @inline(__always) static func isUnreserved(_ b: UInt8) -> Bool {
        inMask(b, low: 0x03ff_6782_0000_0000, high: 0x47ff_fffe_87ff_fffe)
    }

    /// user = 1*( unreserved / escaped / user-unreserved ),
    /// user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" (escapes handled separately).
    @inline(__always) static func isUserChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0xabff_ffd2_0000_0000, high: 0x47ff_fffe_87ff_fffe)
    }

    /// password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ).
    @inline(__always) static func isPasswordChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x23ff_7fd2_0000_0000, high: 0x47ff_fffe_87ff_fffe)
    }

    /// paramchar = param-unreserved / unreserved / escaped,
    /// param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$".
    @inline(__always) static func isURIParamChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x07ff_efd2_0000_0000, high: 0x47ff_fffe_afff_fffe)
    }

    /// hname / hvalue = *( hnv-unreserved / unreserved / escaped ),
    /// hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$".
    @inline(__always) static func isURIHeaderChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x87ff_ef92_0000_0000, high: 0x47ff_fffe_afff_fffe)
    }

    /// word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" /
    /// "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}").
    @inline(__always) static func isWordChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0xd7ff_efa6_0000_0000, high: 0x6fff_ffff_bfff_fffe)
    }

    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0d || b == 0x0a
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f"))
    }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5a) ? b | 0x20 : b
    }
}
