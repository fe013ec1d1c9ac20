import NIOCore
import SIPCore

/// The inbound end of one TCP (later TLS) connection: frames the byte stream into
/// messages with `StreamFramer` (RFC 3261 §18.3), answers CRLFCRLF keep-alives with
/// CRLF (RFC 5626 §4.4.1), closes the connection when idle, and on bytes that cannot
/// be framed answers 513 or 400 when it can and closes this connection only.
final class StreamConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How many first bytes of a message being framed are kept, to answer it if framing fails.
    static let headCapacity = 8_192
    /// How long a connection that is being closed for bad input may linger to let the
    /// peer read our answer.
    static let lingerTime: TimeAmount = .seconds(2)

    private let transport: TransportLayer
    private let id: ConnectionID
    private let kind: TransportKind
    private var framer: StreamFramer
    private var source: SipSource?
    /// The first bytes of the message still being framed (up to `headCapacity`).
    private var pendingHead: [UInt8] = []
    /// Set once the stream is broken: nothing more is read from it.
    private var discarding = false

    init(transport: TransportLayer, id: ConnectionID, kind: TransportKind) {
        self.transport = transport
        self.id = id
        self.kind = kind
        framer = StreamFramer(limits: transport.configuration.parseLimits)
    }

    func channelActive(context: ChannelHandlerContext) {
        if let local = context.channel.localAddress, let remote = context.channel.remoteAddress {
            source = SipSource(transport: kind, local: local, remote: remote, connection: id)
        } else {
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !discarding, let source else { return }
        let chunk = unwrapInboundIn(data).readableBytesView
        framer.append(chunk)
        while !discarding {
            let item: StreamFramer.Item?
            do {
                item = try framer.next()
            } catch {
                failFraming(context: context, error: error, head: head(after: chunk), source: source)
                return
            }
            guard let item else { break }
            switch item {
            case .ping:
                // RFC 5626 §4.4.1: a CRLFCRLF ping is answered with a CRLF pong.
                transport.counters.keepAlivesAnswered.increment()
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(staticString: "\r\n")),
                                      promise: nil)
            case .pong:
                break
            case .message(let bytes):
                if let reply = transport.receive(bytes, from: source, on: context.eventLoop) {
                    transport.sendErrorResponse(reply, on: context.channel, to: source, promise: nil)
                }
            }
        }
        pendingHead = head(after: chunk)
    }

    /// The first bytes (up to `headCapacity`) of the message the framer still holds,
    /// once `chunk` was the last bytes appended to it.
    private func head(after chunk: ByteBufferView) -> [UInt8] {
        let pending = framer.bufferedCount
        if pending == 0 { return [] }
        if pending <= chunk.count {  // the message started within this chunk
            return Array(chunk.suffix(pending).prefix(Self.headCapacity))
        }
        if pendingHead.count >= Self.headCapacity { return pendingHead }
        return pendingHead + chunk.prefix(Self.headCapacity - pendingHead.count)
    }

    /// The stream cannot be framed any more: answer the offending request if its headers
    /// are readable, then close this connection (RFC 3261 §18.3).
    private func failFraming(context: ChannelHandlerContext, error: SipParseError, head: [UInt8], source: SipSource) {
        discarding = true
        pendingHead = []
        let reply = InboundMessageProcessor.errorResponse(forUnframeable: error, head: head)
        transport.noteBadInput(error, from: source, answered: reply != nil)
        let channel = context.channel
        guard let reply else {
            channel.close(promise: nil)
            return
        }
        let written = channel.eventLoop.makePromise(of: Void.self)
        transport.sendErrorResponse(reply, on: channel, to: source, promise: written)
        written.futureResult.whenComplete { _ in
            // Half-close so the peer reads the answer before the end of the stream; the
            // connection closes fully when the peer closes or after a short linger.
            channel.close(mode: .output).whenFailure { _ in channel.close(promise: nil) }
            channel.eventLoop.scheduleTask(in: Self.lingerTime) { channel.close(promise: nil) }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            transport.counters.connectionsTimedOut.increment()
            transport.logger.debug("closing idle \(kind) \(id) to \(source?.remote.compactDescription ?? "?")")
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or other socket error ends this connection only.
        transport.logger.debug("\(kind) \(id): \(error); closing")
        context.close(promise: nil)
    }
}
