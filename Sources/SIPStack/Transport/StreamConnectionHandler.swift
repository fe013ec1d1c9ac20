import NIOCore
import SIPCore

/// The inbound end of one TCP (later TLS) connection: frames the byte stream into
/// messages with `StreamFramer` (RFC 3261 §18.3), answers CRLFCRLF keep-alives with
/// CRLF (RFC 5626 §4.4.1), closes the connection when idle, and on bytes that cannot
/// be framed answers 513 or 400 when it can and closes this connection only.
///
/// The idle timer runs on the loop's clock (`EventLoop.now`), so tests drive it with
/// an `EmbeddedEventLoop`'s virtual time.
final class StreamConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How many first bytes of a message that cannot be framed are read to answer it.
    static let headCapacity = 8_192
    /// How long a connection that is being closed for bad input may linger to let the
    /// peer read our answer.
    static let lingerTime: TimeAmount = .seconds(2)

    private let transport: TransportLayer
    private let id: ConnectionID
    private let kind: TransportKind
    private let idleTimeout: TimeAmount
    private var framer: StreamFramer
    /// When the connection last read or wrote anything.
    private var lastActivity: NIODeadline = .uptimeNanoseconds(0)
    private var idleCheck: Scheduled<Void>?
    private var source: SipSource?
    /// Set once the stream is broken: nothing more is read from it.
    private var discarding = false

    init(transport: TransportLayer, id: ConnectionID, kind: TransportKind) {
        self.transport = transport
        self.id = id
        self.kind = kind
        idleTimeout = transport.configuration.streamIdleTimeout
        framer = StreamFramer(limits: transport.configuration.parseLimits)
    }

    func channelActive(context: ChannelHandlerContext) {
        if let local = context.channel.localAddress, let remote = context.channel.remoteAddress {
            source = SipSource(transport: kind, local: local, remote: remote, connection: id)
        } else {
            context.close(promise: nil)
        }
        lastActivity = context.eventLoop.now
        scheduleIdleCheck(context: context, at: lastActivity + idleTimeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        lastActivity = context.eventLoop.now
        context.write(data, promise: promise)
    }

    // MARK: Idle timeout

    private func scheduleIdleCheck(context: ChannelHandlerContext, at deadline: NIODeadline) {
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.checkIdle(context: context)
        }
    }

    /// Closes the connection if it did nothing for `idleTimeout`, else checks again when it could be.
    private func checkIdle(context: ChannelHandlerContext) {
        let idleAt = lastActivity + idleTimeout
        guard context.eventLoop.now >= idleAt else {
            return scheduleIdleCheck(context: context, at: idleAt)
        }
        idleCheck = nil
        transport.counters.connectionsTimedOut.increment()
        transport.logger.debug("closing idle \(kind) \(id) to \(source?.remote.compactDescription ?? "?")")
        context.close(promise: nil)
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = context.eventLoop.now
        guard !discarding, let source else { return }
        let chunk = unwrapInboundIn(data).readableBytesView
        framer.append(chunk)
        while !discarding {
            let item: StreamFramer.Item?
            do {
                item = try framer.next()
            } catch {
                failFraming(context: context, error: error, head: framer.unframedPrefix(Self.headCapacity),
                            source: source)
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
                transport.receive(bytes, from: source, on: context.eventLoop, channel: context.channel)
            }
        }
    }

    /// The stream cannot be framed any more: answer the offending request if its headers
    /// are readable, then close this connection (RFC 3261 §18.3).
    private func failFraming(context: ChannelHandlerContext, error: SipParseError, head: [UInt8], source: SipSource) {
        discarding = true
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

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or other socket error ends this connection only.
        transport.logger.debug("\(kind) \(id): \(error); closing")
        context.close(promise: nil)
    }
}
