import Logging
import NIOCore
import NIOPosix
import SIPCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SIP transport layer (RFC 3261 §18) over SwiftNIO: UDP and TCP listeners on IPv4
/// and IPv6, stream connections opened on demand and reused, framing, keep-alives,
/// `received`/`rport` stamping, and answers to bad input.
///
/// Thread safety: every method may be called from any thread or event loop. Received
/// messages are handed to the delegate on the event loop that read them. Shared state
/// (listeners, connections) sits behind short locks never held across I/O; counters are
/// atomics. Call `shutdown()` before dropping the last reference: channels keep the
/// transport alive while they are open.
public final class TransportLayer: Sendable {
    /// The event loops doing all of this transport's I/O.
    public let group: MultiThreadedEventLoopGroup
    /// The settings it was made with.
    public let configuration: TransportConfiguration
    /// Every message sent or received while `recordsMessages` is on, newest last; readers
    /// poll `snapshot(after:)`.
    public let messageLog: MessageLog
    /// Whether messages go into `messageLog` (on at first). Keeping every message's bytes
    /// costs a registration storm about a tenth of its CPU, so the engine turns it off
    /// while nobody reads the log.
    public var recordsMessages: Bool {
        get { recording.load(ordering: .relaxed) }
        set { recording.store(newValue, ordering: .relaxed) }
    }
    private let recording = Atomic<Bool>(true)

    let counters = TransportCounters()
    let registry = ConnectionRegistry()
    let processor: InboundMessageProcessor
    let logger: Logger
    let badInputLog: RateLimitedLogger

    private struct WeakDelegate {
        weak var value: (any TransportLayerDelegate)?
    }

    /// One UDP listening address and its sockets (one per event loop with `SO_REUSEPORT`).
    struct DatagramListener {
        var address: SocketAddress
        /// One socket per event loop (with `SO_REUSEPORT`), or one.
        var sockets: [DatagramSocket]
        var channels: [any Channel] { sockets.map(\.channel) }
    }

    struct Listeners {
        var datagram: [DatagramListener] = []
        var stream: [(kind: TransportKind, channel: any Channel)] = []
        var isShutdown = false
    }

    private let delegateBox: Mutex<WeakDelegate>
    /// Carries received messages to the loop that handles them (see `receive`), and writes
    /// to stream connections to the loop of the connection (see `queueStreamWrite`).
    let handOver: HandOverQueue<TransportLayer>
    /// Per event loop (in `handOver.loops` order): the stream channels written there and
    /// not flushed yet.
    let unflushedStreams: [UnflushedStreams]
    let listeners = Mutex(Listeners())

    /// A transport layer doing its I/O on `group`; `delegate` (held weakly) gets what it reads.
    public init(group: MultiThreadedEventLoopGroup, configuration: TransportConfiguration = .default,
                delegate: (any TransportLayerDelegate)? = nil) {
        self.group = group
        self.configuration = configuration
        messageLog = MessageLog(capacity: configuration.messageLogCapacity)
        processor = InboundMessageProcessor(limits: configuration.parseLimits)
        logger = ReproLogging.logger("sipstack")
        badInputLog = RateLimitedLogger(logger: logger, interval: configuration.badInputLogInterval)
        delegateBox = Mutex(WeakDelegate(value: delegate))
        handOver = HandOverQueue(loops: Array(group.makeIterator()))
        unflushedStreams = handOver.loops.map { _ in UnflushedStreams() }
    }

    /// Who gets received messages; held weakly (the stack owns the transport, not the reverse).
    public var delegate: (any TransportLayerDelegate)? {
        get { delegateBox.withLock { $0.value } }
        set { delegateBox.withLock { $0.value = newValue } }
    }

    /// The counters so far.
    public var statistics: TransportStatistics { counters.snapshot(connectionsOpen: registry.count) }

    /// The addresses listened on for `kind`, in the order `listen` bound them.
    public func boundAddresses(_ kind: TransportKind) -> [SocketAddress] {
        listeners.withLock { l in
            if kind == .udp { return l.datagram.map(\.address) }
            return l.stream.filter { $0.kind == kind }.compactMap { $0.channel.localAddress }
        }
    }

    // MARK: Listening

    /// Listens for `kind` on `host` (an IPv4 or IPv6 address, or a name) and `port`
    /// (0 picks a free one); returns the bound address. Any number of listeners may be open.
    /// Throws `TransportError.unsupported(.tls)` for TLS, which is not implemented yet.
    public func listen(_ kind: TransportKind, host: String, port: Int) async throws -> SocketAddress {
        guard !listeners.withLock({ $0.isShutdown }) else { throw TransportError.shutdown }
        switch kind {
        case .udp: return try await listenDatagram(host: host, port: port)
        case .tcp: return try await listenStream(kind, host: host, port: port)
        case .tls: throw TransportError.unsupported(.tls)
        }
    }

    private func listenDatagram(host: String, port: Int) async throws -> SocketAddress {
        #if os(Linux)
        let loops: [any EventLoop] = configuration.reusePortPerEventLoop ? Array(group.makeIterator()) : [group.next()]
        #else
        let loops: [any EventLoop] = [group.next()]
        #endif
        let reusePort = loops.count > 1
        if reusePort, port != 0 {
            // With SO_REUSEPORT a second server on the same port would bind too and silently
            // take part of the traffic: probe with a plain socket first so that an address in
            // use is reported as such.
            try await DatagramBootstrap(group: loops[0]).bind(host: host, port: port).get().close()
        }
        let v6only = host.contains(":")
        let requested = try SocketAddress.makeAddressResolvingHost(host, port: port)
        let first = try await openDatagramSocket(on: loops[0], bound: requested, reusePort: reusePort, v6only: v6only)
        guard let bound = first.channel.localAddress else {
            try? await first.channel.close()
            throw TransportError.unresolvable(host: host)
        }
        var sockets: [DatagramSocket] = [first]
        do {
            // RFC 3261 §18: every socket shares the port, so any of them answers from it.
            for loop in loops.dropFirst() {
                sockets.append(try await openDatagramSocket(on: loop, bound: bound, reusePort: reusePort, v6only: v6only))
            }
        } catch {
            for s in sockets { try? await s.channel.close() }
            throw error
        }
        let channels = sockets.map(\.channel)
        let added = listeners.withLock { l -> Bool in
            guard !l.isShutdown else { return false }
            l.datagram.append(DatagramListener(address: bound, sockets: sockets))
            return true
        }
        guard added else {
            for c in channels { try? await c.close() }
            throw TransportError.shutdown
        }
        logger.info("listening on UDP \(bound.compactDescription) with \(channels.count) socket(s)")
        return bound
    }

    /// Opens a UDP socket bound to `address` on `loop` and gives it to NIO to read; the
    /// descriptor stays with us for direct sends (`DatagramSocket`).
    private func openDatagramSocket(on loop: any EventLoop, bound address: SocketAddress, reusePort: Bool,
                                    v6only: Bool) async throws -> DatagramSocket {
        let fd = try DatagramSocket.open(bound: address, reusePort: reusePort, v6only: v6only,
                                         bufferSize: configuration.datagramSocketBufferSize)
        let channel: any Channel
        do {
            channel = try await datagramBootstrap(on: loop).withBoundSocket(fd).get()
        } catch {
            close(fd)
            throw error
        }
        return DatagramSocket(channel: channel, descriptor: fd)
    }

    private func datagramBootstrap(on loop: any EventLoop) -> DatagramBootstrap {
        // One slot per datagram, one byte more than the limit so that an oversized
        // (truncated) datagram is seen as oversized; 65 536 covers any UDP payload.
        let slot = min(configuration.parseLimits.maxMessageSize + 1, 65_536)
        let batch = max(1, configuration.datagramVectorReadMessageCount)
        #if os(Linux)
        let vector = batch > 1
        #else
        let vector = false
        #endif
        // The socket's own options (SO_REUSEPORT, IPV6_V6ONLY, buffer sizes) are set when it
        // is opened (`DatagramSocket.open`); no SO_REUSEADDR: on Linux it would let unrelated
        // UDP sockets share the port.
        var bootstrap = DatagramBootstrap(group: loop)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: slot * (vector ? batch : 1)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramHandler(transport: self))
                }
            }
        #if os(Linux)
        if vector { bootstrap = bootstrap.channelOption(.datagramVectorReadMessageCount, value: batch) }
        #endif
        return bootstrap
    }

    private func listenStream(_ kind: TransportKind, host: String, port: Int) async throws -> SocketAddress {
        var bootstrap = ServerBootstrap(group: group)
        // An IPv6 listener takes IPv6 only, so that 0.0.0.0 and :: can share a port.
        if host.contains(":") { bootstrap = bootstrap.serverChannelOption(ChannelOptions.Types.SocketOption(level: .ipv6, name: .ipv6_v6only), value: 1) }
        let server = try await bootstrap
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in self.initializeAccepted(channel, kind: kind) }
            .bind(host: host, port: port).get()
        guard let bound = server.localAddress else {
            try? await server.close()
            throw TransportError.unresolvable(host: host)
        }
        let added = listeners.withLock { l -> Bool in
            guard !l.isShutdown else { return false }
            l.stream.append((kind, server))
            return true
        }
        guard added else {
            try? await server.close()
            throw TransportError.shutdown
        }
        logger.info("listening on \(kind) \(bound.compactDescription)")
        return bound
    }

    // MARK: Stream connections

    /// Sets up a connection a listener accepted, or refuses it over the connection limit.
    private func initializeAccepted(_ channel: any Channel, kind: TransportKind) -> EventLoopFuture<Void> {
        guard let remote = channel.remoteAddress else {
            return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        }
        let id = registry.makeID()
        let key = ConnectionRegistry.Key(transport: kind, remote: remote)
        guard registry.add(id, channel: channel, key: key, limit: configuration.maxConnections) else {
            counters.connectionsRefused.increment()
            badInputLog.log(.warning, "refused \(kind) connection from \(remote.compactDescription): limit of \(configuration.maxConnections) reached")
            // The server bootstrap closes a child whose initializer fails.
            return channel.eventLoop.makeFailedFuture(TransportError.connectionLimitReached)
        }
        counters.connectionsAccepted.increment()
        channel.closeFuture.whenComplete { _ in self.registry.remove(id) }
        return channel.eventLoop.makeCompletedFuture { try self.addStreamHandlers(to: channel, id: id, kind: kind) }
    }

    /// The pipeline of every stream connection: framing, dispatch and the idle timeout.
    func addStreamHandlers(to channel: any Channel, id: ConnectionID, kind: TransportKind) throws {
        try channel.pipeline.syncOperations.addHandler(StreamConnectionHandler(transport: self, id: id, kind: kind))
    }

    // MARK: Shutdown

    /// Closes every listener and connection. Sends after this fail with `TransportError.shutdown`.
    public func shutdown() async {
        let channels = listeners.withLock { l -> [any Channel] in
            l.isShutdown = true
            defer { l.datagram = []; l.stream = [] }
            return l.datagram.flatMap(\.channels) + l.stream.map(\.channel)
        }
        for channel in channels + registry.allChannels() {
            try? await channel.close()
        }
    }
}
