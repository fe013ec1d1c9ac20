import SIPCore

/// One user account of a domain the proxy serves.
///
/// The password itself is never kept: only the digest HA1 values for the user's
/// realm (RFC 3261 §22.4 for MD5, RFC 8760 for SHA-256), which are enough to
/// check a client's digest response and useless for logging in elsewhere.
public struct UserRecord: Sendable, Hashable, Codable {
    /// The user part of the address of record (`alice` in `sip:alice@example.com`).
    public var user: String
    /// The domain of the address of record; stored lower-cased.
    public var domain: String
    /// The digest realm the HA1 values were computed for.
    public var realm: String
    /// HA1 = MD5(user:realm:password), lower-case hex.
    public var ha1: String
    /// HA1 = SHA-256(user:realm:password), lower-case hex; empty when unknown
    /// (e.g. imported from a system that kept only MD5).
    public var ha1Sha256: String
    /// A display name for the console and for `From` headers.
    public var displayName: String
    /// A contact e-mail address.
    public var email: String
    /// A URI that requests for this user are forwarded to; empty for none.
    public var forwardAddress: String
    /// Whether the account may register and authenticate.
    public var enabled: Bool

    /// Creates a user record from already-computed HA1 values.
    public init(user: String, domain: String, realm: String, ha1: String, ha1Sha256: String,
                displayName: String = "", email: String = "", forwardAddress: String = "",
                enabled: Bool = true) {
        self.user = user
        self.domain = domain.lowercased()
        self.realm = realm
        self.ha1 = ha1
        self.ha1Sha256 = ha1Sha256
        self.displayName = displayName
        self.email = email
        self.forwardAddress = forwardAddress
        self.enabled = enabled
    }

    /// Creates a user record, hashing `password` for `realm`; the password is not kept.
    public init(user: String, domain: String, realm: String, password: String,
                displayName: String = "", email: String = "", forwardAddress: String = "",
                enabled: Bool = true) {
        self.init(user: user, domain: domain, realm: realm,
                  ha1: Digest.ha1(username: user, realm: realm, password: password, algorithm: .md5),
                  ha1Sha256: Digest.ha1(username: user, realm: realm, password: password, algorithm: .sha256),
                  displayName: displayName, email: email, forwardAddress: forwardAddress, enabled: enabled)
    }

    /// The address of record, `user@domain`.
    public var aor: String { "\(user)@\(domain)" }

    /// The stored HA1 for `algorithm`, or `nil` when the store has none for it.
    public func ha1(for algorithm: DigestAlgorithm) -> String? {
        switch algorithm {
        case .md5: return ha1.isEmpty ? nil : ha1
        case .sha256: return ha1Sha256.isEmpty ? nil : ha1Sha256
        }
    }

    /// Replaces both HA1 values with those of `password` (for the current realm).
    public mutating func setPassword(_ password: String) {
        ha1 = Digest.ha1(username: user, realm: realm, password: password, algorithm: .md5)
        ha1Sha256 = Digest.ha1(username: user, realm: realm, password: password, algorithm: .sha256)
    }
}
