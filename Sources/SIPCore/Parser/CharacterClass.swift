/// Byte classes of the SIP grammar (RFC 3261 §25.1).
///
/// Each class is a predicate, written as a `switch` the compiler turns into a few
/// compares or a bit test, so hot scanning loops touch no global table; the
/// 256-entry tables (for `ByteScanner.scan(_:)` and `URIEscaping.write`) are
/// built from the same predicates.
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

    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    /// token (RFC 3261 §25.1).
    @inline(__always) static func isToken(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "*"),
             UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "~"):
            return true
        default:
            return isAlphanumeric(b)
        }
    }

    /// mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" (RFC 3261 §25.1).
    @inline(__always) static func isMark(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
             UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    /// unreserved = alphanum / mark.
    @inline(__always) static func isUnreserved(_ b: UInt8) -> Bool { isAlphanumeric(b) || isMark(b) }

    /// user = 1*( unreserved / escaped / user-unreserved ),
    /// user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" (escapes handled separately).
    @inline(__always) static func isUserChar(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "/"):
            return true
        default:
            return isUnreserved(b)
        }
    }

    /// password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ).
    @inline(__always) static func isPasswordChar(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: ","):
            return true
        default:
            return isUnreserved(b)
        }
    }

    /// paramchar = param-unreserved / unreserved / escaped,
    /// param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$".
    @inline(__always) static func isURIParamChar(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "&"),
             UInt8(ascii: "+"), UInt8(ascii: "$"):
            return true
        default:
            return isUnreserved(b)
        }
    }

    /// hname / hvalue = *( hnv-unreserved / unreserved / escaped ),
    /// hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$".
    @inline(__always) static func isURIHeaderChar(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"),
             UInt8(ascii: "+"), UInt8(ascii: "$"):
            return true
        default:
            return isUnreserved(b)
        }
    }

    /// word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" /
    /// "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}").
    @inline(__always) static func isWordChar(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"),
             UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default:
            return isToken(b)
        }
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
