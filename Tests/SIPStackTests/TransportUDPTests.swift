import NIOCore
import NIOPosix
import SIPCore
import XCTest
@testable import SIPStack

final class TransportUDPTests: XCTestCase {
    var group: MultiThreadedEventLoopGroup!
    var delegate: RecordingDelegate!
    var transport: TransportLayer!

    override func setUp() async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        delegate = RecordingDelegate(loop: group.next())
        transport = TransportLayer(group: group, delegate: delegate)
    }

    override func tearDown() async throws {
        await transport.shutdown()
        try await group.shutdownGracefully()
    }

    /// A phone sends OPTIONS, the transport hands it up, and the 200 routed by
    /// `responseDestination` reaches the phone from our listening port.
    private func roundTrip(host: String) async throws {
        let bound = try await transport.listen(.udp, host: host, port: 0)
        let phone = try await UDPTestPeer(group: group, host: host)
        defer { Task { await phone.close() } }
        try await phone.send(SipText.options(via: "\(host.contains(":") ? "[\(host)]" : host):5999"), to: bound)

        let request = try await delegate.next("the OPTIONS")
        XCTAssertTrue(request.onLoop, "delegate is called on the event loop that read the message")
        XCTAssertEqual(request.source.transport, .udp)
        XCTAssertEqual(request.source.remote, phone.address)
        XCTAssertEqual(request.source.local.port, bound.port)
        XCTAssertEqual(request.message.method, .options)

        let response = Helper.makeResponse(to: request.message, code: 200)
        let destination = try XCTUnwrap(transport.responseDestination(for: response, requestSource: request.source))
        XCTAssertEqual(destination.remote, phone.address, "rport and received route the response to the phone")
        try await transport.send(response, to: destination)

        let (answer, from) = try await phone.receive("the 200")
        XCTAssertEqual(answer.statusCode, 200)
        XCTAssertEqual(from.port, bound.port, "UDP leaves from the listening socket (RFC 3261 §18.2.2)")
        XCTAssertEqual(transport.statistics.messagesReceived, 1)
        XCTAssertEqual(transport.statistics.requestsReceived, 1)
        XCTAssertEqual(transport.statistics.messagesSent, 1)
        XCTAssertEqual(transport.statistics.responsesSent, [0, 1, 0, 0, 0, 0], "one 2xx")
    }

    func testUDPRoundTripOverIPv4() async throws {
        try await roundTrip(host: "127.0.0.1")
    }

    func testUDPRoundTripOverIPv6() async throws {
        try await roundTrip(host: "::1")
    }

    func testRequestsBetweenTransportsLeaveFromTheListeningPort() async throws {
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let otherDelegate = RecordingDelegate(loop: group.next())
        let other = TransportLayer(group: group, delegate: otherDelegate)
        let otherBound = try await other.listen(.udp, host: "127.0.0.1", port: 0)
        let request = try SipMessage.parse(SipText.options(via: "127.0.0.1:\(otherBound.port!)", viaParams: ""))
        try await other.send(request, to: SipDestination(transport: .udp, remote: bound))

        let received = try await delegate.next()
        XCTAssertEqual(received.source.remote.port, otherBound.port)
        XCTAssertNil(received.message.front(.vias)?.received, "sent-by matches the source: no received (§18.2.1)")
        await other.shutdown()
    }

    func testSendingUDPWithoutAListenerOfThatFamilyFails() async throws {
        _ = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let request = try SipMessage.parse(SipText.options())
        do {
            try await transport.send(request, to: SipDestination(transport: .udp, remote: try SocketAddress(ipAddress: "::1", port: 5060)))
            XCTFail("expected noListener")
        } catch let error as TransportError {
            XCTAssertEqual(error, .noListener(.udp, family: "IPv6"))
        }
        XCTAssertEqual(transport.statistics.sendFailures, 1)
    }

    /// Sends from an event loop go straight to the socket of that loop (`DatagramSocket`).
    private func sendOnLoop(_ message: SipMessage, to remote: SocketAddress) async throws {
        let loop = group.next()
        let transport = self.transport!
        try await loop.flatSubmit {
            transport.send(message, to: SipDestination(transport: .udp, remote: remote), on: loop)
        }.get()
    }

    func testASendOnAnEventLoopLeavesFromTheListeningPortAndIsCounted() async throws {
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let phone = try await UDPTestPeer(group: group, host: "127.0.0.1")
        defer { Task { await phone.close() } }
        let request = try SipMessage.parse(SipText.options(via: "127.0.0.1:\(bound.port!)", viaParams: ""))
        try await sendOnLoop(request, to: phone.address)

        let (received, from) = try await phone.receive("the OPTIONS")
        XCTAssertEqual(received.method, .options)
        XCTAssertEqual(from.port, bound.port, "UDP leaves from the listening socket (RFC 3261 §18.1.1)")
        XCTAssertEqual(transport.statistics.messagesSent, 1)
        XCTAssertEqual(transport.statistics.responsesSent, [0, 0, 0, 0, 0, 0], "a request is no response")
    }

    func testASendTheKernelRefusesFailsAndIsCounted() async throws {
        _ = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let request = try SipMessage.parse(SipText.options())
        // The broadcast address without SO_BROADCAST: sendto(2) refuses it (EACCES).
        do {
            try await sendOnLoop(request, to: try SocketAddress(ipAddress: "255.255.255.255", port: 5060))
            XCTFail("expected the send to fail")
        } catch let error as IOError {
            XCTAssertEqual(error.errnoCode, EACCES)
        }
        XCTAssertEqual(transport.statistics.sendFailures, 1)
        XCTAssertEqual(transport.statistics.messagesSent, 0)
    }

    func testMalformedRequestGetsA400NamingTheProblem() async throws {
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let phone = try await UDPTestPeer(group: group, host: "127.0.0.1")
        defer { Task { await phone.close() } }
        try await phone.send(SipText.options(cseq: "one OPTIONS"), to: bound)

        let (answer, _) = try await phone.receive("the 400")
        XCTAssertEqual(answer.statusCode, 400)
        XCTAssertTrue(answer.reasonPhrase.contains("CSeq"), answer.reasonPhrase)
        XCTAssertEqual(answer[.callID], "call-1@test")
        XCTAssertEqual(answer.headerValue(named: "CSeq"), "one OPTIONS", "the bad header is echoed as received")
        XCTAssertEqual(delegate.received.count, 0)
    }

    func testGarbageIsDroppedAndCountedWithoutReply() async throws {
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let phone = try await UDPTestPeer(group: group, host: "127.0.0.1")
        defer { Task { await phone.close() } }
        try await phone.send("\u{01}\u{02} this is not SIP at all", to: bound)
        // A malformed request afterwards is answered: if the garbage had been answered,
        // that answer would arrive first.
        try await phone.send(SipText.options(cseq: "x"), to: bound)

        let (answer, _) = try await phone.receive("the 400")
        XCTAssertEqual(answer.statusCode, 400)
        let stats = transport.statistics
        XCTAssertEqual(stats.droppedUnparsable, 2)
        XCTAssertEqual(stats.errorResponsesSent, 1)
        XCTAssertEqual(stats.messagesReceived, 0)
        XCTAssertEqual(delegate.received.count, 0)
    }

    func testOversizedDatagramIsDroppedUnanswered() async throws {
        var config = TransportConfiguration()
        config.parseLimits.maxMessageSize = 1_000
        let small = TransportLayer(group: group, configuration: config, delegate: delegate)
        let bound = try await small.listen(.udp, host: "127.0.0.1", port: 0)
        let phone = try await UDPTestPeer(group: group, host: "127.0.0.1")
        defer { Task { await phone.close() } }
        try await phone.send(SipText.options(body: String(repeating: "x", count: 1_500)), to: bound)
        try await phone.send(SipText.options(cseq: "x"), to: bound)

        let (answer, _) = try await phone.receive("the 400")
        XCTAssertEqual(answer.statusCode, 400, "the oversized request was not answered")
        XCTAssertEqual(small.statistics.droppedOversized, 1)
        await small.shutdown()
    }

    func testEveryMessageIsPublishedToTheMessageLog() async throws {
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let phone = try await UDPTestPeer(group: group, host: "127.0.0.1")
        defer { Task { await phone.close() } }
        let text = SipText.options()
        try await phone.send(text, to: bound)
        let request = try await delegate.next()
        try await transport.send(Helper.makeResponse(to: request.message, code: 200), to: SipDestination(replyingTo: request.source))
        _ = try await phone.receive()

        let log = transport.messageLog.snapshot(after: 0)
        XCTAssertEqual(log.entries.map(\.element.direction), [.inbound, .outbound])
        XCTAssertEqual(log.entries[0].element.bytes, Array(text.utf8))
        XCTAssertEqual(log.entries[0].element.remote, phone.address)
        XCTAssertEqual(log.entries[1].element.local?.port, bound.port)
        XCTAssertEqual(log.dropped, 0)
    }

    func testNothingIsPublishedToTheMessageLogWhileRecordingIsOff() async throws {
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let phone = try await UDPTestPeer(group: group, host: "127.0.0.1")
        defer { Task { await phone.close() } }
        transport.recordsMessages = false
        try await phone.send(SipText.options(), to: bound)
        let request = try await delegate.next()
        try await transport.send(Helper.makeResponse(to: request.message, code: 200), to: SipDestination(replyingTo: request.source))
        _ = try await phone.receive()
        XCTAssertEqual(transport.messageLog.lastSequenceNumber, 0, "neither message was kept")

        transport.recordsMessages = true
        try await phone.send(SipText.options(), to: bound)
        _ = try await delegate.next()
        let log = transport.messageLog.snapshot(after: 0)
        XCTAssertEqual(log.entries.map(\.element.direction), [.inbound], "recording again from the next message")
    }

    func testUDPListensWithOneSocketPerEventLoopOnOnePort() async throws {
        #if os(Linux)
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let channels = transport.listeners.withLock { $0.datagram[0].channels }
        XCTAssertEqual(channels.count, 2, "SO_REUSEPORT: one socket per event loop")
        XCTAssertEqual(Set(channels.map { $0.localAddress?.port }), [bound.port])
        XCTAssertFalse(channels[0].eventLoop === channels[1].eventLoop)
        #else
        throw XCTSkip("SO_REUSEPORT load spreading is Linux only")
        #endif
    }

    func testListeningOnAPortInUseFails() async throws {
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let other = TransportLayer(group: group)
        do {
            _ = try await other.listen(.udp, host: "127.0.0.1", port: bound.port!)
            XCTFail("a second server must not share the port")
        } catch let error as IOError {
            XCTAssertEqual(error.errnoCode, EADDRINUSE)
        }
        await other.shutdown()
    }

    func testTransactionTransportReportsSendFailures() async throws {
        let failed = TestQueue<String>(loop: group.next())
        let request = try SipMessage.parse(SipText.options())
        transport.send(request, to: SipDestination(transport: .udp, remote: try SocketAddress(ipAddress: "::1", port: 5060))) {
            failed.push("\($0)")
        }
        let error = try await failed.next("the failure")
        XCTAssertTrue(error.contains("IPv6"), error)
    }

    func testTLSIsNotSupportedYet() async throws {
        do {
            _ = try await transport.listen(.tls, host: "127.0.0.1", port: 0)
            XCTFail("expected unsupported")
        } catch let error as TransportError {
            XCTAssertEqual(error, .unsupported(.tls))
        }
    }
}
