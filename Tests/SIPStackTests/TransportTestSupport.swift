import NIOCore
import NIOPosix
import SIPCore
import Synchronization
import XCTest
@testable import SIPStack

/// A wait in a test took longer than its bound.
struct TestTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}

/// A FIFO that tests await with a bound: producers on event loops push, the test pulls.
final class TestQueue<T: Sendable>: Sendable {
    private struct State {
        var items: [T] = []
        var waiters: [(id: Int, promise: EventLoopPromise<T>)] = []
        var nextID = 0
    }

    private let loop: any EventLoop
    private let state = Mutex(State())

    init(loop: any EventLoop) { self.loop = loop }

    func push(_ value: T) {
        let waiter = state.withLock { s -> EventLoopPromise<T>? in
            guard !s.waiters.isEmpty else {
                s.items.append(value)
                return nil
            }
            return s.waiters.removeFirst().promise
        }
        waiter?.succeed(value)
    }

    /// How many items wait to be taken.
    var count: Int { state.withLock { $0.items.count } }

    /// The next item, or `TestTimeout` after `timeout`.
    func next(timeout: TimeAmount = .seconds(5), _ what: String = "an item") async throws -> T {
        let promise = loop.makePromise(of: T.self)
        let id = state.withLock { s -> Int? in
            if !s.items.isEmpty {
                promise.succeed(s.items.removeFirst())
                return nil
            }
            s.nextID += 1
            s.waiters.append((s.nextID, promise))
            return s.nextID
        }
        if let id {
            loop.scheduleTask(in: timeout) {
                let expired = self.state.withLock { s -> EventLoopPromise<T>? in
                    guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return s.waiters.remove(at: i).promise
                }
                expired?.fail(TestTimeout(what: what))
            }
        }
        return try await promise.futureResult.get()
    }
}

/// A received message and where it came from.
struct Received: Sendable {
    var message: SipMessage
    var source: SipSource
    var onLoop: Bool
}

/// A delegate that queues everything it receives.
final class RecordingDelegate: TransportLayerDelegate {
    let received: TestQueue<Received>

    init(loop: any EventLoop) { received = TestQueue(loop: loop) }

    func transportLayer(_ transport: TransportLayer, received message: SipMessage, from source: SipSource,
                        on loop: any EventLoop) {
        received.push(Received(message: message, source: source, onLoop: loop.inEventLoop))
    }

    func next(_ what: String = "a message") async throws -> Received {
        try await received.next(what)
    }
}

/// Queues every inbound item of a test peer's channel.
final class CollectingHandler<In: Sendable>: ChannelInboundHandler, Sendable {
    typealias InboundIn = In
    let queue: TestQueue<In>
    init(queue: TestQueue<In>) { self.queue = queue }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) { queue.push(unwrapInboundIn(data)) }
}

/// A plain UDP socket standing in for a SIP phone.
final class UDPTestPeer: Sendable {
    let channel: any Channel
    let datagrams: TestQueue<AddressedEnvelope<ByteBuffer>>

    init(group: any EventLoopGroup, host: String) async throws {
        let queue = TestQueue<AddressedEnvelope<ByteBuffer>>(loop: group.next())
        datagrams = queue
        channel = try await DatagramBootstrap(group: group)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(CollectingHandler(queue: queue)) }
            }
            .bind(host: host, port: 0).get()
    }

    var address: SocketAddress { channel.localAddress! }  // bound above

    func send(_ text: String, to remote: SocketAddress) async throws {
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(string: text)))
    }

    /// The next datagram, parsed, with the address it came from.
    func receive(_ what: String = "a datagram") async throws -> (SipMessage, SocketAddress) {
        let envelope = try await datagrams.next(what)
        return (try SipMessage.parse(Array(envelope.data.readableBytesView)), envelope.remoteAddress)
    }

    func close() async { try? await channel.close() }
}

/// A plain TCP connection standing in for a SIP phone.
final class TCPTestPeer: @unchecked Sendable {  // used by one test task at a time
    let channel: any Channel
    let chunks: TestQueue<ByteBuffer>
    private var framer = StreamFramer()
    private var raw: [UInt8] = []

    init(group: any EventLoopGroup, to remote: SocketAddress) async throws {
        let queue = TestQueue<ByteBuffer>(loop: group.next())
        chunks = queue
        channel = try await ClientBootstrap(group: group)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(CollectingHandler(queue: queue)) }
            }
            .connect(to: remote).get()
    }

    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Raw bytes until at least `count` arrived.
    func readRaw(count: Int) async throws -> [UInt8] {
        while raw.count < count {
            let chunk = try await chunks.next("\(count) bytes")
            raw.append(contentsOf: chunk.readableBytesView)
        }
        defer { raw.removeFirst(count) }
        return Array(raw.prefix(count))
    }

    /// The next whole SIP message on the stream.
    func receive(_ what: String = "a message") async throws -> SipMessage {
        while true {
            if case .message(let bytes)? = try framer.next() { return try SipMessage.parse(bytes) }
            let chunk = try await chunks.next(what)
            framer.append(chunk.readableBytesView)
        }
    }

    /// Waits until the server closed the connection.
    func waitForClose(timeout: TimeAmount = .seconds(5)) async throws {
        let loop = channel.eventLoop
        let promise = loop.makePromise(of: Void.self)
        channel.closeFuture.cascade(to: promise)
        loop.scheduleTask(in: timeout) { promise.fail(TestTimeout(what: "the connection to close")) }
        try await promise.futureResult.get()
    }

    func close() async { try? await channel.close() }
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(5), _ what: String,
                _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TestTimeout(what: what) }
        try await Task.sleep(for: .milliseconds(5))
    }
}

enum SipText {
    /// An OPTIONS request as a phone would send it; `via` is the sent-by (host:port).
    static func options(transport: String = "UDP", via: String = "192.0.2.10:5060", viaParams: String = ";rport",
                        branch: String = "z9hG4bK-1", callID: String = "call-1@test", cseq: String = "1 OPTIONS",
                        body: String = "") -> String {
        "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/\(transport) \(via);branch=\(branch)\(viaParams)\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "Call-ID: \(callID)\r\n"
            + "CSeq: \(cseq)\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n"
            + body
    }
}
