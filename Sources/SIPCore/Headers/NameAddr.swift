/// A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §25.1):
/// the value of From, To, Contact, Route, Record-Route, Path, Refer-To,
/// P-Asserted-Identity. A Contact of `*` is `isWildcard`.
public struct NameAddr: SipHeaderValue, Hashable, CustomStringConvertible {
    @usableFromInline var parts: NameAddrParts

    /// The display name, unquoted; nil when absent.
    public var displayName: String? {
        get { parts.displayName }
        _modify {
            makeUnique()
            yield &parts.displayName
        }
    }
    public var uri: URI {
        get { parts.uri }
        set {
            makeUnique()
            parts.setURI(newValue)
        }
    }
    /// Header parameters (after the URI): tag, expires, q, +sip.instance, reg-id, …
    public var parameters: Parameters {
        get { parts.fieldParameters }
        _modify {
            makeUnique()
            yield &parts.fieldParameters
        }
    }
    /// `Contact: *` (RFC 3261 §10.2.2).
    public var isWildcard: Bool {
        get { parts.isWildcard }
        set {
            makeUnique()
            parts.isWildcard = newValue
        }
    }
    /// Whether the URI was written in angle brackets (always when written anew with a display name).
    public var usesAngleBrackets: Bool {
        get { parts.usesAngleBrackets }
        set {
            makeUnique()
            parts.usesAngleBrackets = newValue
        }
    }

    public init(uri: URI, displayName: String? = nil, parameters: Parameters = Parameters()) {
        self.init(uri: uri, displayName: displayName, parameters: parameters, usesAngleBrackets: true)
    }

    init(uri: URI, displayName: String?, parameters: Parameters, usesAngleBrackets: Bool) {
        parts = NameAddrParts(displayName: displayName, uri: uri, parameters: parameters, isWildcard: false,
                              usesAngleBrackets: usesAngleBrackets)
    }

    @usableFromInline init(parts: NameAddrParts) {
        self.parts = parts
    }

    /// Gives this name-addr its own parts before they change.
    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&parts) { parts = parts.copyNameAddr() }
    }

    public static func == (a: NameAddr, b: NameAddr) -> Bool {
        a.displayName == b.displayName && a.uri == b.uri && a.parameters == b.parameters
            && a.isWildcard == b.isWildcard && a.usesAngleBrackets == b.usesAngleBrackets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(displayName)
        hasher.combine(uri)
        hasher.combine(parameters)
        hasher.combine(isWildcard)
        hasher.combine(usesAngleBrackets)
    }

    /// Parses a whole header value such as `"Bob" <sip:bob@example.com>;tag=1`.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "name-addr")
        self = try NameAddr.parse(&s)
        try s.expectEnd()
    }

    /// The `*` of `Contact: *`.
    public static var wildcard: NameAddr {
        var n = NameAddr(uri: .absolute(AbsoluteURI(scheme: "", text: "*")))
        n.isWildcard = true
        n.usesAngleBrackets = false
        return n
    }

    // MARK: Known parameters

    /// The `tag` parameter (RFC 3261 §19.3).
    public var tag: String? {
        get { parameters["tag"] }
        set { parameters["tag"] = newValue }
    }

    /// The Contact `expires` parameter in seconds (RFC 3261 §20.10); nil when absent or not a number.
    public var expires: Int? {
        get { parameters["expires"].flatMap { Int($0) } }
        set { parameters["expires"] = newValue.map(String.init) }
    }

    /// The Contact `q` parameter (RFC 3261 §20.10); nil when absent or malformed.
    public var q: QValue? {
        get { parameters["q"].flatMap(QValue.init) }
        set { parameters["q"] = newValue?.description }
    }

    /// `+sip.instance` (RFC 5626 §4.1), unquoted.
    public var instance: String? {
        get { parameters["+sip.instance"] }
        set {
            if let newValue { parameters.set("+sip.instance", newValue, quoted: true) } else { parameters.remove("+sip.instance") }
        }
    }

    /// `reg-id` (RFC 5626 §4.2).
    public var regID: Int? {
        get { parameters["reg-id"].flatMap { Int($0) } }
        set { parameters["reg-id"] = newValue.map(String.init) }
    }

    // MARK: Parsing

    /// The bytes of `*(token LWS)`, the unquoted display-name (RFC 3261 §25.1).
    @inline(__always) static func isDisplayNameTokenChar(_ b: UInt8) -> Bool { CharacterClass.isDisplayNameChar(b) }

    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> NameAddr {
        if let common = try parseCommonForm(&s) { return common }
        return try parseGeneral(&s)
    }

    /// Reads any name-addr or addr-spec (`parse` tries the common form first).
    static func parseGeneral(_ s: inout ByteScanner) throws(SipParseError) -> NameAddr {
        s.skipWhitespace()
        if s.peek() == UInt8(ascii: "*") {
            // STAR stands alone (RFC 3261 §20.10); `*Bob <sip:…>` is a token display name.
            let save = s.position
            s.position += 1
            s.skipWhitespace()
            if s.isAtEnd || s.peek() == UInt8(ascii: ";") || s.peek() == UInt8(ascii: ",") {
                var w = NameAddr.wildcard
                w.parameters = try Parameters.parse(&s)
                return w
            }
            s.position = save
        }
        var display: String?
        // A display name with no quoted-pair is read in place (`NameAddrParts.receivedDisplayName`).
        var receivedDisplay: Range<Int>?
        var bracketed = false
        if s.peek() == UInt8(ascii: "\"") {
            // `""` is no display name: the writer leaves an empty one out, so read it back the same.
            if let inside = s.plainQuotedString() {
                if !inside.isEmpty { receivedDisplay = inside }
            } else {
                let quoted = try s.quotedString()
                display = quoted.isEmpty ? nil : quoted
            }
            s.skipWhitespace()
            guard s.peek() == UInt8(ascii: "<") else { throw s.error("expected '<' after the display name") }
        } else if s.peek() != UInt8(ascii: "<") {
            // Either token display-name words followed by '<', or a bare addr-spec.
            let save = s.position
            let r = s.scan(while: isDisplayNameTokenChar)
            if s.peek() == UInt8(ascii: "<") {
                // *(token LWS): the white space around the words is not part of the name.
                var from = r.lowerBound
                var to = r.upperBound
                while from < to, s.bytes[from] == 0x20 || s.bytes[from] == 0x09 { from += 1 }
                while to > from, s.bytes[to - 1] == 0x20 || s.bytes[to - 1] == 0x09 { to -= 1 }
                if from < to { receivedDisplay = from..<to }
            } else {
                s.position = save
            }
        }
        let uriRange: Range<Int>
        if s.consume(UInt8(ascii: "<")) {
            bracketed = true
            let start = s.position
            var end = start
            while end < s.end, s.bytes[end] != UInt8(ascii: ">") { end += 1 }
            guard end < s.end else { throw s.error("missing '>'") }
            uriRange = start..<end
            s.position = end + 1
        } else {
            // addr-spec: the URI runs until a ';', ',' or white space (RFC 3261 §20).
            var end = s.position
            while end < s.end {
                let b = s.bytes[end]
                if b == UInt8(ascii: ";") || b == UInt8(ascii: ",") || CharacterClass.isWhitespace(b) { break }
                end += 1
            }
            uriRange = s.position..<end
            s.position = end
        }
        var inner = ByteScanner(s.bytes, range: uriRange, header: s.header)
        if let secure = URI.consumeSipScheme(&inner) {
            // A SIP URI's parts go straight into the name-addr's own object.
            let receivedDisplayName = receivedDisplay.flatMap { ReceivedText(s.bytes, $0) }
            if receivedDisplayName == nil, let r = receivedDisplay { display = s.string(r) }
            let parts = try SipURI.parseAfterScheme(&inner, end: uriRange.upperBound) {
                NameAddrParts(displayName: display, receivedDisplayName: receivedDisplayName, isSecure: secure,
                              usesAngleBrackets: bracketed, user: $0, password: $1, host: $2, port: $3,
                              uriParameters: $4, uriHeaders: $5, received: $6)
            }
            try inner.expectEnd(kind: .badURI)
            parts.fieldParameters = try Parameters.parse(&s)
            return NameAddr(parts: parts)
        }
        if let r = receivedDisplay { display = s.string(r) }
        let uri = try URI.parse(&inner, end: uriRange.upperBound)
        try inner.expectEnd(kind: .badURI)
        let parameters = try Parameters.parse(&s)
        return NameAddr(uri: uri, displayName: display, parameters: parameters, usesAngleBrackets: bracketed)
    }

    // MARK: Writing

    public func write(to out: inout [UInt8]) {
        if isWildcard {
            out.append(UInt8(ascii: "*"))
            parameters.write(to: &out)
            return
        }
        if let displayName, !displayName.isEmpty {
            QuotedString.write(displayName, to: &out)
            out.append(0x20)
        }
        // A URI with parameters or headers must be bracketed, or its ';' would read as ours.
        let bracket = usesAngleBrackets || displayName != nil || uri.needsBrackets
        if bracket { out.append(UInt8(ascii: "<")) }
        uri.write(to: &out)
        if bracket { out.append(UInt8(ascii: ">")) }
        parameters.write(to: &out)
    }

    public var description: String { headerText }
}

extension URI {
    /// Whether the URI holds `;`, `,` or `?` and so must be written inside `<>` (RFC 3261 §20).
    var needsBrackets: Bool {
        switch self {
        case .sip(let u):
            // user-unreserved and password characters include ';', ',' and '?', written unescaped.
            let delimiters: (UInt8) -> Bool = { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "?") }
            return !u.parameters.isEmpty || !u.headers.isEmpty
                || (u.user?.utf8.contains(where: delimiters) ?? false)
                || (u.password?.utf8.contains(where: delimiters) ?? false)
        case .tel(let t): return !t.parameters.isEmpty
        case .absolute(let a): return a.text.contains(where: { $0 == ";" || $0 == "," || $0 == "?" })
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) ?? first
        return String(scalars[first...last])
    }
}
