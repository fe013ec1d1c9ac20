import NIOCore
import ReproStore
import SIPCore
import SIPStack

/// Makes the registered contacts of the Request-URI's address-of-record the targets,
/// ordered by q (repro's LocationServer). A user with no binding gets 480, or their
/// forward address when they have one; an unknown user gets 404 (RFC 3261 §16.5).
public final class LocationServer: Processor {
    public let name = "LocationServer"
    let location: LocationService
    let users: UserDirectory
    let clock: EngineClock
    static let userSlot = "location.user"

    public init(location: LocationService, users: UserDirectory, clock: EngineClock = .system) {
        self.location = location
        self.users = users
        self.clock = clock
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        guard let uri = context.request.requestURI, let sip = uri.sipURI else { return .continue }
        let bindings = location.lookup(uri: uri, now: clock.now())
        if !bindings.isEmpty {
            for b in bindings {
                context.addTarget(Target(uri: b.contact.uri, q: b.q, path: b.path, flow: flow(for: b),
                                         origin: b.isStatic ? "static registration" : "location"))
            }
            context.note("\(bindings.count) binding(s) for \(sip.addressOfRecord)")
            return .skipThisChain
        }
        // No binding: whether the user exists decides between 480 and 404.
        let query = UserQuery(user: sip.user ?? "", domain: sip.host.lowercased())
        guard let known = context.user(query, from: users, slot: Self.userSlot) else {
            context.note("no binding; looking up \(query.user)@\(query.domain)")
            return .waitingForEvent
        }
        guard let user = known else {
            context.respond(404, reason: "Not Found")
            context.note("no such user \(query.user)@\(query.domain)")
            return .skipAllChains
        }
        if !user.forwardAddress.isEmpty, let forward = try? URI(user.forwardAddress) {
            context.addTarget(Target(uri: forward, origin: "forward address"))
            context.note("no binding: forwarded to \(user.forwardAddress)")
            return .skipThisChain
        }
        context.respond(480, reason: "Temporarily Unavailable")
        context.note("\(query.user)@\(query.domain) exists but has no binding")
        return .skipAllChains
    }

    /// The registration's flow, used when the contact cannot be reached directly: behind
    /// a NAT (source differs from the contact host) or over a stream (reuse its connection).
    func flow(for binding: Binding) -> SipSource? {
        guard let source = binding.source else { return nil }
        if source.transport.isStream { return source }
        let host = binding.contact.uri.host ?? ""
        return source.remote.addressText == host ? nil : source
    }
}
