import SIPCore

/// The Digest credentials of one Authorization/Proxy-Authorization value, checked for
/// the parameters RFC 7616 §3.4 requires.
struct DigestCredentials: Sendable {
    var username: String
    var realm: String
    var nonce: String
    var uri: String
    var response: String
    var algorithm: DigestAlgorithm
    /// `auth` when the client used qop (then `nc` and `cnonce` are set); nil for RFC 2069 style.
    var qop: String?
    var nc: String?
    var ncValue: UInt32?
    var cnonce: String?

    /// What the credentials of a request amount to for one realm.
    enum Selection {
        /// No Digest credentials for this realm (or only with an algorithm we do not offer).
        case none
        /// Credentials for this realm lack a parameter or hold a bad one (RFC 7616 §3.4).
        case malformed(String)
        case found(DigestCredentials)
    }

    /// The credentials of `request` for `realm` in the `kind`'s header. Credentials for
    /// other realms are ignored (RFC 3261 §22.3: a proxy uses the ones for its realm).
    /// Every line is read (one that does not parse makes the request's credentials
    /// unparsable), straight from its text: the nine wanted parameters are kept, nothing
    /// else is built.
    static func select(from request: SipMessage, kind: AuthChallengeKind, realm: String) -> Selection {
        var selection = Selection.none
        var found = false
        do {
            try request.scanLines(of: kind.credentialsHeader.header) { s throws(SipParseError) in
                var fields = Fields()
                s.skipWhitespace()
                let (scheme, _) = try AuthHeader.scan(&s) { name, value, _ in fields.take(name, value) }
                s.skipWhitespace()
                try s.expectEnd()
                if !found, scheme.caseInsensitiveEquals("Digest"), fields.realm == realm {
                    found = true
                    selection = fields.credentials()
                }
            }
        } catch {
            return .malformed("unparsable credentials")
        }
        return selection
    }

    /// The digest parameters of one credentials value, taken as they are read (names are
    /// case-insensitive; the first of a repeated name counts, as for a lookup).
    private struct Fields {
        var username, realm, nonce, uri, response, algorithm, qop, nc, cnonce: String?

        mutating func take(_ name: String, _ value: String) {
            switch name.utf8.count {
            case 2:
                if nc == nil, name.caseInsensitiveEquals("nc") { nc = value }
            case 3:
                if uri == nil, name.caseInsensitiveEquals("uri") {
                    uri = value
                } else if qop == nil, name.caseInsensitiveEquals("qop") {
                    qop = value
                }
            case 5:
                if nonce == nil, name.caseInsensitiveEquals("nonce") {
                    nonce = value
                } else if realm == nil, name.caseInsensitiveEquals("realm") {
                    realm = value
                }
            case 6:
                if cnonce == nil, name.caseInsensitiveEquals("cnonce") { cnonce = value }
            case 8:
                if username == nil, name.caseInsensitiveEquals("username") {
                    username = value
                } else if response == nil, name.caseInsensitiveEquals("response") {
                    response = value
                }
            case 9:
                if algorithm == nil, name.caseInsensitiveEquals("algorithm") { algorithm = value }
            default:
                break
            }
        }

        /// The credentials, checked for the parameters RFC 7616 §3.4 requires.
        func credentials() -> Selection {
            guard let username, let realm, let nonce, let uri, let response
            else { return .malformed("missing digest parameter") }
            var chosen = DigestAlgorithm.md5  // RFC 7616 §3.3: absent means MD5
            if let algorithm {
                // An algorithm we did not offer (e.g. MD5-sess) cannot be checked: challenge again.
                guard let a = DigestAlgorithm(token: algorithm) else { return .none }
                chosen = a
            }
            var c = DigestCredentials(username: username, realm: realm, nonce: nonce, uri: uri, response: response,
                                      algorithm: chosen)
            if let qop {
                // We offer only qop=auth (RFC 7616 §3.3); auth-int would need the body hash.
                guard qop.caseInsensitiveEquals("auth") else { return .malformed("unsupported qop") }
                guard let nc, nc.utf8.count == 8, let value = UInt32(nc, radix: 16), let cnonce
                else { return .malformed("qop without a valid nc and cnonce") }
                c.qop = qop
                c.nc = nc
                c.ncValue = value
                c.cnonce = cnonce
            }
            return .found(c)
        }
    }

    /// The response the client should have sent for `method`, given the stored HA1.
    func expectedResponse(ha1: String, method: String) -> String {
        let ha2 = Digest.ha2(method: method, uri: uri, algorithm: algorithm)
        return Digest.response(ha1: ha1, nonce: nonce, nonceCount: nc, cnonce: cnonce, qop: qop, ha2: ha2,
                               algorithm: algorithm)
    }
}
