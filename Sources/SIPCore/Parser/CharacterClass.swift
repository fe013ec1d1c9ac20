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
        // Bytes from 128 up select no bit: a select rather than a second branch, so that
        // a scanning loop has no branch per byte to mispredict but its exit.
        let ascii: UInt64 = b < 128 ? 1 : 0
        return (word >> UInt64(b & 63)) & ascii == 1
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

    /// SP / HTAB / CR / LF: linear white space, folded lines included.
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        inMask(b, low: 0x0000_0001_0000_2600, high: 0)
    }

    // Unions of the classes above with a few more characters, each one mask, for the
    // scanning loops of the typed parsers (CharacterClassTests checks each against its
    // definition).

    /// hostname and IPv4address: alphanum / "-" / "." (RFC 3261 §25.1).
    @inline(__always) static func isHostnameChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x03ff_6000_0000_0000, high: 0x07ff_fffe_07ff_fffe)
    }

    /// The inside of an IPv6reference: HEXDIG / ":" / "." (RFC 3261 §25.1).
    @inline(__always) static func isIPv6ReferenceChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x07ff_4000_0000_0000, high: 0x0000_007e_0000_007e)
    }

    /// userinfo = user [ ":" password ]: user characters, "%" of an escape and ":".
    @inline(__always) static func isUserinfoChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0xafff_fff2_0000_0000, high: 0x47ff_fffe_87ff_fffe)
    }

    /// pname / pvalue with escapes: paramchar or "%".
    @inline(__always) static func isEscapedURIParamChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x07ff_eff2_0000_0000, high: 0x47ff_fffe_afff_fffe)
    }

    /// hname / hvalue with escapes: URI header characters or "%".
    @inline(__always) static func isEscapedURIHeaderChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x87ff_efb2_0000_0000, high: 0x47ff_fffe_afff_fffe)
    }

    /// `*(token LWS)`, an unquoted display-name: token characters, SP and HTAB.
    @inline(__always) static func isDisplayNameChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x03ff_6ca3_0000_0200, high: 0x47ff_ffff_87ff_fffe)
    }

    /// callid = word [ "@" word ]: word characters and "@".
    @inline(__always) static func isCallIDChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0xd7ff_efa6_0000_0000, high: 0x6fff_ffff_bfff_ffff)
    }

    /// gen-value outside quotes: token or host, whose IPv6 reference adds "[", "]" and ":".
    @inline(__always) static func isGenericValueChar(_ b: UInt8) -> Bool {
        inMask(b, low: 0x07ff_6ca2_0000_0000, high: 0x47ff_ffff_afff_fffe)
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f"))
    }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5a) ? b | 0x20 : b
    }
}
