import NIOCore
import NIOPosix
import SIPCore
import XCTest
@testable import SIPStack

final class TransportTCPTests: XCTestCase {
    var group: MultiThreadedEventLoopGroup!
    var delegate: RecordingDelegate!
    var transport: TransportLayer!

    override func setUp() async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        delegate = RecordingDelegate(loop: group.next())
    }

    override func tearDown() async throws {
        await transport?.shutdown()
        try await group.shutdownGracefully()
    }

    private func listen(_ configure: (inout TransportConfiguration) -> Void = { _ in }) async throws -> SocketAddress {
        var config = TransportConfiguration()
        configure(&config)
        transport = TransportLayer(group: group, configuration: config, delegate: delegate)
        return try await transport.listen(.tcp, host: "127.0.0.1", port: 0)
    }

    func testRequestsReuseOneConnectionAndResponsesComeBackOnIt() async throws {
        let bound = try await listen()
        let clientDelegate = RecordingDelegate(loop: group.next())
        let client = TransportLayer(group: group, delegate: clientDelegate)
        defer { Task { await client.shutdown() } }
        let server = SipDestination(transport: .tcp, remote: bound)

        try await client.send(try SipMessage.parse(SipText.options(transport: "TCP", via: "client.invalid:5060")), to: server)
        let first = try await delegate.next("the first request")
        let connection = try XCTUnwrap(first.source.connection)
        XCTAssertEqual(first.message.front(.vias)?.received, "127.0.0.1")

        let response = Helper.makeResponse(to: first.message, code: 200)
        let destination = try XCTUnwrap(transport.responseDestination(for: response, requestSource: first.source))
        XCTAssertEqual(destination.connection, connection, "RFC 3261 §18.2.2: the response uses the request's connection")
        try await transport.send(response, to: destination)
        let answer = try await clientDelegate.next("the 200")
        XCTAssertEqual(answer.message.statusCode, 200)
        XCTAssertNotNil(answer.source.connection)

        try await client.send(try SipMessage.parse(SipText.options(transport: "TCP", branch: "z9hG4bK-2", cseq: "2 OPTIONS")),
                              to: server)
        let second = try await delegate.next("the second request")
        XCTAssertEqual(second.source.connection, connection, "the client reused its connection")
        XCTAssertEqual(transport.statistics.connectionsAccepted, 1)
        XCTAssertEqual(client.statistics.connectionsOpened, 1)
        XCTAssertEqual(transport.statistics.messagesSent, 1)
    }

    func testWritesFromEveryLoopToOneConnectionAllArriveInTheOrderEachLoopMadeThem() async throws {
        // Responses are made on their transaction's loop, which is often not the loop of the
        // connection: those writes go over in batches and are flushed per batch; the
        // connection's own loop flushes once per run of tasks.
        let bound = try await listen()
        let peer = try await TCPTestPeer(group: group, to: bound)
        defer { Task { await peer.close() } }
        try await peer.write(SipText.options(transport: "TCP"))
        let request = try await delegate.next("the request")
        let destination = try XCTUnwrap(transport.responseDestination(for: Helper.makeResponse(to: request.message, code: 200),
                                                                      requestSource: request.source))
        let perLoop = 2 * HandOverQueue<TransportLayer>.batchLimit + 3
        let transport = self.transport!
        var sent: [EventLoopFuture<Void>] = []
        for (index, loop) in group.makeIterator().enumerated() {
            let futures = try await loop.submit { () -> [EventLoopFuture<Void>] in
                (0..<perLoop).map { n in
                    let response = Helper.makeResponse(to: request.message, code: 200, reason: "L\(index) N\(n)")
                    return transport.send(response, to: destination, on: loop)
                }
            }.get()
            sent += futures
        }
        var reasons: [String] = []
        for _ in 0..<(2 * perLoop) { reasons.append(try await peer.receive("a response").reasonPhrase) }
        for f in sent { try await f.get() }  // all written by now
        for index in 0..<2 {
            XCTAssertEqual(reasons.filter { $0.hasPrefix("L\(index) ") }, (0..<perLoop).map { "L\(index) N\($0)" },
                           "loop \(index)'s responses, all and in order")
        }
        XCTAssertEqual(transport.statistics.messagesSent, 2 * perLoop)
    }

    func testEveryMessageGatheredForAClosedConnectionFails() async throws {
        let bound = try await listen()
        let peer = try await TCPTestPeer(group: group, to: bound)
        defer { Task { await peer.close() } }
        try await peer.write(SipText.options(transport: "TCP"))
        let request = try await delegate.next("the request")
        let channel = try XCTUnwrap(transport.registry.channel(try XCTUnwrap(request.source.connection)))
        try await channel.close()
        let bytes = Helper.makeResponse(to: request.message, code: 200).serialize()
        let transport = self.transport!
        // Made on the loop that is not the channel's, so both go over in one batch and one buffer.
        let other = group.makeIterator().first { !($0 === channel.eventLoop) }!
        let results = try await other.submit { () -> [EventLoopFuture<Void>] in
            (0..<2).map { _ in
                let written = other.makePromise(of: Void.self)
                transport.write(bytes, on: channel, transport: .tcp, remote: request.source.remote,
                                connection: request.source.connection, completion: .promise(written))
                return written.futureResult
            }
        }.get()
        for r in results {
            do {
                try await r.get()
                XCTFail("a write to a closed connection succeeded")
            } catch {}
        }
        XCTAssertEqual(transport.statistics.sendFailures, 2)
        XCTAssertEqual(transport.statistics.messagesSent, 0)
    }

    func testTCPOverIPv6() async throws {
        transport = TransportLayer(group: group, delegate: delegate)
        let bound = try await transport.listen(.tcp, host: "::1", port: 0)
        let client = TransportLayer(group: group)
        defer { Task { await client.shutdown() } }
        try await client.send(try SipMessage.parse(SipText.options(transport: "TCP", via: "[::1]:5060")),
                              to: SipDestination(transport: .tcp, remote: bound))
        let request = try await delegate.next()
        XCTAssertEqual(request.source.remote.ipAddress, "::1")
        XCTAssertEqual(request.source.transport, .tcp)
    }

    func testConcurrentSendsToANewDestinationShareOneConnect() async throws {
        let bound = try await listen()
        let client = TransportLayer(group: group)
        defer { Task { await client.shutdown() } }
        let server = SipDestination(transport: .tcp, remote: bound)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for n in 1...5 {
                let text = SipText.options(transport: "TCP", branch: "z9hG4bK-\(n)", cseq: "\(n) OPTIONS")
                tasks.addTask { try await client.send(try SipMessage.parse(text), to: server) }
            }
            try await tasks.waitForAll()
        }
        for _ in 1...5 { _ = try await delegate.next() }
        XCTAssertEqual(client.statistics.connectionsOpened, 1)
        XCTAssertEqual(transport.statistics.connectionsAccepted, 1)
    }

    func testAMessageSplitAcrossWritesIsFramedWhole() async throws {
        let bound = try await listen()
        let phone = try await TCPTestPeer(group: group, to: bound)
        defer { Task { await phone.close() } }
        let text = SipText.options(transport: "TCP", body: "v=0\r\n")
        let bytes = Array(text.utf8)
        for piece in [bytes[..<7], bytes[7..<60], bytes[60..<(bytes.count - 2)], bytes[(bytes.count - 2)...]] {
            try await phone.write(String(decoding: piece, as: UTF8.self))
        }
        try await phone.write(SipText.options(transport: "TCP", branch: "z9hG4bK-2", cseq: "2 OPTIONS"))
        let first = try await delegate.next()
        XCTAssertEqual(first.message.body, Array("v=0\r\n".utf8))
        let second = try await delegate.next()
        XCTAssertEqual(second.message[.cSeq]?.sequence, 2)
    }

    func testCRLFCRLFPingIsAnsweredWithCRLF() async throws {
        let bound = try await listen()
        let phone = try await TCPTestPeer(group: group, to: bound)
        defer { Task { await phone.close() } }
        try await phone.write("\r\n\r\n")
        let pong = try await phone.readRaw(count: 2)
        XCTAssertEqual(pong, [0x0d, 0x0a])
        XCTAssertEqual(transport.statistics.keepAlivesAnswered, 1)
    }

    func testOversizedMessageGets513AndClosesOnlyItsConnection() async throws {
        let bound = try await listen { $0.parseLimits.maxMessageSize = 2_000 }
        let bystander = try await TCPTestPeer(group: group, to: bound)
        let offender = try await TCPTestPeer(group: group, to: bound)
        defer { Task { await bystander.close(); await offender.close() } }
        try await offender.write(SipText.options(transport: "TCP", body: String(repeating: "x", count: 3_000)))

        let answer = try await offender.receive("the 513")
        XCTAssertEqual(answer.statusCode, 513)
        XCTAssertEqual(answer[.callID], "call-1@test")
        try await offender.waitForClose()

        try await bystander.write(SipText.options(transport: "TCP"))
        let request = try await delegate.next("the bystander's request")
        XCTAssertEqual(request.message.method, .options)
        XCTAssertEqual(transport.statistics.droppedOversized, 1)
    }

    func testMessageWithoutContentLengthGets400AndCloses() async throws {
        let bound = try await listen()
        let phone = try await TCPTestPeer(group: group, to: bound)
        defer { Task { await phone.close() } }
        let text = SipText.options(transport: "TCP").replacingOccurrences(of: "Content-Length: 0\r\n", with: "")
        try await phone.write(text)
        let answer = try await phone.receive("the 400")
        XCTAssertEqual(answer.statusCode, 400)
        XCTAssertTrue(answer.reasonPhrase.contains("Content-Length"), answer.reasonPhrase)
        try await phone.waitForClose()
    }

    func testIdleConnectionIsClosed() async throws {
        let bound = try await listen { $0.streamIdleTimeout = .milliseconds(200) }
        let phone = try await TCPTestPeer(group: group, to: bound)
        try await phone.waitForClose()
        let transport: TransportLayer = self.transport
        try await eventually("the connection to be forgotten") { transport.statistics.connectionsOpen == 0 }
        XCTAssertEqual(transport.statistics.connectionsTimedOut, 1)
    }

    func testAcceptsOverTheConnectionLimitAreRefused() async throws {
        let bound = try await listen { $0.maxConnections = 1 }
        let first = try await TCPTestPeer(group: group, to: bound)
        defer { Task { await first.close() } }
        let transport: TransportLayer = self.transport
        try await eventually("the first connection") { transport.statistics.connectionsOpen == 1 }
        let second = try await TCPTestPeer(group: group, to: bound)
        try await second.waitForClose()
        XCTAssertEqual(transport.statistics.connectionsRefused, 1)
        try await first.write(SipText.options(transport: "TCP"))
        _ = try await delegate.next("the first connection still works")
    }
}
