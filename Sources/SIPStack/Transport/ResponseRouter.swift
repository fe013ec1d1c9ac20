import NIOCore
import SIPCore

/// Where a response goes, from its top Via and the request's source
/// (RFC 3261 §18.2.2; RFC 3581 §4 for `rport`).
enum ResponseRouter {
    /// The host and port to send `response` to, before any name resolution;
    /// nil when it has no readable top Via or an unknown transport.
    static func target(for response: SipMessage) -> (transport: TransportKind, host: String, port: Int)? {
        guard let via = response.front(.vias), let kind = TransportKind(token: via.transport) else { return nil }
        let sentByPort = via.port ?? kind.defaultPort
        // §18.2.2: maddr wins, with the sent-by port (or the default).
        if let maddr = via.maddr, !maddr.isEmpty { return (kind, maddr, sentByPort) }
        if let received = via.received, !received.isEmpty {
            // RFC 3581 §4: over UDP, to received and rport; §18.2.2: else received and the sent-by port.
            if kind == .udp, let rport = via.rport { return (kind, received, rport) }
            return (kind, received, sentByPort)
        }
        if kind == .udp, let rport = via.rport { return (kind, via.host, rport) }
        return (kind, via.host, sentByPort)
    }

    /// The destination of `response` when no DNS is needed; see `TransportLayer.responseDestination`.
    static func destination(for response: SipMessage, requestSource: SipSource?) -> SipDestination? {
        let target = target(for: response)
        let address = target.flatMap { t in
            // The usual case (RFC 3581: received and rport are the request's source): reuse the
            // source's address rather than parse the text it was written from.
            if let remote = requestSource?.remote, remote.port == t.port, remote.addressText == t.host { return remote }
            return HostResolver.numericAddress(t.host, port: t.port)
        }
        // §18.2.2: over a reliable transport, the response goes back on the request's
        // connection; should it be gone, a new one is opened to received/sent-by.
        if let source = requestSource, source.transport.isReliable, let id = source.connection {
            return SipDestination(transport: source.transport, remote: address ?? source.remote, connection: id)
        }
        guard let target, let address else { return nil }
        return SipDestination(transport: target.transport, remote: address)
    }
}
