import NIOCore
import SIPCore

extension TransportLayer: TransactionTransport {
    /// Sends `message` for a transaction; `onFailure` is called (on an event loop) if it
    /// could not be sent, which RFC 3261 §17.1.4 / §17.2.4 treat as a transport error.
    public func send(_ message: SipMessage, to destination: SipDestination,
                     onFailure: @escaping @Sendable (any Error) -> Void) {
        send(bytes: message.serialize(), to: destination, completion: .onFailure(onFailure))
    }

    /// Sends an already serialized message (a retransmitted response) for a transaction.
    public func send(bytes: [UInt8], to destination: SipDestination,
                     onFailure: @escaping @Sendable (any Error) -> Void) {
        send(bytes: bytes, to: destination, completion: .onFailure(onFailure))
    }
}
