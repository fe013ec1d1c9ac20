import NIOCore
import SIPCore

extension TransportLayer: HandOverReceiver {
    /// Handles the bytes of one received message (a datagram, or one framed from a stream)
    /// read on `loop` from `channel`: logs and indexes it on `loop`, then checks it and hands
    /// a valid one to the delegate on the loop the delegate names for it
    /// (`TransportLayerDelegate.transportLayer(_:loopFor:)`), by default `loop`. An error
    /// response goes back to the source over `channel`.
    func receive(_ bytes: [UInt8], from source: SipSource, on loop: any EventLoop, channel: any Channel) {
        logMessage(.inbound, bytes, transport: source.transport, local: source.local, remote: source.remote,
                   connection: source.connection)
        switch processor.parse(bytes) {
        case .deliver(let message):
            let received = ReceivedMessage(message: message, source: source, channel: channel)
            // The delegate sits behind a lock: read once for a message handled here.
            let delegate = self.delegate
            if let target = delegate?.transportLayer(self, loopFor: message), !(target === loop),
               let index = handOver.index(of: target) {
                handOver.send(.received(received), to: index, receiver: self)
            } else {
                admit(received, on: loop, delegate: delegate)
            }
        case .reject(let error, let reply):
            reject(error, reply: reply, from: source, channel: channel)
        }
    }

    /// A message `receive` indexed, on its way to the loop that handles it.
    struct ReceivedMessage: Sendable {
        let message: SipMessage
        let source: SipSource
        let channel: any Channel
    }

    /// What goes from one event loop to another.
    enum HandedOver: Sendable {
        /// A message read on one loop, to be checked and handled on its own.
        case received(ReceivedMessage)
        /// Bytes for a stream connection, from a loop other than the connection's.
        case streamWrite(StreamWrite)
    }

    func receiveHandedOver(_ item: HandedOver, onLoop loopIndex: Int) {
        switch item {
        case .received(let received):
            admit(received, on: handOver.loops[loopIndex], delegate: delegate)
        case .streamWrite(let write):
            writeToStream(write, onLoop: loopIndex)
        }
    }

    /// The writes of a batch are flushed together, once per connection.
    func finishHandOver(onLoop loopIndex: Int) {
        flushStreams(onLoop: loopIndex)
    }

    /// Checks an indexed message on `loop`, the loop that handles it, and hands it to the
    /// delegate there if it is valid.
    private func admit(_ received: ReceivedMessage, on loop: any EventLoop,
                       delegate: (any TransportLayerDelegate)?) {
        switch processor.check(received.message, from: received.source) {
        case .deliver(let message):
            counters.received.increment()
            if message.isRequest { counters.requestsReceived.increment() }
            if let delegate {
                delegate.transportLayer(self, received: message, from: received.source, on: loop)
            } else {
                logger.debug("no delegate: dropped \(message.brief) from \(received.source)")
            }
        case .reject(let error, let reply):
            reject(error, reply: reply, from: received.source, channel: received.channel)
        }
    }

    /// Counts and logs a message that was not accepted, and sends `reply` back to its source.
    private func reject(_ error: SipParseError, reply: [UInt8]?, from source: SipSource, channel: any Channel) {
        noteBadInput(error, from: source, answered: reply != nil)
        if let reply { sendErrorResponse(reply, on: channel, to: source, promise: nil) }
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
        receive(Array(data.readableBytesView), from: source, on: channel.eventLoop, channel: channel)
    }
}
