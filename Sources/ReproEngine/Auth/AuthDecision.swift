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
///
/// From `verify`, it also carries what that first step checked (the credentials and their
/// nonce), so that `verify(…, user:, query:)` need not parse and check them again. That
/// memo is not part of the query's identity: two queries for the same user and domain are
/// equal.
public struct UserQuery: Sendable, Hashable {
    /// The digest `username`.
    public var user: String
    /// The domain the request was challenged for.
    public var domain: String
    /// The first step's checked credentials, for the request they were read from.
    var checked: CheckedCredentials?

    public init(user: String, domain: String) {
        self.user = user
        self.domain = domain
    }

    public static func == (a: UserQuery, b: UserQuery) -> Bool { a.user == b.user && a.domain == b.domain }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(user)
        hasher.combine(domain)
    }
}

/// Credentials whose nonce `verify` found genuine and fresh, and the request they came in.
struct CheckedCredentials: Sendable {
    let credentials: DigestCredentials
    let nonce: NonceID
    let request: ObjectIdentifier
    let kind: AuthChallengeKind
    let realm: String
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
