import NIOCore
import SIPCore

extension TransportLayer {
    /// Handles the bytes of one received message (a datagram, or one framed from a
    /// stream) on `loop`: logs it, validates it, and hands a valid one to the delegate.
    /// Returns the error response to send back to the source, if any.
    func receive(_ bytes: [UInt8], from source: SipSource, on loop: any EventLoop) -> [UInt8]? {
        logMessage(.inbound, bytes, transport: source.transport, local: source.local, remote: source.remote,
                   connection: source.connection)
        switch processor.process(bytes, from: source) {
        case .deliver(let message):
            counters.received.increment()
            if message.isRequest { counters.requestsReceived.increment() }
            if let delegate {
                delegate.transportLayer(self, received: message, from: source, on: loop)
            } else {
                logger.debug("no delegate: dropped \(message.brief) from \(source)")
            }
            return nil
        case .reject(let error, let reply):
            noteBadInput(error, from: source, answered: reply != nil)
            return reply
        }
    }

    /// Counts and (rate-limited) logs a message that was not accepted.
    func noteBadInput(_ error: SipParseError, from source: SipSource, answered: Bool) {
        if InboundMessageProcessor.responseCode(for: error) == 513 {
            counters.droppedOversized.increment()
        } else {
            counters.droppedUnparsable.increment()
        }
        badInputLog.log(.info, "bad message from \(source): \(Self.printable(error.description))\(answered ? " (answered)" : "")")
    }

    /// `text` with control characters (which can come from the network) shown as `?`.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : $0 }))
    }

    /// Sends a response the transport made itself (400, 513) back where the request came from.
    func sendErrorResponse(_ bytes: [UInt8], on channel: any Channel, to source: SipSource,
                           promise: EventLoopPromise<Void>?) {
        counters.errorResponsesSent.increment()
        write(bytes, on: channel, transport: source.transport, remote: source.remote, connection: source.connection,
              completion: promise.map(SendCompletion.promise) ?? .none)
    }

    /// Handles one datagram read by a UDP socket bound to `local`.
    func receiveDatagram(_ envelope: AddressedEnvelope<ByteBuffer>, local: SocketAddress, channel: any Channel) {
        let data = envelope.data
        let source = SipSource(transport: .udp, local: local, remote: envelope.remoteAddress)
        let limit = configuration.parseLimits.maxMessageSize
        // RFC 3261 §18.1.1 leaves the limit to us: a datagram over it (or cut to it by the
        // receive buffer) is dropped unanswered.
        guard data.readableBytes <= limit else {
            counters.droppedOversized.increment()
            badInputLog.log(.info, "dropped datagram of \(data.readableBytes)+ bytes from \(source): over \(limit) bytes")
            return
        }
        // A datagram of line breaks only is a keep-alive some clients send over UDP too.
        guard data.readableBytesView.contains(where: { $0 != 0x0d && $0 != 0x0a }) else { return }
        let bytes = Array(data.readableBytesView)
        if let reply = receive(bytes, from: source, on: channel.eventLoop) {
            sendErrorResponse(reply, on: channel, to: source, promise: nil)
        }
    }
}
