import SIPCore

/// Decides whether the Request-URI is ours to resolve (repro's AmIResponsible).
///
/// A Request-URI outside our domains is forwarded to itself — unless the request
/// comes from an untrusted source with a From outside our domains, which is
/// refused with 403 so that the proxy is never an open relay.
public final class AmIResponsible: Processor {
    public let name = "AmIResponsible"
    let isLocalDomain: @Sendable (String) -> Bool
    let isOwnHost: @Sendable (String) -> Bool
    let isOwnAddress: @Sendable (String, Int?) -> Bool

    /// `isOwnHost` names our addresses and host name; a URI with one of them is ours only
    /// when its port is one we listen on (a phone on this host at another port is not us,
    /// as repro's `isMyUri` decides). Other hosts are ours when `isLocalDomain` says so.
    public init(isLocalDomain: @escaping @Sendable (String) -> Bool,
                isOwnHost: @escaping @Sendable (String) -> Bool = { _ in false },
                isOwnAddress: @escaping @Sendable (String, Int?) -> Bool = { _, _ in false }) {
        self.isLocalDomain = isLocalDomain
        self.isOwnHost = isOwnHost
        self.isOwnAddress = isOwnAddress
    }

    func isOurs(_ uri: URI) -> Bool {
        guard let host = uri.host else { return false }
        if isOwnHost(host) { return isOwnAddress(host, uri.sipURI?.port) }
        return isLocalDomain(host)
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        let request = context.request
        guard let uri = request.requestURI else { return .continue }
        if let host = uri.host, isOurs(uri) {
            context.note("Request-URI domain \(host) is ours")
            return .continue
        }
        if case .tel = uri {
            context.note("tel URI: left to static routes")
            return .continue
        }
        let fromHost = request[.from]?.uri.host ?? ""
        if !context.isTrusted && !isLocalDomain(fromHost) {
            context.respond(403, reason: "Relaying Forbidden")
            context.note("neither the Request-URI (\(uri.host ?? "?")) nor the From (\(fromHost)) is ours, and the source is untrusted")
            return .skipAllChains
        }
        context.addTarget(Target(uri: uri, origin: "Request-URI (not our domain)"))
        context.note("Request-URI domain \(uri.host ?? "?") is not ours: forwarded to it")
        return .skipThisChain
    }
}
