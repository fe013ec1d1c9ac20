/// The Identity header (RFC 8224 §4.1): a signed identity digest (a PASSporT in compact
/// form, base64url parts joined by dots) and its parameters `info`, `alg` and `ppt`.
///
/// `Identity: eyJhbGc…Ifq0;info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken`
///
/// The RFC 4474 form, a quoted base64 signature whose certificate is named by
/// Identity-Info, is read too (`isQuoted`).
public struct Identity: SipHeaderValue, Hashable, CustomStringConvertible {
    /// The signed-identity-digest as written (without quotes in the RFC 4474 form).
    public var signedIdentityDigest: String
    /// The parameters in order. `info` keeps its angle brackets here; read it through `info`.
    public var parameters: Parameters
    /// Whether the digest is a quoted-string (RFC 4474 §9).
    public var isQuoted: Bool

    public init(signedIdentityDigest: String, info: String? = nil, alg: String? = nil, ppt: String? = nil) {
        self.signedIdentityDigest = signedIdentityDigest
        parameters = Parameters()
        isQuoted = false
        self.info = info
        self.alg = alg
        self.ppt = ppt
    }

    /// Parses a whole value.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Identity")
        self = try Identity.parse(&s)
        try s.expectEnd()
    }

    /// The URI of the `info` parameter without its angle brackets (RFC 8224 §4.1).
    public var info: String? {
        get {
            guard let v = parameters["info"] else { return nil }
            guard v.hasPrefix("<"), v.hasSuffix(">"), v.utf8.count >= 2 else { return v }
            return String(v.dropFirst().dropLast())
        }
        set { parameters["info"] = newValue.map { "<\($0)>" } }
    }

    /// The `alg` parameter (RFC 8224 §4.1), e.g. `ES256`.
    public var alg: String? {
        get { parameters["alg"] }
        set { parameters["alg"] = newValue }
    }

    /// The `ppt` parameter naming the PASSporT extension (RFC 8225 §8.1), e.g. `shaken`.
    public var ppt: String? {
        get { parameters["ppt"] }
        set { parameters["ppt"] = newValue }
    }

    /// base64-char = ALPHA / DIGIT / "/" / "+" / "-" / "_" / "="; plus "." between parts (RFC 8224 §4.1).
    static let digestChars: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+-_=.".utf8 { t[Int(c)] = true }
        return t
    }()

    /// Identity = signed-identity-digest SEMI ident-info *( SEMI ident-info-params )
    /// (RFC 8224 §4.1); or a quoted signature (RFC 4474 §9).
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> Identity {
        s.skipWhitespace()
        var id = Identity(signedIdentityDigest: "")
        if s.peek() == UInt8(ascii: "\"") {
            id.signedIdentityDigest = try s.quotedString()
            id.isQuoted = true
        } else {
            let r = s.scan(digestChars)
            guard !r.isEmpty else { throw s.error("expected a signed identity digest") }
            id.signedIdentityDigest = s.string(r)
        }
        id.parameters = try parseParameters(&s)
        // RFC 8224 §4.1: the info parameter is mandatory in the RFC 8224 form.
        if !id.isQuoted && id.info == nil { throw s.error("missing info parameter") }
        return id
    }

    /// `;name=value` parameters where a value may also be `<URI>` (ident-info-uri).
    static func parseParameters(_ s: inout ByteScanner) throws(SipParseError) -> Parameters {
        var params = Parameters()
        while true {
            s.skipWhitespace()
            guard s.consume(UInt8(ascii: ";")) else { return params }
            s.skipWhitespace()
            let name = try s.expectToken("a parameter name")
            s.skipWhitespace()
            guard s.consume(UInt8(ascii: "=")) else {
                params.append(Parameter(name: name))
                continue
            }
            s.skipWhitespace()
            switch s.peek() {
            case UInt8(ascii: "<"):
                let from = s.position
                _ = s.scan(until: UInt8(ascii: ">"))
                guard s.consume(UInt8(ascii: ">")) else { throw s.error("missing '>' in \(name)") }
                let text = s.string(from..<s.position)
                var inner = ByteScanner(String(text.dropFirst().dropLast()), header: s.header)
                do {
                    _ = try URI.parse(&inner, end: inner.end)
                    try inner.expectEnd()
                } catch {
                    throw s.error("\(name) is not an absolute URI")
                }
                params.append(Parameter(name: name, value: text))
            case UInt8(ascii: "\""):
                params.append(Parameter(name: name, value: try s.quotedString(), quoted: true))
            default:
                let r = s.scan(Parameters.valueChars)
                guard !r.isEmpty else { throw s.error("parameter \(name) has an empty value") }
                params.append(Parameter(name: name, value: s.string(r)))
            }
        }
    }

    public func write(to out: inout [UInt8]) {
        if isQuoted {
            QuotedString.write(signedIdentityDigest, to: &out)
        } else {
            out.append(contentsOf: signedIdentityDigest.utf8)
        }
        parameters.write(to: &out)
    }

    public var description: String { headerText }
}
