// The catalog of typed header keys: `msg[.to]`, `msg[.vias]`, `msg[.cSeq]` …
// Keys of other header types live beside those types.

extension HeaderKey where Value == NameAddr {
    public static var from: HeaderKey<NameAddr> { HeaderKey(.from) }
    public static var to: HeaderKey<NameAddr> { HeaderKey(.to) }
    public static var referTo: HeaderKey<NameAddr> { HeaderKey(.referTo) }
    public static var referredBy: HeaderKey<NameAddr> { HeaderKey(.referredBy) }
}

extension ListHeaderKey where Element == NameAddr {
    public static var contacts: ListHeaderKey<NameAddr> { ListHeaderKey(.contact) }
    public static var routes: ListHeaderKey<NameAddr> { ListHeaderKey(.route) }
    public static var recordRoutes: ListHeaderKey<NameAddr> { ListHeaderKey(.recordRoute) }
    public static var paths: ListHeaderKey<NameAddr> { ListHeaderKey(.path) }
    public static var pAssertedIdentities: ListHeaderKey<NameAddr> { ListHeaderKey(.pAssertedIdentity) }
    public static var pPreferredIdentities: ListHeaderKey<NameAddr> { ListHeaderKey(.pPreferredIdentity) }
}

extension ListHeaderKey where Element == Via {
    public static var vias: ListHeaderKey<Via> { ListHeaderKey(.via) }
}

extension HeaderKey where Value == CSeq {
    public static var cSeq: HeaderKey<CSeq> { HeaderKey(.cSeq) }
}

/// Grammars shared by several keys.
enum HeaderGrammar {
    /// A non-negative decimal number filling the value (Max-Forwards, Expires, Content-Length …).
    static func integer(_ s: inout ByteScanner) throws(SipParseError) -> Int {
        s.skipWhitespace()
        return try s.integer(maxDigits: 10, "a number")
    }

    static func writeInteger(_ v: Int, _ out: inout [UInt8]) { out.append(contentsOf: String(v).utf8) }

    /// Call-ID = word [ "@" word ] (RFC 3261 §25.1).
    static func callID(_ s: inout ByteScanner) throws(SipParseError) -> String {
        s.skipWhitespace()
        let r = s.scan(callIDChars)
        guard !r.isEmpty else { throw s.error("empty Call-ID") }
        return s.string(r)
    }

    static let callIDChars: [Bool] = {
        var t = CharacterClass.word
        t[Int(UInt8(ascii: "@"))] = true
        return t
    }()

    /// Free text filling the value (User-Agent, Server, Subject …).
    static func text(_ s: inout ByteScanner) throws(SipParseError) -> String {
        s.skipWhitespace()
        return s.rest()
    }

    static func writeText(_ v: String, _ out: inout [UInt8]) {
        out.append(contentsOf: v.utf8.filter { $0 != 0x0d && $0 != 0x0a })
    }

    /// One token of a comma-separated list (Supported, Require, Allow …).
    static func token(_ s: inout ByteScanner) throws(SipParseError) -> String {
        s.skipWhitespace()
        return try s.expectToken("a token")
    }
}

extension HeaderKey where Value == Int {
    private static func int(_ h: KnownHeader) -> HeaderKey<Int> {
        HeaderKey(h, parse: HeaderGrammar.integer, write: HeaderGrammar.writeInteger)
    }
    public static var maxForwards: HeaderKey<Int> { int(.maxForwards) }
    public static var expires: HeaderKey<Int> { int(.expires) }
    public static var minExpires: HeaderKey<Int> { int(.minExpires) }
    public static var contentLength: HeaderKey<Int> { int(.contentLength) }
}

extension HeaderKey where Value == String {
    public static var callID: HeaderKey<String> {
        HeaderKey(.callID, parse: HeaderGrammar.callID, write: HeaderGrammar.writeText)
    }
    private static func text(_ h: KnownHeader) -> HeaderKey<String> {
        HeaderKey(h, parse: HeaderGrammar.text, write: HeaderGrammar.writeText)
    }
    public static var userAgent: HeaderKey<String> { text(.userAgent) }
    public static var server: HeaderKey<String> { text(.server) }
    public static var subject: HeaderKey<String> { text(.subject) }
    public static var organization: HeaderKey<String> { text(.organization) }
}

extension ListHeaderKey where Element == String {
    private static func tokens(_ h: KnownHeader) -> ListHeaderKey<String> {
        ListHeaderKey(h, parse: HeaderGrammar.token, write: HeaderGrammar.writeText)
    }
    public static var supported: ListHeaderKey<String> { tokens(.supported) }
    public static var require: ListHeaderKey<String> { tokens(.require) }
    public static var proxyRequire: ListHeaderKey<String> { tokens(.proxyRequire) }
    public static var unsupported: ListHeaderKey<String> { tokens(.unsupported) }
    public static var allow: ListHeaderKey<String> { tokens(.allow) }
    public static var allowEvents: ListHeaderKey<String> { tokens(.allowEvents) }
}
