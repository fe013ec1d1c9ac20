import NIOCore
import SIPCore

/// Receives the messages a `TransportLayer` reads (the transaction layer, in the stack).
public protocol TransportLayerDelegate: AnyObject, Sendable {
    /// A valid message arrived. Called on `loop`, the event loop that read it, which owns
    /// `message` from now on. For a request, the top Via already carries `received` and a
    /// filled `rport` (RFC 3261 §18.2.1, RFC 3581 §4); Via, From, To, Call-ID and CSeq have
    /// been parsed, so reading them cannot fail.
    func transportLayer(_ transport: TransportLayer, received message: SipMessage, from source: SipSource,
                        on loop: any EventLoop)
}
