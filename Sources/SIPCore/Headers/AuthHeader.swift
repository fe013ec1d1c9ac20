/// A credential or a challenge: the value of Authorization, Proxy-Authorization,
/// WWW-Authenticate and Proxy-Authenticate (RFC 3261 §20.7, §20.27, §20.28, §20.44, §22;
/// RFC 7616 for Digest).
///
/// One type serves both directions, as the grammar is the same: a scheme followed by
/// comma-separated `name=value` auth-params, kept in order with their quoting.
/// A scheme followed by a single token68 (RFC 7235 §2.1, e.g. `Bearer <token>`) is kept
/// in `token68`.
public struct AuthHeader: SipHeaderValue, Hashable, CustomStringConvertible {
    /// The scheme as written: `Digest`, `Bearer`, … (compared case-insensitively).
    public var scheme: String
    /// The auth-params in order; `quoted` says whether a value is written as a quoted-string.
    public var parameters: Parameters
    /// A token68 credential that follows the scheme instead of auth-params (RFC 7235 §2.1).
    public var token68: String?

    public init(scheme: String, parameters: Parameters = Parameters(), token68: String? = nil) {
        self.scheme = scheme
        self.parameters = parameters
        self.token68 = token68
    }

    /// Parses a whole value such as `Digest realm="atlanta.com", nonce="84a4cc6f"`.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Authorization")
        self = try AuthHeader.parse(&s)
        try s.expectEnd()
    }

    /// A Digest challenge for WWW-Authenticate or Proxy-Authenticate (RFC 7616 §3.3).
    /// realm, nonce, opaque and the qop list are quoted; algorithm and stale are tokens.
    public static func digestChallenge(realm: String, nonce: String, algorithm: DigestAlgorithm? = .md5,
                                       qop: [String] = ["auth"], opaque: String? = nil,
                                       stale: Bool = false) -> AuthHeader {
        var c = AuthHeader(scheme: "Digest")
        c.realm = realm
        c.nonce = nonce
        c.algorithm = algorithm
        if !qop.isEmpty { c.qopOptions = qop }
        c.opaque = opaque
        c.stale = stale
        return c
    }

    /// Writes the text of `digestChallenge(realm:nonce:algorithm:qop:opaque:stale:)` without
    /// making the value: a registrar challenges every first REGISTER, and a value made only
    /// to be written costs an allocation or two per parameter.
    public static func writeDigestChallenge(realm: String, nonce: String, algorithm: DigestAlgorithm? = .md5,
                                            qop: [String] = ["auth"], opaque: String? = nil, stale: Bool = false,
                                            to out: inout [UInt8]) {
        out.append(contentsOf: "Digest realm=".utf8)
        QuotedString.write(realm, to: &out)
        out.append(contentsOf: ", nonce=".utf8)
        QuotedString.write(nonce, to: &out)
        if let algorithm {
            out.append(contentsOf: ", algorithm=".utf8)
            writeValue(algorithm.rawValue, quoted: false, to: &out)
        }
        if !qop.isEmpty {
            out.append(contentsOf: ", qop=".utf8)
            QuotedString.write(qop.count == 1 ? qop[0] : qop.joined(separator: ","), to: &out)
        }
        if let opaque {
            out.append(contentsOf: ", opaque=".utf8)
            QuotedString.write(opaque, to: &out)
        }
        if stale { out.append(contentsOf: ", stale=true".utf8) }
    }

    /// Digest credentials for Authorization or Proxy-Authorization (RFC 7616 §3.4).
    /// qop and nc are tokens (RFC 7616 §3.4); the others but algorithm are quoted.
    public static func digestCredentials(username: String, realm: String, nonce: String, uri: String,
                                         response: String, algorithm: DigestAlgorithm? = nil,
                                         cnonce: String? = nil, opaque: String? = nil,
                                         qop: String? = nil, nc: String? = nil) -> AuthHeader {
        var c = AuthHeader(scheme: "Digest")
        c.username = username
        c.realm = realm
        c.nonce = nonce
        c.uri = uri
        c.response = response
        c.algorithm = algorithm
        c.cnonce = cnonce
        c.opaque = opaque
        c.qop = qop
        c.nc = nc
        return c
    }

    /// Whether the scheme is Digest (RFC 3261 §22.4).
    public var isDigest: Bool { scheme.caseInsensitiveEquals("Digest") }

    // MARK: Digest parameters (RFC 7616 §3.3, §3.4)

    public var username: String? {
        get { parameters["username"] }
        set { setParam("username", newValue, quoted: true) }
    }

    public var realm: String? {
        get { parameters["realm"] }
        set { setParam("realm", newValue, quoted: true) }
    }

    public var nonce: String? {
        get { parameters["nonce"] }
        set { setParam("nonce", newValue, quoted: true) }
    }

    /// The digest-uri (RFC 3261 §22.4 requires it to equal the Request-URI).
    public var uri: String? {
        get { parameters["uri"] }
        set { setParam("uri", newValue, quoted: true) }
    }

    /// The request-digest, hexadecimal.
    public var response: String? {
        get { parameters["response"] }
        set { setParam("response", newValue, quoted: true) }
    }

    public var cnonce: String? {
        get { parameters["cnonce"] }
        set { setParam("cnonce", newValue, quoted: true) }
    }

    public var opaque: String? {
        get { parameters["opaque"] }
        set { setParam("opaque", newValue, quoted: true) }
    }

    /// The `algorithm` parameter as written (e.g. `MD5`, `SHA-256`, `MD5-sess`).
    public var algorithmName: String? {
        get { parameters["algorithm"] }
        set { setParam("algorithm", newValue, quoted: false) }
    }

    /// The algorithm when it is one SIPCore implements; nil when absent or unknown
    /// (RFC 7616 §3.3: absent means MD5, which the caller decides).
    public var algorithm: DigestAlgorithm? {
        get { algorithmName.flatMap { DigestAlgorithm(token: $0) } }
        set { algorithmName = newValue?.rawValue }
    }

    /// The chosen qop of credentials (`auth`, `auth-int`), written as a token (RFC 7616 §3.4).
    public var qop: String? {
        get { parameters["qop"] }
        set { setParam("qop", newValue, quoted: false) }
    }

    /// The nonce count, eight hex digits as written (RFC 7616 §3.4), written as a token.
    public var nc: String? {
        get { parameters["nc"] }
        set { setParam("nc", newValue, quoted: false) }
    }

    /// The qop options a challenge offers, from its quoted comma-separated list (RFC 7616 §3.3).
    /// Setting an empty list removes the parameter.
    public var qopOptions: [String] {
        get {
            guard let v = parameters["qop"] else { return [] }
            return v.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        set { setParam("qop", newValue.isEmpty ? nil : newValue.joined(separator: ","), quoted: true) }
    }

    /// The `stale` flag of a challenge (RFC 7616 §3.3): true only for `stale=true` in any case.
    /// Setting false removes it.
    public var stale: Bool {
        get { parameters["stale"].map { $0.caseInsensitiveEquals("true") } ?? false }
        set { setParam("stale", newValue ? "true" : nil, quoted: false) }
    }

    private mutating func setParam(_ name: String, _ value: String?, quoted: Bool) {
        if let value { parameters.set(name, value, quoted: quoted) } else { parameters.remove(name) }
    }

    // MARK: Parsing

    /// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 7235 §2.1).
    static let token68Chars: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/".utf8 { t[Int(c)] = true }
        return t
    }()

    /// Characters accepted in an unquoted value: token, plus what some peers leave unquoted
    /// in URIs (`:` `/` `@`); a `,` still ends the value.
    static let unquotedValueChars: [Bool] = {
        var t = CharacterClass.token
        for c in ":/@[]?=".utf8 { t[Int(c)] = true }
        return t
    }()

    /// challenge / credentials = auth-scheme LWS auth-param *(COMMA auth-param)
    /// (RFC 3261 §25.1). Stops before a comma that starts another challenge.
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> AuthHeader {
        var parameters = Parameters()
        let (scheme, token68) = try scan(&s) { name, value, quoted in
            // Digest credentials carry nine or ten parameters: room for them at once.
            if parameters.isEmpty { parameters.reserveCapacity(10) }
            parameters.append(Parameter(name: name, value: value, quoted: quoted))
        }
        return AuthHeader(scheme: scheme, parameters: parameters, token68: token68)
    }

    /// The grammar of `parse`, handing each auth-param to `param` (its name, its value
    /// unquoted, whether it was quoted) instead of keeping it: for a reader that wants a few
    /// parameters of one value. Returns the scheme, and the token68 that stands instead of
    /// auth-params when there is one.
    public static func scan(_ s: inout ByteScanner,
                            param: (String, String, Bool) throws(SipParseError) -> Void)
        throws(SipParseError) -> (scheme: String, token68: String?)
    {
        s.skipWhitespace()
        let scheme = try s.expectToken("an auth scheme")
        guard let first = s.peek(), CharacterClass.isWhitespace(first) else {
            if s.isAtEnd { return (scheme, nil) }  // a bare scheme (RFC 7235 §2.1 allows it)
            throw s.error("expected white space after the auth scheme")
        }
        s.skipWhitespace()
        if s.isAtEnd { return (scheme, nil) }
        if let t = token68(&s) {
            // RFC 3261 §25.1: Digest takes auth-params only.
            guard !scheme.caseInsensitiveEquals("Digest") else {
                throw s.error("Digest expects auth-params, not a single token")
            }
            return (scheme, t)
        }
        while true {
            let (name, value, quoted) = try parseParam(&s)
            try param(name, value, quoted)
            s.skipWhitespace()
            let beforeComma = s.position
            guard s.consume(UInt8(ascii: ",")) else { return (scheme, nil) }
            s.skipWhitespace()
            while s.consume(UInt8(ascii: ",")) { s.skipWhitespace() }
            if s.isAtEnd { return (scheme, nil) }  // a trailing comma
            if !startsParam(s) {
                s.position = beforeComma  // another challenge follows (RFC 7235 §4.1)
                return (scheme, nil)
            }
        }
    }

    /// A token68 filling the rest of the credential, or nil (restoring the position) when the
    /// text is auth-params instead.
    private static func token68(_ s: inout ByteScanner) -> String? {
        let save = s.position
        let r = s.scan(token68Chars)
        var e = s.position
        while s.consume(UInt8(ascii: "=")) { e = s.position }
        s.skipWhitespace()
        if !r.isEmpty, s.isAtEnd || s.peek() == UInt8(ascii: ",") {
            return s.string(r.lowerBound..<e)
        }
        s.position = save
        return nil
    }

    /// Whether `name =` follows.
    private static func startsParam(_ s: ByteScanner) -> Bool {
        var t = s
        guard t.token() != nil else { return false }
        t.skipWhitespace()
        return t.peek() == UInt8(ascii: "=")
    }

    /// auth-param = auth-param-name EQUAL ( token / quoted-string ): its name, its value and
    /// whether the value was quoted.
    private static func parseParam(_ s: inout ByteScanner) throws(SipParseError) -> (String, String, Bool) {
        let name = try s.expectToken("an auth-param name")
        try s.expect(UInt8(ascii: "="), "'=' after \(name)")
        if s.peek() == UInt8(ascii: "\"") {
            return (name, try s.quotedString(), true)
        }
        let r = s.scan(unquotedValueChars)
        guard !r.isEmpty else { throw s.error("auth-param \(name) has an empty value") }
        return (name, s.string(r), false)
    }

    // MARK: Writing

    public func write(to out: inout [UInt8]) {
        out.append(contentsOf: scheme.utf8)
        if let token68 {
            out.append(0x20)
            out.append(contentsOf: token68.utf8)
            return
        }
        for (i, p) in parameters.enumerated() {
            out.append(contentsOf: i == 0 ? " ".utf8 : ", ".utf8)
            out.append(contentsOf: p.name.utf8)
            out.append(UInt8(ascii: "="))
            Self.writeValue(p.value ?? "", quoted: p.quoted, to: &out)
        }
    }

    /// An auth-param value: quoted when asked to, and whenever it is not a token.
    private static func writeValue(_ v: String, quoted: Bool, to out: inout [UInt8]) {
        if quoted || v.isEmpty || !v.utf8.allSatisfy(CharacterClass.isToken) {
            QuotedString.write(v, to: &out)
        } else {
            out.append(contentsOf: v.utf8)
        }
    }

    public var description: String { headerText }
}
