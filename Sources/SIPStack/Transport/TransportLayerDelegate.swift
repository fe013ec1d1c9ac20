import NIOCore
import SIPCore

/// Receives the messages a `TransportLayer` reads (the transaction layer, in the stack).
public protocol TransportLayerDelegate: AnyObject, Sendable {
    /// A valid message arrived. Called on `loop`, the event loop that handles it (the one
    /// that read it, or the one `transportLayer(_:loopFor:)` named), which owns `message`
    /// from now on. For a request, the top Via already carries `received` and a
    /// filled `rport` (RFC 3261 §18.2.1, RFC 3581 §4); Via, From, To, Call-ID and CSeq have
    /// been parsed, so reading them cannot fail.
    func transportLayer(_ transport: TransportLayer, received message: SipMessage, from source: SipSource,
                        on loop: any EventLoop)

    /// The event loop of the transport's group that should check and handle `message`
    /// (indexed, not yet checked), or nil for the loop that read it. Called on the reading
    /// loop.
    func transportLayer(_ transport: TransportLayer, loopFor message: SipMessage) -> (any EventLoop)?
}

extension TransportLayerDelegate {
    /// Every message is handled on the loop that read it.
    public func transportLayer(_ transport: TransportLayer, loopFor message: SipMessage) -> (any EventLoop)? { nil }
}
