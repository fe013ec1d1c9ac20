/// The digest computations of RFC 2617 §3.2.2 / RFC 7616 §3.4, as SIP uses them (RFC 3261 §22.4).
public enum Digest {
    /// HA1 = H(username ":" realm ":" password) — what the store keeps instead of a password.
    public static func ha1(username: String, realm: String, password: String,
                           algorithm: DigestAlgorithm = .md5) -> String {
        algorithm.hexHash(colonJoined: username, realm, password)
    }

    /// HA2 = H(method ":" digest-uri) for `qop=auth` or no qop.
    public static func ha2(method: String, uri: String, algorithm: DigestAlgorithm = .md5) -> String {
        algorithm.hexHash(colonJoined: method, uri)
    }

    /// The request-digest (the `response` parameter).
    ///
    /// With `qop` set (RFC 7616 §3.4.1): H(HA1:nonce:nc:cnonce:qop:HA2);
    /// without it (RFC 2069 compatibility, RFC 3261 §22.4): H(HA1:nonce:HA2).
    public static func response(ha1: String, nonce: String, nonceCount: String?, cnonce: String?,
                                qop: String?, ha2: String, algorithm: DigestAlgorithm = .md5) -> String {
        if let qop, let nonceCount, let cnonce {
            return algorithm.hexHash(colonJoined: ha1, nonce, nonceCount, cnonce, qop, ha2)
        }
        return algorithm.hexHash(colonJoined: ha1, nonce, ha2)
    }
}
