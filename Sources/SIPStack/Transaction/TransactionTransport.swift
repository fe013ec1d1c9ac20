import NIOCore
import SIPCore

/// What a transaction needs from the transport: send a message to a destination,
/// learning of a failure. The transaction layer calls it on the transaction's loop.
public protocol TransactionTransport: AnyObject, Sendable {
    /// Sends `message`; calls `onFailure` (on any thread) if it cannot be sent.
    func send(_ message: SipMessage, to destination: SipDestination,
              onFailure: @escaping @Sendable (any Error) -> Void)
}
