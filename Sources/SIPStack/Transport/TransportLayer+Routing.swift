import NIOCore
import SIPCore

extension TransportLayer {
    /// Where to send `response` (RFC 3261 §18.2.2, RFC 3581 §4), without DNS:
    /// 1. over a reliable transport, the connection the request came on (`requestSource`),
    ///    with the Via's received/sent-by address as the fallback if it has closed;
    /// 2. else the top Via's `maddr`, with the sent-by port or the default port;
    /// 3. else `received`, with `rport` when present (UDP), else the sent-by port or the default;
    /// 4. else the sent-by address and port.
    /// Nil when there is no readable top Via, its transport is unknown, or the address
    /// is a host name (use `resolvedResponseDestination` then).
    public func responseDestination(for response: SipMessage, requestSource: SipSource?) -> SipDestination? {
        ResponseRouter.destination(for: response, requestSource: requestSource)
    }

    /// Like `responseDestination`, but resolves a host name in the Via with the system
    /// resolver (RFC 3261 §18.2.2 says to use RFC 3263 §5; A/AAAA records are used here).
    public func resolvedResponseDestination(for response: SipMessage,
                                            requestSource: SipSource?) async throws -> SipDestination? {
        if let destination = responseDestination(for: response, requestSource: requestSource) { return destination }
        guard let target = ResponseRouter.target(for: response) else { return nil }
        let addresses = try await resolve(host: target.host, port: target.port)
        guard let first = addresses.first else { return nil }
        return SipDestination(transport: target.transport, remote: first)
    }

    /// The addresses of `host` at `port`: a numeric IPv4 or IPv6 address (brackets allowed)
    /// directly, a name through getaddrinfo on a background thread.
    public func resolve(host: String, port: Int) async throws -> [SocketAddress] {
        try await HostResolver.resolve(host: host, port: port)
    }
}
