import SIPCore

/// Which of the two digest exchanges of RFC 3261 §22 a request goes through.
public enum AuthChallengeKind: Sendable, Hashable {
    /// A user agent server or registrar: 401 with WWW-Authenticate, answered with
    /// Authorization (RFC 3261 §22.2). REGISTER uses this.
    case www
    /// A proxy: 407 with Proxy-Authenticate, answered with Proxy-Authorization (RFC 3261 §22.3).
    case proxy

    /// 401 or 407.
    public var statusCode: Int { self == .www ? 401 : 407 }

    /// The header that carries the challenge.
    public var challengeHeader: ListHeaderKey<AuthHeader> {
        self == .www ? .wwwAuthenticates : .proxyAuthenticates
    }

    /// The header that carries the credentials.
    public var credentialsHeader: ListHeaderKey<AuthHeader> {
        self == .www ? .authorizations : .proxyAuthorizations
    }
}
