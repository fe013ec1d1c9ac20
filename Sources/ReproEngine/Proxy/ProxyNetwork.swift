import NIOCore
import SIPCore
import SIPStack

/// What the proxy needs from the stack below it: transactions, name resolution and
/// knowledge of our own addresses. `SipStack` provides it; tests use a fake.
public protocol ProxyNetwork: AnyObject, Sendable {
    /// The transaction layer requests are forwarded through.
    var transactions: TransactionLayer { get }

    /// The destination for a next-hop URI (RFC 3263 subset: transport from the URI's
    /// `transport` parameter or scheme, numeric hosts as they are, names through A/AAAA).
    func resolve(_ uri: SipURI, on loop: any EventLoop) -> EventLoopFuture<SipDestination>

    /// Whether `host:port` is one of our listening addresses or names (for Route, Request-URI
    /// and Via checks). A nil port means the transport's default.
    func isOwnAddress(host: String, port: Int?) -> Bool

    /// The Via sent-by (host, port) to put in requests we send over `transport` toward `remote`.
    func sentBy(transport: TransportKind, toward remote: SocketAddress) -> (host: String, port: Int)

    /// Sends a response outside any transaction, routed by its top Via (RFC 3261 §18.2.2).
    func sendStatelessResponse(_ response: SipMessage)
}
