import ReproStore
import SIPCore

/// The outcome of `DigestAuthenticator.verify`: what the caller does next.
public enum AuthDecision: Sendable {
    /// The credentials are right: the request comes from this user.
    case authenticated(AuthenticatedUser)
    /// Send this 401/407 (a first challenge, a stale nonce, a replayed nonce count).
    case challenge(SipMessage)
    /// Send this final response: 403 for failed or refused credentials, 400 for malformed ones.
    case reject(SipMessage)
    /// The credentials look well formed; look the user up (off the event loop when the
    /// cache misses) and call `verify(…, user:)` with the result.
    case needsUser(UserQuery)
}

/// A user the authenticator needs from the store.
public struct UserQuery: Sendable, Hashable {
    /// The digest `username`.
    public var user: String
    /// The domain the request was challenged for.
    public var domain: String

    public init(user: String, domain: String) {
        self.user = user
        self.domain = domain
    }
}

/// A user whose digest response checked out.
public struct AuthenticatedUser: Sendable, Hashable {
    public var record: UserRecord
    /// The algorithm the client used.
    public var algorithm: DigestAlgorithm

    public init(record: UserRecord, algorithm: DigestAlgorithm) {
        self.record = record
        self.algorithm = algorithm
    }
}
