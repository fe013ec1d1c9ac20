/// The Identity-Info header (RFC 4474 §9): the URI of the certificate that signed an
/// RFC 4474 Identity, and the algorithm: `<https://atlanta.example.com/atlanta.cer>;alg=rsa-sha1`.
public struct IdentityInfo: SipHeaderValue, Hashable, CustomStringConvertible {
    /// The absoluteURI inside the angle brackets.
    public var uri: URI
    /// The parameters: `alg` and any extensions.
    public var parameters: Parameters

    public init(uri: URI, alg: String? = nil) {
        self.uri = uri
        parameters = Parameters()
        if let alg { parameters["alg"] = alg }
    }

    /// Parses a whole value.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Identity-Info")
        self = try IdentityInfo.parse(&s)
        try s.expectEnd()
    }

    /// The `alg` parameter (RFC 4474 §9), e.g. `rsa-sha1`.
    public var alg: String? {
        get { parameters["alg"] }
        set { parameters["alg"] = newValue }
    }

    /// Identity-Info = LAQUOT absoluteURI RAQUOT *( SEMI ident-info-params ) (RFC 4474 §9).
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> IdentityInfo {
        s.skipWhitespace()
        guard s.consume(UInt8(ascii: "<")) else { throw s.error("expected '<'") }
        let r = s.scan(until: UInt8(ascii: ">"))
        guard s.consume(UInt8(ascii: ">")) else { throw s.error("missing '>'") }
        var inner = ByteScanner(s.bytes, range: r, header: s.header)
        let uri = try URI.parse(&inner, end: r.upperBound)
        try inner.expectEnd()
        var info = IdentityInfo(uri: uri)
        info.parameters = try Parameters.parse(&s)
        return info
    }

    public func write(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        uri.write(to: &out)
        out.append(UInt8(ascii: ">"))
        parameters.write(to: &out)
    }

    public var description: String { headerText }
}
