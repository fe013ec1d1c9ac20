import NIOCore
import ReproStore
import SIPCore

/// Challenges requests from users of our domains with 407 (RFC 3261 §22.3, RFC 7616;
/// repro's DigestAuthenticator). Not for ACK, BYE or CANCEL (they cannot be resubmitted
/// with credentials), not for trusted sources, and not when authentication is off.
///
/// The user lookup is asynchronous on a cache miss: the processor returns
/// `.waitingForEvent` and runs again when the record arrives.
public final class DigestAuthenticatorProcessor: Processor {
    public let name = "DigestAuthenticator"
    let authenticator: DigestAuthenticator
    let users: UserDirectory
    let domains: LocalDomains
    let clock: EngineClock
    let enabled: Bool

    /// The slot holding the looked-up user while the chain waits.
    static let userSlot = "auth.user"

    public init(authenticator: DigestAuthenticator, users: UserDirectory, domains: LocalDomains,
                clock: EngineClock = .system, enabled: Bool = true) {
        self.authenticator = authenticator
        self.users = users
        self.domains = domains
        self.clock = clock
        self.enabled = enabled
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        let request = context.request
        guard enabled else { return .continue }
        if [SipMethod.ack, .bye, .cancel].contains(request.method) {
            context.note("\(request.method.name) is never challenged")
            return .continue
        }
        if context.isTrusted {
            context.note("trusted source: no challenge")
            return .continue
        }
        guard let fromHost = request[.from]?.uri.host, let domain = domains.domain(fromHost) else {
            context.note("From is not one of our domains: not ours to authenticate")
            return .continue
        }
        let now = clock.now()
        var decision = authenticator.verify(request, kind: .proxy, domain: domain, source: context.source, now: now)
        if case .needsUser(let query) = decision {
            guard let user = context.user(query, from: users, slot: Self.userSlot) else {
                context.note("looking up \(query.user)@\(query.domain)")
                return .waitingForEvent
            }
            decision = authenticator.verify(request, kind: .proxy, domain: domain, source: context.source, now: now,
                                            user: user, query: query)
        }
        switch decision {
        case .authenticated(let user):
            context.authenticatedUser = "\(user.record.user)@\(user.record.domain)"
            // RFC 3261 §22.3: the credentials were for us; they need not travel further.
            request.remove(.proxyAuthorizations)
            context.note("authenticated \(user.record.user)@\(user.record.domain) (\(user.algorithm.rawValue))")
            return .continue
        case .challenge(let response):
            context.response = response
            context.note("challenged with 407 for realm \(domain.realm)")
            return .skipAllChains
        case .reject(let response):
            context.response = response
            context.note("credentials refused: \(response.statusCode) \(response.reasonPhrase)")
            return .skipAllChains
        case .needsUser:
            // The second verification has the user record and never asks for it again.
            return .continue
        }
    }
}
