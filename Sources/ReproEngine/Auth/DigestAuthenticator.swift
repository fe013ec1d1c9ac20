import NIOCore
import ReproStore
import SIPCore
import SIPStack

/// Digest authentication of requests (RFC 3261 §22, RFC 7616, RFC 8760), shared by the
/// registrar (401/WWW-Authenticate) and the proxy (407/Proxy-Authenticate).
///
/// Never blocks: it does no store I/O itself. `verify` without a user answers everything
/// it can decide alone (no credentials, stale or forged nonce, lockout) and otherwise asks
/// for the user with `.needsUser`; the caller fetches it (from `UserDirectory`, off the
/// event loop on a cache miss) and calls `verify(…, user:)`.
///
/// Failure policy, as repro's DigestAuthenticator does it: wrong password, unknown user
/// and a user without an HA1 for the chosen algorithm all get the same
/// `403 Authentication Failed`, so a client cannot tell which users exist; a disabled
/// account with the right password gets `403 Account Disabled`.
public final class DigestAuthenticator: Sendable {
    public let configuration: DigestAuthenticatorConfiguration
    private let nonces: NonceFactory
    private let nonceCounts: NonceCountTable
    private let failures: FailureTracker
    private let eventSink: (@Sendable (AuthEvent) -> Void)?

    /// - Parameters:
    ///   - secret: the nonce key; by default 32 random bytes, new in every process.
    ///   - eventSink: receives failures and lockouts; called on the verifying thread, must not block.
    public init(configuration: DigestAuthenticatorConfiguration = DigestAuthenticatorConfiguration(),
                secret: [UInt8]? = nil, eventSink: (@Sendable (AuthEvent) -> Void)? = nil) {
        self.configuration = configuration
        self.nonces = NonceFactory(secret: secret)
        self.nonceCounts = NonceCountTable(capacity: configuration.nonceCountCapacity)
        self.failures = FailureTracker(threshold: configuration.lockoutThreshold,
                                       windowSeconds: configuration.failureWindow,
                                       lockoutSeconds: configuration.lockoutDuration,
                                       capacity: configuration.failureTrackerCapacity)
        self.eventSink = eventSink
    }

    private var lifetimeNanos: UInt64 { UInt64(max(1, configuration.nonceLifetime)) * 1_000_000_000 }

    /// First step: decides what needs no user record, else returns `.needsUser`.
    /// Never returns `.authenticated`.
    public func verify(_ request: SipMessage, kind: AuthChallengeKind, domain: DomainRecord, source: SipSource,
                       now: NIODeadline) -> AuthDecision {
        switch precheck(request, kind: kind, domain: domain, address: Self.address(of: source), now: now) {
        case .decided(let decision): return decision
        case .credentials(let c, let nonce):
            var query = UserQuery(user: c.username, domain: domain.name)
            query.checked = CheckedCredentials(credentials: c, nonce: nonce, request: ObjectIdentifier(request),
                                               kind: kind, realm: domain.realm)
            return .needsUser(query)
        }
    }

    /// Second step: checks the credentials against `user` (nil when the store has no such user).
    /// `query`, the one the first step returned for this request, spares reading and checking
    /// the credentials and their nonce again; without it they are checked anew.
    public func verify(_ request: SipMessage, kind: AuthChallengeKind, domain: DomainRecord, source: SipSource,
                       now: NIODeadline, user: UserRecord?, query: UserQuery? = nil) -> AuthDecision {
        let address = Self.address(of: source)
        let c: DigestCredentials
        let nonce: NonceID
        if let checked = query?.checked, checked.request == ObjectIdentifier(request), checked.kind == kind,
           checked.realm == domain.realm {
            // A lockout may have started since the first step.
            if let refusal = lockoutRefusal(request, address: address, now: now) { return refusal }
            (c, nonce) = (checked.credentials, checked.nonce)
        } else {
            switch precheck(request, kind: kind, domain: domain, address: address, now: now) {
            case .decided(let decision): return decision
            case .credentials(let found, let id): (c, nonce) = (found, id)
            }
        }
        guard let user, user.user == c.username, user.realm == domain.realm else {
            return fail(request, source: address, user: Self.userKey(c.username, domain),
                        reason: "unknown user", now: now)
        }
        guard let ha1 = user.ha1(for: c.algorithm) else {
            if c.algorithm == .sha256, user.ha1(for: .md5) != nil {
                // The account predates SHA-256 (imported MD5 HA1 only): let the client retry with MD5.
                return .challenge(challenge(request, kind: kind, realm: domain.realm, now: now, stale: false,
                                            algorithms: [.md5]))
            }
            return fail(request, source: address, user: Self.userKey(c.username, domain),
                        reason: "no HA1 for \(c.algorithm.rawValue)", now: now)
        }
        if configuration.requireURIMatch {
            // RFC 3261 §22.4 / RFC 7616 §3.4.6: the digest-uri must name the Request-URI.
            guard let digestURI = try? URI(c.uri), digestURI == request.requestURI else {
                return .reject(Helper.makeResponse(to: request, code: 400, reason: "Digest URI Mismatch"))
            }
        }
        guard ConstantTime.equalHex(c.expectedResponse(ha1: ha1, method: request.method.name), c.response) else {
            return fail(request, source: address, user: Self.userKey(c.username, domain),
                        reason: "wrong password", now: now)
        }
        if let nc = c.ncValue {
            let t = now.uptimeNanoseconds
            switch nonceCounts.check(nonce: nonce, nc: nc, expires: nonce.issued + lifetimeNanos, now: t) {
            case .accepted:
                break
            case .forgotten:
                return .challenge(challenge(request, kind: kind, realm: domain.realm, now: now, stale: true))
            case .replayed:
                // RFC 7616 §3.4.6: a repeated nonce count is a replay; count it and start over.
                _ = fail(request, source: address, user: Self.userKey(c.username, domain),
                         reason: "replayed nonce count", now: now)
                return .challenge(challenge(request, kind: kind, realm: domain.realm, now: now, stale: false))
            }
        }
        guard user.enabled else {
            return .reject(Helper.makeResponse(to: request, code: 403, reason: "Account Disabled"))
        }
        failures.recordSuccess(user: Self.userKey(c.username, domain))
        return .authenticated(AuthenticatedUser(record: user, algorithm: c.algorithm))
    }

    /// A fresh challenge for `request`, as `.challenge` carries it: one WWW-/Proxy-Authenticate
    /// per configured algorithm, SHA-256 first (RFC 8760 §2.4), `qop="auth"`.
    public func challenge(_ request: SipMessage, kind: AuthChallengeKind, realm: String, now: NIODeadline,
                          stale: Bool = false, algorithms: [DigestAlgorithm]? = nil) -> SipMessage {
        let response = Helper.makeResponse(to: request, code: kind.statusCode)
        let nonce = nonces.make(realm: realm, now: now.uptimeNanoseconds)
        // Written straight into header lines (parsed again only if someone reads them).
        for algorithm in algorithms ?? configuration.algorithms {
            var line: [UInt8] = []
            line.reserveCapacity(128 + realm.utf8.count)
            AuthHeader.writeDigestChallenge(realm: realm, nonce: nonce, algorithm: algorithm, qop: ["auth"],
                                            stale: stale, to: &line)
            do {
                try response.addHeader(kind.challengeHeader.header, value: line)
            } catch {
                // Only a line break could be refused, and quoted strings are written without them.
                response.pushBack(kind.challengeHeader, AuthHeader.digestChallenge(
                    realm: realm, nonce: nonce, algorithm: algorithm, qop: ["auth"], stale: stale))
            }
        }
        return response
    }

    // MARK: Steps shared by both calls

    private enum Precheck {
        case decided(AuthDecision)
        case credentials(DigestCredentials, nonce: NonceID)
    }

    private func precheck(_ request: SipMessage, kind: AuthChallengeKind, domain: DomainRecord, address: String,
                          now: NIODeadline) -> Precheck {
        let t = now.uptimeNanoseconds
        if let refusal = lockoutRefusal(request, address: address, now: now) { return .decided(refusal) }
        switch DigestCredentials.select(from: request, kind: kind, realm: domain.realm) {
        case .none:
            return .decided(.challenge(challenge(request, kind: kind, realm: domain.realm, now: now)))
        case .malformed(let why):
            return .decided(.reject(Helper.makeResponse(to: request, code: 400, reason: "Bad Credentials: \(why)")))
        case .found(let c):
            switch nonces.check(c.nonce, realm: domain.realm, now: t, lifetimeNanos: lifetimeNanos) {
            case .invalid:
                // Not our nonce (or from before a restart): a plain new challenge.
                return .decided(.challenge(challenge(request, kind: kind, realm: domain.realm, now: now)))
            case .expired:
                // RFC 7616 §3.3: stale=true lets the client retry with the same password unprompted.
                return .decided(.challenge(challenge(request, kind: kind, realm: domain.realm, now: now, stale: true)))
            case .valid(let id):
                return .credentials(c, nonce: id)
            }
        }
    }

    /// The key failures are counted by for a user: made only when one is counted (or there
    /// are counts to clear), not for every registration.
    private static func userKey(_ user: String, _ domain: DomainRecord) -> String {
        "\(user)@\(domain.name)"
    }

    /// The address failures and lockouts are counted by.
    private static func address(of source: SipSource) -> String {
        source.remote.addressText ?? source.description
    }

    /// The 403 for a source address locked out after too many failures, or nil.
    private func lockoutRefusal(_ request: SipMessage, address: String, now: NIODeadline) -> AuthDecision? {
        guard failures.lockedUntil(source: address, now: now.uptimeNanoseconds) != nil else { return nil }
        return .reject(Helper.makeResponse(to: request, code: 403, reason: "Too Many Failed Attempts"))
    }

    /// Counts a failure, reports it (and a lockout it starts) and builds the 403.
    private func fail(_ request: SipMessage, source: String, user: String, reason: String,
                      now: NIODeadline) -> AuthDecision {
        eventSink?(.failed(source: source, user: user, reason: reason))
        if let until = failures.recordFailure(source: source, user: user, now: now.uptimeNanoseconds) {
            eventSink?(.lockout(source: source, user: user, until: NIODeadline.uptimeNanoseconds(until)))
        }
        return .reject(Helper.makeResponse(to: request, code: 403, reason: "Authentication Failed"))
    }
}
