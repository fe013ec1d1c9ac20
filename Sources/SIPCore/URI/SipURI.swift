/// A `sip:` or `sips:` URI (RFC 3261 §19.1.1).
///
/// `user` and `password` hold the unescaped text; the writer escapes them again.
/// Equality follows RFC 3261 §19.1.4.
public struct SipURI: Sendable, Hashable, CustomStringConvertible {
    @usableFromInline var parts: SipURIParts
    public var isSecure: Bool
    public var user: String? {
        get { parts.user }
        _modify {
            makeUnique()
            yield &parts.user
        }
    }
    public var password: String? {
        get { parts.password }
        _modify {
            makeUnique()
            yield &parts.password
        }
    }
    /// The host name or address; an IPv6 address without its brackets.
    public var host: String {
        get { parts.host }
        _modify {
            makeUnique()
            yield &parts.host
        }
    }
    public var port: Int? {
        get { parts.port }
        _modify {
            makeUnique()
            yield &parts.port
        }
    }
    public var parameters: Parameters {
        get { parts.parameters }
        _modify {
            makeUnique()
            yield &parts.parameters
        }
    }
    /// URI headers (`?name=value&…`), unescaped.
    public var headers: [(name: String, value: String)] {
        get { parts.headers }
        _modify {
            makeUnique()
            yield &parts.headers
        }
    }

    /// Gives this URI its own parts before they change.
    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
    }

    public init(user: String? = nil, host: String, port: Int? = nil, secure: Bool = false,
                parameters: Parameters = Parameters()) {
        isSecure = secure
        parts = SipURIParts(user: user, password: nil, host: host, port: port, parameters: parameters, headers: [])
    }

    /// A URI over existing parts (a name-addr's, which its URI shares).
    @inlinable init(parts: SipURIParts, isSecure: Bool) {
        self.parts = parts
        self.isSecure = isSecure
    }

    /// Parses a whole `sip:`/`sips:` URI.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        guard case .sip(let u) = try URI(text) else {
            throw SipParseError(.badURI, "not a sip or sips URI", header: "URI")
        }
        self = u
    }

    /// Whether the host is an IPv6 address.
    public var hostIsIPv6: Bool { host.utf8.contains(UInt8(ascii: ":")) }

    // MARK: Known parameters (RFC 3261 §19.1.1, RFC 5626 `ob`, RFC 5627 `gr`)

    public var transport: String? {
        get { parameters["transport"] }
        set { parameters["transport"] = newValue }
    }
    public var userParameter: String? {
        get { parameters["user"] }
        set { parameters["user"] = newValue }
    }
    public var method: String? {
        get { parameters["method"] }
        set { parameters["method"] = newValue }
    }
    public var maddr: String? {
        get { parameters["maddr"] }
        set { parameters["maddr"] = newValue }
    }
    public var ttl: Int? {
        get { parameters["ttl"].flatMap { Int($0) } }
        set { parameters["ttl"] = newValue.map(String.init) }
    }
    /// The loose-routing flag (RFC 3261 §19.1.1 `lr`).
    public var lr: Bool {
        get { parameters.contains("lr") }
        set { if newValue { parameters.setFlag("lr") } else { parameters.remove("lr") } }
    }
    /// The outbound flag (RFC 5626 §5.4 `ob`).
    public var ob: Bool {
        get { parameters.contains("ob") }
        set { if newValue { parameters.setFlag("ob") } else { parameters.remove("ob") } }
    }
    /// The GRUU parameter (RFC 5627 `gr`), "" when present without value.
    public var gr: String? {
        get { parameters["gr"] }
        set { parameters["gr"] = newValue }
    }

    /// The address-of-record form: scheme, user and host only (RFC 3261 §10.3 step 5).
    public var addressOfRecord: SipURI {
        var u = SipURI(user: user, host: host.lowercased(), secure: isSecure)
        u.port = nil
        return u
    }

    /// The text of `addressOfRecord`, written straight into one buffer with no URI built in
    /// between: the key a registrar files bindings under, made for every REGISTER.
    public var addressOfRecordText: String {
        // Only ASCII lowers byte by byte as `lowercased()` does; hosts read from the wire are ASCII.
        guard host.utf8.allSatisfy({ $0 < 0x80 }) else { return addressOfRecord.description }
        var out: [UInt8] = []
        out.reserveCapacity(5 + 3 * (user?.utf8.count ?? 0) + 1 + host.utf8.count + 2)
        out.appendUTF8(isSecure ? "sips:" : "sip:")
        if let user {
            URIEscaping.write(user, allowed: CharacterClass.user, to: &out)
            out.append(UInt8(ascii: "@"))
        }
        let hostStart = out.count
        Self.writeHost(host, port: nil, to: &out)
        for k in hostStart..<out.count { out[k] = CharacterClass.lower(out[k]) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Parsing

    /// hostname and IPv4address: alphanum / "-" / "." (RFC 3261 §25.1).
    @inline(__always) static func isHostChar(_ b: UInt8) -> Bool { CharacterClass.isHostnameChar(b) }
    /// The inside of an IPv6reference: hex digits, ":" and "." (RFC 3261 §25.1).
    @inline(__always) static func isIPv6Char(_ b: UInt8) -> Bool { CharacterClass.isIPv6ReferenceChar(b) }
    /// userinfo: user [ ":" password ], escapes included.
    @inline(__always) static func isUserinfoChar(_ b: UInt8) -> Bool { CharacterClass.isUserinfoChar(b) }
    /// pname / pvalue, escapes included.
    @inline(__always) static func isParamChar(_ b: UInt8) -> Bool { CharacterClass.isEscapedURIParamChar(b) }
    /// hname / hvalue, escapes included.
    @inline(__always) static func isHeaderChar(_ b: UInt8) -> Bool { CharacterClass.isEscapedURIHeaderChar(b) }

    /// Parses what follows `sip:` or `sips:` up to `end`, and hands the parts to `make`, which
    /// builds the object holding them (a URI's own, or the name-addr's that carries it).
    /// Inlined into its two callers so that the parts move straight into the object.
    @inline(__always)
    static func parseAfterScheme<P: SipURIParts>(
        _ s: inout ByteScanner, end: Int,
        make: (_ user: String?, _ password: String?, _ host: String, _ port: Int?, _ parameters: Parameters,
               _ headers: [(name: String, value: String)], _ received: ReceivedUserHost?) -> P
    ) throws(SipParseError) -> P {
        var user: String?
        var password: String?
        var port: Int?
        // A user part with no escape is read in place, as the host is (`ReceivedUserHost`).
        var receivedUser: Range<Int>?
        var parameters = Parameters()
        var headers: [(name: String, value: String)] = []
        // userinfo is present exactly when an '@' occurs: no other component admits one unescaped.
        var at: Int?
        var i = s.position
        while i < end {
            let b = s.bytes[i]
            if b == UInt8(ascii: "@") { at = i; break }
            if b == UInt8(ascii: ">") || b == UInt8(ascii: " ") { break }
            i += 1
        }
        if let at {
            let userStart = s.position
            while s.position < at, isUserinfoChar(s.bytes[s.position]), s.bytes[s.position] != UInt8(ascii: ":") {
                s.position += 1
            }
            let userRange = userStart..<s.position
            if s.position < at, s.bytes[s.position] == UInt8(ascii: ":") {
                s.position += 1
                let pwStart = s.position
                while s.position < at, isUserinfoChar(s.bytes[s.position]) { s.position += 1 }
                password = try URIEscaping.unescape(s.bytes, pwStart..<s.position, scanner: s)
            }
            guard s.position == at else { throw s.error("invalid character in user part", kind: .badURI) }
            guard !userRange.isEmpty else { throw s.error("empty user part before '@'", kind: .badURI) }
            if s.bytes[userRange].contains(UInt8(ascii: "%")) {
                user = try URIEscaping.unescape(s.bytes, userRange, scanner: s)
            } else {
                receivedUser = userRange
            }
            s.position = at + 1
        }
        let hostRange = try parseHostPort(&s, end: end, port: &port)
        // uri-parameters (RFC 3261 §25.1): kept as their text when none is escaped.
        if s.position < end, s.bytes[s.position] == UInt8(ascii: ";"), let plain = plainParameters(&s, end: end) {
            parameters = plain
        }
        while s.position < end, s.bytes[s.position] == UInt8(ascii: ";") {
            s.position += 1
            let nameRange = scan(&s, isParamChar, end: end)
            guard !nameRange.isEmpty else { throw s.error("empty URI parameter name", kind: .badURI) }
            let name = try URIEscaping.unescape(s.bytes, nameRange, scanner: s)
            if s.position < end, s.bytes[s.position] == UInt8(ascii: "=") {
                s.position += 1
                let valueRange = scan(&s, isParamChar, end: end)
                parameters.append(Parameter(name: name, value: try URIEscaping.unescape(s.bytes, valueRange, scanner: s)))
            } else {
                parameters.append(Parameter(name: name))
            }
        }
        if s.position < end, s.bytes[s.position] == UInt8(ascii: "?") {
            repeat {
                s.position += 1
                let n = scan(&s, isHeaderChar, end: end)
                guard !n.isEmpty, s.position < end, s.bytes[s.position] == UInt8(ascii: "=") else {
                    throw s.error("malformed URI header", kind: .badURI)
                }
                s.position += 1
                let v = scan(&s, isHeaderChar, end: end)
                headers.append((try URIEscaping.unescape(s.bytes, n, scanner: s),
                                    try URIEscaping.unescape(s.bytes, v, scanner: s)))
            } while s.position < end && s.bytes[s.position] == UInt8(ascii: "&")
        }
        // Read in place when the user part (if any) has no escape; else both made Strings now.
        let received = user == nil ? ReceivedUserHost(s.bytes, user: receivedUser, host: hostRange) : nil
        if received == nil, let r = receivedUser { user = s.string(r) }
        return make(user, password, received == nil ? s.string(hostRange) : "", port, parameters, headers, received)
    }

    /// The uri-parameters at `s` (at a ';') as one text when no name or value holds an
    /// escape, moving `s` past them; nil, with `s` untouched, otherwise.
    private static func plainParameters(_ s: inout ByteScanner, end: Int) -> Parameters? {
        let start = s.position
        // An escape stops the run at its '%': such a list is read item by item.
        guard let i = Parameters.plainRunEnd(s.bytes, from: start, to: end, emptyValues: true,
                                             name: CharacterClass.isURIParamChar, value: CharacterClass.isURIParamChar),
              !(i < end && s.bytes[i] == UInt8(ascii: "%"))
        else { return nil }
        s.position = i
        return Parameters(plainBytes: s.bytes, start..<i)
    }

    @inline(__always)
    private static func scan(_ s: inout ByteScanner, _ member: (UInt8) -> Bool, end: Int) -> Range<Int> {
        let from = s.position
        while s.position < end, member(s.bytes[s.position]) { s.position += 1 }
        return from..<s.position
    }

    /// hostport read in one pass for the common-form readers of a name-addr and a Via:
    /// the host's range (inside the brackets of an IPv6 reference) and the port, with `i`
    /// moved past them; nil where `parseHostPort` would throw.
    @inline(__always)
    static func scanHostPort(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, end: Int) -> (host: Range<Int>, port: Int?)? {
        var j = i
        let host: Range<Int>
        if j < end, b[j] == UInt8(ascii: "[") {
            let inside = j &+ 1
            j = inside
            while j < end, CharacterClass.isIPv6ReferenceChar(b[j]) { j &+= 1 }
            guard j > inside, j < end, b[j] == UInt8(ascii: "]") else { return nil }
            host = inside..<j
            j &+= 1
        } else {
            let start = j
            while j < end, CharacterClass.isHostnameChar(b[j]) { j &+= 1 }
            guard j > start else { return nil }
            host = start..<j
        }
        var port: Int?
        if j < end, b[j] == UInt8(ascii: ":") {
            j &+= 1
            let digits = j
            var value = 0
            while j < end, j &- digits < 5, CharacterClass.isDigit(b[j]) {
                value = value &* 10 &+ Int(b[j] &- 0x30)
                j &+= 1
            }
            guard j > digits, value <= 65535, !(j < end && CharacterClass.isDigit(b[j])) else { return nil }
            port = value
        }
        i = j
        return (host, port)
    }

    /// hostport = host [ ":" port ], host = hostname / IPv4address / IPv6reference.
    /// Returns the host's range in `s.bytes` (inside the brackets of an IPv6 reference).
    static func parseHostPort(_ s: inout ByteScanner, end: Int, port: inout Int?) throws(SipParseError) -> Range<Int> {
        let host: Range<Int>
        if s.position < end, s.bytes[s.position] == UInt8(ascii: "[") {
            s.position += 1
            let r = scan(&s, isIPv6Char, end: end)
            guard !r.isEmpty, s.position < end, s.bytes[s.position] == UInt8(ascii: "]") else {
                throw s.error("malformed IPv6 reference", kind: .badURI)
            }
            s.position += 1
            host = r
        } else {
            let r = scan(&s, isHostChar, end: end)
            guard !r.isEmpty else { throw s.error("expected a host", kind: .badURI) }
            host = r
        }
        if s.position < end, s.bytes[s.position] == UInt8(ascii: ":") {
            s.position += 1
            let r = scan(&s, CharacterClass.isDigit, end: end)
            guard !r.isEmpty, r.count <= 5 else { throw s.error("malformed port", kind: .badURI) }
            var p = 0
            for i in r { p = p * 10 + Int(s.bytes[i] - 0x30) }
            guard p <= 65535 else { throw s.error("port out of range", kind: .badURI) }
            port = p
        }
        return host
    }

    // MARK: Writing

    public func write(to out: inout [UInt8]) {
        out.appendUTF8(isSecure ? "sips:" : "sip:")
        if let user {
            URIEscaping.write(user, allowed: CharacterClass.user, to: &out)
            if let password {
                out.append(UInt8(ascii: ":"))
                URIEscaping.write(password, allowed: CharacterClass.password, to: &out)
            }
            out.append(UInt8(ascii: "@"))
        }
        Self.writeHost(host, port: port, to: &out)
        switch parts.parameters.storage {
        case .text, .received:
            // Plain text holds no character that needs an escape.
            parts.parameters.write(to: &out)
        case .list(let items):
            Self.writeParameters(items, to: &out)
        }
        for (i, h) in headers.enumerated() {
            out.append(i == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            URIEscaping.write(h.name, allowed: CharacterClass.uriHeader, to: &out)
            out.append(UInt8(ascii: "="))
            URIEscaping.write(h.value, allowed: CharacterClass.uriHeader, to: &out)
        }
    }

    private static func writeParameters(_ params: [Parameter], to out: inout [UInt8]) {
        var i = 0
        while i < params.count {
            out.append(UInt8(ascii: ";"))
            URIEscaping.write(params[i].name, allowed: CharacterClass.uriParam, to: &out)
            if let v = params[i].value {
                out.append(UInt8(ascii: "="))
                URIEscaping.write(v, allowed: CharacterClass.uriParam, to: &out)
            }
            i += 1
        }
    }

    /// Writes host[:port], an IPv6 address (the only host with a ':') as an IPv6reference.
    static func writeHost<Sink: ByteSink>(_ host: UnsafeBufferPointer<UInt8>, port: Int?, to out: inout Sink) {
        if host.contains(UInt8(ascii: ":")) {
            out.put(UInt8(ascii: "["))
            out.put(host)
            out.put(UInt8(ascii: "]"))
        } else {
            out.put(host)
        }
        if let port {
            out.put(UInt8(ascii: ":"))
            out.putDecimal(port)
        }
    }

    /// Writes host[:port] for a host given as text.
    static func writeHost(_ host: String, port: Int?, to out: inout [UInt8]) {
        host.withUTF8Bytes { writeHost($0, port: port, to: &out) }
    }

    public var description: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Equality (RFC 3261 §19.1.4)

    /// Parameters that, when present in either URI, must be present and equal in both.
    private static let mustMatch = ["user", "ttl", "method", "maddr", "transport"]

    public static func == (a: SipURI, b: SipURI) -> Bool {
        guard a.isSecure == b.isSecure, a.user == b.user, a.password == b.password,
              a.host.caseInsensitiveEquals(b.host), a.port == b.port
        else { return false }
        for name in mustMatch {
            let x = a.parameters[name], y = b.parameters[name]
            if x == nil && y == nil { continue }
            guard let x, let y, x.caseInsensitiveEquals(y) else { return false }
        }
        // Any other parameter appearing in both must match; one appearing in only one is ignored.
        for p in a.parameters where !mustMatch.contains(where: { $0.caseInsensitiveEquals(p.name) }) {
            if let other = b.parameters[p.name], !other.caseInsensitiveEquals(p.value ?? "") { return false }
        }
        // Headers are never ignored: each must appear in both with equal values.
        guard a.headers.count == b.headers.count else { return false }
        for h in a.headers {
            guard b.headers.contains(where: { $0.name.caseInsensitiveEquals(h.name) && $0.value == h.value }) else {
                return false
            }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(isSecure)
        hasher.combine(user)
        hasher.combine(host.lowercased())
        hasher.combine(port)
    }
}
