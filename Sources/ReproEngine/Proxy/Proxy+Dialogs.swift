import NIOCore
import SIPCore
import SIPStack

/// Requests inside a dialog, ACKs for 2xx and stray responses: routed by their
/// Route and Via headers rather than by the chains (RFC 3261 §16.4, §16.7 step 1, §16.11).
extension Proxy {
    /// A request with a To tag: forwarded to its Request-URI along its Route set.
    func routeInDialog(_ context: RequestContext) {
        guard let uri = context.request.requestURI else { return }
        let hasRoute = context.request.front(.routes) != nil
        if !hasRoute, let host = uri.host, isOwnOrLocal(host: host, port: uri.sipURI?.port) {
            // Addressed to one of our users: let the chains find where they are.
            runChains(context)
            return
        }
        context.addTarget(Target(uri: uri, origin: hasRoute ? "in-dialog: Route set" : "in-dialog: Request-URI"))
        context.trace.recordProcessor(
            chain: .request, name: "InDialogRouting", result: .skipThisChain, elapsed: .zero,
            targetsAdded: [uri.description], response: nil,
            note: "a request inside a dialog follows its Route set (RFC 3261 §16.4, §12.2)")
        context.currentChain = .target
        runChains(context)
    }

    /// An ACK for a 2xx has no transaction: it is forwarded statelessly along its Route set.
    func forwardAckStatelessly(_ ack: SipMessage, source: SipSource) {
        guard let mf = ack[.maxForwards] ?? Optional(configuration.defaultMaxForwards), mf > 0 else { return }
        preprocessRoutes(ack)
        guard let uri = ack.requestURI else { return }
        let nextHop = ack.front(.routes)?.uri.sipURI ?? uri.sipURI
        guard let nextHop else { return }
        if ack.front(.routes) == nil, network.isOwnAddress(host: nextHop.host, port: nextHop.port) { return }
        let loop = network.transactions.loop(forCallID: ack[.callID] ?? "")
        network.resolve(nextHop, on: loop).whenSuccess { [self] destination in
            ack[.maxForwards] = mf - 1
            let out = self.network.sentBy(transport: destination.transport, toward: destination.remote)
            // The branch of a stateless ACK is derived from the request, so retransmissions match.
            let branch = LoopDetector.branch(for: ack, unique: ack.front(.vias)?.branch ?? "0")
            ack.pushFront(.vias, Via(transport: destination.transport.rawValue, host: out.host, port: out.port,
                                     branch: branch))
            self.network.transactions.sendStateless(ack, to: destination)
        }
    }

    /// A response that matched no transaction: our Via removed, sent on by the next Via
    /// (RFC 3261 §16.7 step 1 and §16.11: a stateless proxy's behaviour).
    func forwardResponseStatelessly(_ response: SipMessage) {
        guard let top = response.front(.vias), network.isOwnAddress(host: top.host, port: top.port) else { return }
        response.popFront(.vias)
        guard response.front(.vias) != nil else { return }
        network.sendStatelessResponse(response)
    }
}
