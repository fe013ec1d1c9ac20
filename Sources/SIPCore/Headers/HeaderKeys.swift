// The catalog of typed header keys: `msg[.to]`, `msg[.vias]`, `msg[.cSeq]` …
// Keys of other header types live beside those types.

extension HeaderKey where Value == NameAddr {
    @inlinable public static var from: HeaderKey<NameAddr> { HeaderKey(.from) }
    @inlinable public static var to: HeaderKey<NameAddr> { HeaderKey(.to) }
    @inlinable public static var referTo: HeaderKey<NameAddr> { HeaderKey(.referTo) }
    @inlinable public static var referredBy: HeaderKey<NameAddr> { HeaderKey(.referredBy) }
}

extension ListHeaderKey where Element == NameAddr {
    @inlinable public static var contacts: ListHeaderKey<NameAddr> { ListHeaderKey(.contact) }
    @inlinable public static var routes: ListHeaderKey<NameAddr> { ListHeaderKey(.route) }
    @inlinable public static var recordRoutes: ListHeaderKey<NameAddr> { ListHeaderKey(.recordRoute) }
    @inlinable public static var paths: ListHeaderKey<NameAddr> { ListHeaderKey(.path) }
    @inlinable public static var pAssertedIdentities: ListHeaderKey<NameAddr> { ListHeaderKey(.pAssertedIdentity) }
    @inlinable public static var pPreferredIdentities: ListHeaderKey<NameAddr> { ListHeaderKey(.pPreferredIdentity) }
}

extension ListHeaderKey where Element == Via {
    @inlinable public static var vias: ListHeaderKey<Via> { ListHeaderKey(.via) }
}

extension HeaderKey where Value == CSeq {
    @inlinable public static var cSeq: HeaderKey<CSeq> { HeaderKey(.cSeq) }
}

/// Grammars shared by several keys.
@usableFromInline
enum HeaderGrammar {
    /// A non-negative decimal number filling the value (Max-Forwards, Expires, Content-Length …).
    @usableFromInline static func integer(_ s: inout ByteScanner) throws(SipParseError) -> Int {
        s.skipWhitespace()
        return try s.integer(maxDigits: 10, "a number")
    }

    @usableFromInline static func writeInteger(_ v: Int, _ out: inout [UInt8]) { out.appendDecimal(v) }

    /// Call-ID = word [ "@" word ] (RFC 3261 §25.1).
    @usableFromInline static func callID(_ s: inout ByteScanner) throws(SipParseError) -> String {
        s.skipWhitespace()
        let r = s.scan(while: isCallIDChar)
        guard !r.isEmpty else { throw s.error("empty Call-ID") }
        return s.string(r)
    }

    /// The bytes of `word [ "@" word ]`.
    @inline(__always) static func isCallIDChar(_ b: UInt8) -> Bool { CharacterClass.isCallIDChar(b) }

    /// Free text filling the value (User-Agent, Server, Subject …).
    @usableFromInline static func text(_ s: inout ByteScanner) throws(SipParseError) -> String {
        s.skipWhitespace()
        return s.rest()
    }

    @usableFromInline static func writeText(_ v: String, _ out: inout [UInt8]) {
        out.append(contentsOf: v.utf8.filter { $0 != 0x0d && $0 != 0x0a })
    }

    /// One token of a comma-separated list (Supported, Require, Allow …).
    @usableFromInline static func token(_ s: inout ByteScanner) throws(SipParseError) -> String {
        s.skipWhitespace()
        return try s.expectToken("a token")
    }
}

extension HeaderKey where Value == Int {
    @usableFromInline static func int(_ h: KnownHeader) -> HeaderKey<Int> {
        HeaderKey(h, parse: HeaderGrammar.integer, write: HeaderGrammar.writeInteger, writesDecimal: true)
    }
    @inlinable public static var maxForwards: HeaderKey<Int> { int(.maxForwards) }
    @inlinable public static var expires: HeaderKey<Int> { int(.expires) }
    @inlinable public static var minExpires: HeaderKey<Int> { int(.minExpires) }
    @inlinable public static var contentLength: HeaderKey<Int> { int(.contentLength) }
}

extension HeaderKey where Value == String {
    @inlinable public static var callID: HeaderKey<String> {
        HeaderKey(.callID, parse: HeaderGrammar.callID, write: HeaderGrammar.writeText)
    }
    @usableFromInline static func text(_ h: KnownHeader) -> HeaderKey<String> {
        HeaderKey(h, parse: HeaderGrammar.text, write: HeaderGrammar.writeText)
    }
    @inlinable public static var userAgent: HeaderKey<String> { text(.userAgent) }
    @inlinable public static var server: HeaderKey<String> { text(.server) }
    @inlinable public static var subject: HeaderKey<String> { text(.subject) }
    @inlinable public static var organization: HeaderKey<String> { text(.organization) }
}

extension ListHeaderKey where Element == String {
    @usableFromInline static func tokens(_ h: KnownHeader) -> ListHeaderKey<String> {
        ListHeaderKey(h, parse: HeaderGrammar.token, write: HeaderGrammar.writeText)
    }
    @inlinable public static var supported: ListHeaderKey<String> { tokens(.supported) }
    @inlinable public static var require: ListHeaderKey<String> { tokens(.require) }
    @inlinable public static var proxyRequire: ListHeaderKey<String> { tokens(.proxyRequire) }
    @inlinable public static var unsupported: ListHeaderKey<String> { tokens(.unsupported) }
    @inlinable public static var allow: ListHeaderKey<String> { tokens(.allow) }
    @inlinable public static var allowEvents: ListHeaderKey<String> { tokens(.allowEvents) }
}
