import SIPCore

/// Decides whether the Request-URI is ours to resolve (repro's AmIResponsible).
///
/// A Request-URI outside our domains is forwarded to itself — unless the request
/// comes from an untrusted source with a From outside our domains, which is
/// refused with 403 so that the proxy is never an open relay.
public final class AmIResponsible: Processor {
    public let name = "AmIResponsible"
    let isLocalDomain: @Sendable (String) -> Bool

    public init(isLocalDomain: @escaping @Sendable (String) -> Bool) {
        self.isLocalDomain = isLocalDomain
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        let request = context.request
        guard let uri = request.requestURI else { return .continue }
        if let host = uri.host, isLocalDomain(host) {
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
