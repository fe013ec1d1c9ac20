import NIOCore
import NIOEmbedded
import NIOPosix
import SIPCore
import XCTest
@testable import SIPStack

/// The stream connection pipeline driven byte by byte on an `EmbeddedChannel`
/// (deterministic: no sockets, virtual time).
final class TransportStreamHandlerTests: XCTestCase {
    var group: MultiThreadedEventLoopGroup!
    var delegate: RecordingDelegate!
    var transport: TransportLayer!
    var channel: EmbeddedChannel!

    override func setUp() async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        delegate = RecordingDelegate(loop: group.next())
    }

    override func tearDown() async throws {
        _ = try? channel?.finish()
        try await group.shutdownGracefully()
    }

    private func makeChannel(_ configure: (inout TransportConfiguration) -> Void = { _ in }) throws {
        var config = TransportConfiguration()
        configure(&config)
        transport = TransportLayer(group: group, configuration: config, delegate: delegate)
        channel = EmbeddedChannel()
        channel.localAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 5060)
        let remote = try SocketAddress(ipAddress: "127.0.0.1", port: 40000)
        channel.remoteAddress = remote
        try transport.addStreamHandlers(to: channel, id: ConnectionID(1), kind: .tcp)
        try channel.connect(to: remote).wait()
    }

    private func feed(_ text: some StringProtocol) throws {
        try channel.writeInbound(ByteBuffer(string: String(text)))
    }

    /// What the connection wrote: a stream write is flushed by a task the loop runs after
    /// the work in hand (so a burst of answers leaves in one write), run here first.
    private func outbound() throws -> String? {
        channel.embeddedEventLoop.run()
        return try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
    }

    func testMessageSplitAcrossReadsIsDeliveredOnceWhole() throws {
        try makeChannel()
        let text = SipText.options(transport: "TCP", body: "hello")
        let cut = text.index(text.startIndex, offsetBy: 40)
        let cut2 = text.index(text.endIndex, offsetBy: -3)
        try feed(text[..<cut])
        try feed(text[cut..<cut2])
        XCTAssertEqual(delegate.received.count, 0)
        try feed(text[cut2...])
        XCTAssertEqual(delegate.received.count, 1)
        XCTAssertEqual(transport.statistics.messagesReceived, 1)
    }

    func testTwoMessagesInOneReadAreBothDelivered() throws {
        try makeChannel()
        try feed(SipText.options(transport: "TCP") + SipText.options(transport: "TCP", branch: "z9hG4bK-2"))
        XCTAssertEqual(delegate.received.count, 2)
    }

    func testPingGetsPong() throws {
        try makeChannel()
        try feed("\r\n\r\n")
        XCTAssertEqual(try outbound(), "\r\n")
        XCTAssertTrue(channel.isActive)
    }

    func testOversizedMessageAfterAGoodOneIsAnsweredWithItsOwnHeaders() throws {
        try makeChannel { $0.parseLimits.maxMessageSize = 2_000 }
        let good = SipText.options(transport: "TCP", callID: "good@test")
        let bad = SipText.options(transport: "TCP", callID: "big@test", body: String(repeating: "x", count: 5_000))
        let cut = bad.index(bad.startIndex, offsetBy: 30)
        try feed(good + bad[..<cut])
        XCTAssertEqual(delegate.received.count, 1)
        try feed(bad[cut...])

        let reply = try SipMessage.parse(try XCTUnwrap(try outbound()))
        XCTAssertEqual(reply.statusCode, 513)
        XCTAssertEqual(reply[.callID], "big@test")
        XCTAssertFalse(channel.isActive, "the connection is closed")
        XCTAssertEqual(transport.statistics.droppedOversized, 1)
        XCTAssertEqual(transport.statistics.errorResponsesSent, 1)
    }

    func testResponseThatCannotBeFramedClosesWithoutReply() throws {
        try makeChannel()
        try feed("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1\r\nContent-Length: x\r\n\r\n")
        XCTAssertNil(try outbound())
        XCTAssertFalse(channel.isActive)
        XCTAssertEqual(transport.statistics.droppedUnparsable, 1)
    }

    func testMalformedButFramedRequestGets400AndTheConnectionStays() throws {
        try makeChannel()
        try feed(SipText.options(transport: "TCP", cseq: "1 BYE"))
        let reply = try SipMessage.parse(try XCTUnwrap(try outbound()))
        XCTAssertEqual(reply.statusCode, 400)
        XCTAssertTrue(channel.isActive)
    }

    func testMangledInputNeverCrashes() throws {
        try makeChannel { $0.parseLimits.maxMessageSize = 4_000 }
        let processor = InboundMessageProcessor(limits: .default)
        let source = SipSource(transport: .udp, local: try SocketAddress(ipAddress: "127.0.0.1", port: 5060),
                               remote: try SocketAddress(ipAddress: "192.0.2.1", port: 5060))
        let valid = Array(SipText.options(transport: "TCP", body: "v=0\r\n").utf8)
        let specials: [UInt8] = [0x0d, 0x0a, 0x3a, 0x3b, 0x2c, 0x20, 0x00, 0xff, 0x22, 0x3c, 0x5b]
        var rng = SplitMix64(seed: 3261)
        for _ in 0..<2_000 {
            var bytes = valid
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = specials[Int(rng.next() % UInt64(specials.count))]
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 20) + 1))
                default: bytes.insert(specials[Int(rng.next() % UInt64(specials.count))], at: at)
                }
                if bytes.isEmpty { bytes = valid }
            }
            _ = processor.process(bytes, from: source)
            if !channel.isActive { try makeChannel { $0.parseLimits.maxMessageSize = 4_000 } }
            try channel.writeInbound(ByteBuffer(bytes: bytes))
            while try outbound() != nil {}
        }
    }

    func testIdleConnectionClosesAfterTheTimeout() throws {
        try makeChannel { $0.streamIdleTimeout = .seconds(30) }
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        XCTAssertTrue(channel.isActive)
        try feed("\r\n\r\n")  // activity restarts the timer
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        XCTAssertTrue(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        XCTAssertFalse(channel.isActive)
        XCTAssertEqual(transport.statistics.connectionsTimedOut, 1)
    }
}

/// A small seeded generator, so that the mangling test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
