import NIOCore
import SIPCore

extension TransportLayer: TransactionTransport {
    /// Sends `message` for a transaction; `onFailure` is called (on an event loop) if it
    /// could not be sent, which RFC 3261 §17.1.4 / §17.2.4 treat as a transport error.
    public func send(_ message: SipMessage, to destination: SipDestination,
                     onFailure: @escaping @Sendable (any Error) -> Void) {
        let promise = group.any().makePromise(of: Void.self)
        promise.futureResult.whenFailure(onFailure)
        send(message, to: destination, promise: promise)
    }
}
