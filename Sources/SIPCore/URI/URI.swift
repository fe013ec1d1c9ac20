/// A URI as SIP carries it: `sip`/`sips` (RFC 3261 §19.1), `tel` (RFC 3966), or any other
/// absolute URI, kept as opaque text (RFC 3261 §19.1: proxies need not understand it).
///
/// A SIP URI is held in a box (`indirect`), so that a URI, and the name-addr that carries
/// it, is copied with one retain rather than one per string and list of the SIP URI.
public enum URI: Sendable, Hashable, CustomStringConvertible {
    case sip(SipURI)
    case tel(TelURI)
    case absolute(AbsoluteURI)

    /// Parses a whole URI.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "URI")
        self = try URI.parse(&s, end: s.end)
        try s.expectEnd(kind: .badURI)
    }

    /// Parses the URI in `s` up to `end`, choosing the grammar by scheme.
    static func parse(_ s: inout ByteScanner, end: Int) throws(SipParseError) -> URI {
        if let secure = consumeSipScheme(&s) {
            let parts = try SipURI.parseAfterScheme(&s, end: end) {
                SipURIParts(user: $0, password: $1, host: $2, port: $3, parameters: $4, headers: $5, received: $6)
            }
            return .sip(SipURI(parts: parts, isSecure: secure))
        }
        if s.consumeCaseInsensitive("tel:") {
            return .tel(try TelURI.parseAfterScheme(&s, end: end))
        }
        return .absolute(try AbsoluteURI.parse(&s, end: end))
    }

    /// Reads `sips:` (true) or `sip:` (false); nil, reading nothing, for any other scheme.
    @inline(__always)
    static func consumeSipScheme(_ s: inout ByteScanner) -> Bool? {
        if s.consumeCaseInsensitive("sips:") { return true }
        if s.consumeCaseInsensitive("sip:") { return false }
        return nil
    }

    /// The SIP URI, when this is one.
    public var sipURI: SipURI? {
        get { if case .sip(let u) = self { return u } else { return nil } }
        set { if let newValue { self = .sip(newValue) } }
    }

    /// The scheme in lower case: "sip", "sips", "tel", or the absolute URI's.
    public var scheme: String {
        switch self {
        case .sip(let u): return u.isSecure ? "sips" : "sip"
        case .tel: return "tel"
        case .absolute(let a): return a.scheme.lowercased()
        }
    }

    /// The user part of a SIP URI, or the number of a tel URI. Setting it changes a SIP URI's user.
    public var user: String? {
        get {
            switch self {
            case .sip(let u): return u.user
            case .tel(let t): return t.number
            case .absolute: return nil
            }
        }
        set { if case .sip(var u) = self { u.user = newValue; self = .sip(u) } }
    }

    /// The host of a SIP URI.
    public var host: String? {
        get { sipURI?.host }
        set { if case .sip(var u) = self, let newValue { u.host = newValue; self = .sip(u) } }
    }

    /// Writes the URI in canonical form.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .sip(let u): u.write(to: &out)
        case .tel(let t): t.write(to: &out)
        case .absolute(let a): out.append(contentsOf: a.text.utf8)
        }
    }

    public var description: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// URI equality: RFC 3261 §19.1.4 for SIP, RFC 3966 §4 for tel, exact text otherwise.
    public static func == (a: URI, b: URI) -> Bool {
        switch (a, b) {
        case let (.sip(x), .sip(y)): return x == y
        case let (.tel(x), .tel(y)): return x == y
        case let (.absolute(x), .absolute(y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .sip(let u): hasher.combine(u)
        case .tel(let t): hasher.combine(t)
        case .absolute(let a): hasher.combine(a)
        }
    }
}

/// An absolute URI of a scheme SIP does not interpret (`mailto:`, `http:`, `urn:` …), kept verbatim.
public struct AbsoluteURI: Sendable, Hashable {
    public var scheme: String
    /// The whole URI text, scheme included.
    public var text: String

    static let schemeChars: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.".utf8 { t[Int(c)] = true }
        return t
    }()

    static let bodyChars: [Bool] = {
        var t = CharacterClass.unreserved
        for c in "%;/?:@&=+$,#[]".utf8 { t[Int(c)] = true }
        return t
    }()

    static func parse(_ s: inout ByteScanner, end: Int) throws(SipParseError) -> AbsoluteURI {
        let from = s.position
        let schemeRange = s.scan(schemeChars)
        guard !schemeRange.isEmpty, let first = s.bytes[safe: schemeRange.lowerBound],
              (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
              s.consume(UInt8(ascii: ":"))
        else { throw s.error("expected a URI scheme", kind: .badURI) }
        while s.position < end, bodyChars[Int(s.bytes[s.position])] { s.position += 1 }
        guard s.position > schemeRange.upperBound + 1 else { throw s.error("empty URI", kind: .badURI) }
        return AbsoluteURI(scheme: s.string(schemeRange), text: s.string(from..<s.position))
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
