import NIOCore
import SIPCore

/// What a transaction needs from the transport: send a message to a destination,
/// learning of a failure. The transaction layer calls it on the transaction's loop.
public protocol TransactionTransport: AnyObject, Sendable {
    /// Sends `message`; calls `onFailure` (on any thread) if it cannot be sent.
    func send(_ message: SipMessage, to destination: SipDestination,
              onFailure: @escaping @Sendable (any Error) -> Void)
    /// Sends the bytes of a message serialized before (a response kept for retransmission).
    func send(bytes: [UInt8], to destination: SipDestination,
              onFailure: @escaping @Sendable (any Error) -> Void)
}

extension TransactionTransport {
    /// By default the bytes are parsed back into a message and sent as one.
    public func send(bytes: [UInt8], to destination: SipDestination,
                     onFailure: @escaping @Sendable (any Error) -> Void) {
        guard let message = try? SipMessage.parse(bytes) else {
            return onFailure(SipParseError(.badStartLine, "unparsable message bytes"))
        }
        send(message, to: destination, onFailure: onFailure)
    }
}
