/// Byte classes of the SIP grammar (RFC 3261 §25.1), as 256-entry lookup tables.
enum CharacterClass {
    private static func table(_ chars: String, alnum: Bool) -> [Bool] {
        var t = [Bool](repeating: false, count: 256)
        if alnum {
            for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = true }
            for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = true }
            for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = true }
        }
        for c in chars.utf8 { t[Int(c)] = true }
        return t
    }

    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    static let token = table("-.!%*_+`'~", alnum: true)
    /// unreserved = alphanum / mark
    static let unreserved = table("-_.!~*'()", alnum: true)
    /// What a `user` part may hold unescaped: unreserved / user-unreserved.
    static let user = table("-_.!~*'()&=+$,;?/", alnum: true)
    /// What a `password` may hold unescaped.
    static let password = table("-_.!~*'()&=+$,", alnum: true)
    /// paramchar = param-unreserved / unreserved (escapes handled separately).
    static let uriParam = table("-_.!~*'()[]/:&+$", alnum: true)
    /// hnv-unreserved / unreserved for URI headers.
    static let uriHeader = table("-_.!~*'()[]/?:+$", alnum: true)
    /// Characters of a host name, IPv4 address or the inside of an IPv6 reference.
    static let host = table("-._:[]", alnum: true)
    /// Characters that may appear in a word (Call-ID): RFC 3261 §25.1 `word`.
    static let word = table("-.!%*_+`'~()<>:\\\"/[]?{}", alnum: true)

    /// Token test without a table lookup, so hot loops touch no global.
    @inline(__always) static func isToken(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "*"),
             UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0d || b == 0x0a
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5a) ? b | 0x20 : b
    }
}
