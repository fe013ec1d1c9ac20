import NIOCore
import NIOEmbedded
import SIPCore
import XCTest
@testable import SIPStack

/// RFC 3261 §17.1 client transactions under a virtual clock.
final class ClientTransactionTests: XCTestCase {
    var loop: EmbeddedEventLoop!
    var transport: RecordingTransport!
    var layer: TransactionLayer!
    var events: [ClientTransactionEvent] = []

    override func setUp() {
        loop = EmbeddedEventLoop()
        transport = RecordingTransport()
        layer = TransactionLayer(loops: [loop], transport: transport)
        events = []
    }

    override func tearDown() {
        try? loop.syncShutdownGracefully()
    }

    @discardableResult
    func start(_ method: SipMethod, over kind: TransportKind = .udp) throws -> (ClientTransaction, SipMessage) {
        let request = TransactionFixtures.request(method, transport: kind.rawValue)
        let ct = try layer.sendRequest(request, to: TransactionFixtures.destination(kind)) { [unowned self] in
            self.events.append($0)
        }
        return (ct, request)
    }

    func respond(_ request: SipMessage, _ code: Int) {
        let response = TransactionFixtures.reparsed(Helper.makeResponse(to: request, code: code, toTag: "t1"))
        layer.receive(response, from: TransactionFixtures.source())
    }

    var responseCodes: [Int] {
        events.compactMap { if case .response(let r) = $0 { return r.statusCode } else { return nil } }
    }

    var timedOut: Bool { events.contains { if case .timeout = $0 { return true } else { return false } } }

    func testNonInviteOverUDPRetransmitsOnTimerEDoublingUpToT2() throws {
        try start(.options)
        XCTAssertEqual(transport.sent.count, 1)
        // E fires at 0.5, 1.5, 3.5, 7.5 s, then every T2 = 4 s: 11.5, 15.5, … 31.5 s.
        loop.advanceTime(by: .milliseconds(500))
        XCTAssertEqual(transport.sent.count, 2)
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(transport.sent.count, 3)
        loop.advanceTime(by: .seconds(2))
        XCTAssertEqual(transport.sent.count, 4)
        loop.advanceTime(by: .seconds(4))
        XCTAssertEqual(transport.sent.count, 5)
        loop.advanceTime(by: .seconds(4))
        XCTAssertEqual(transport.sent.count, 6, "the interval stays at T2")
    }

    func testNonInviteTimerFGivesTheTUATimeoutAfter64T1() throws {
        let (ct, _) = try start(.options)
        loop.advanceTime(by: .milliseconds(31_999))
        XCTAssertFalse(timedOut)
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertTrue(timedOut)
        XCTAssertEqual(ct.state, .terminated)
        XCTAssertEqual(transport.sent.count, 11, "sent at 0 and retransmitted ten times before Timer F")
    }

    func testNonInviteOverTCPNeverRetransmits() throws {
        try start(.options, over: .tcp)
        loop.advanceTime(by: .seconds(31))
        XCTAssertEqual(transport.sent.count, 1)
        loop.advanceTime(by: .seconds(1))
        XCTAssertTrue(timedOut, "Timer F runs on reliable transports too")
    }

    func testNonInviteProvisionalMovesToProceedingAndRetransmitsEveryT2() throws {
        let (ct, request) = try start(.options)
        respond(request, 100)
        XCTAssertEqual(ct.state, .proceeding)
        let before = transport.sent.count
        loop.advanceTime(by: .milliseconds(500))  // the E scheduled while Trying
        loop.advanceTime(by: .seconds(4))
        XCTAssertEqual(transport.sent.count, before + 2)
    }

    func testNonInviteFinalResponseCompletesAndAbsorbsRetransmissionsUntilTimerK() throws {
        let (ct, request) = try start(.register)
        respond(request, 200)
        XCTAssertEqual(ct.state, .completed)
        respond(request, 200)
        XCTAssertEqual(responseCodes, [200], "the retransmitted 200 is absorbed")
        let sent = transport.sent.count
        loop.advanceTime(by: .seconds(10))
        XCTAssertEqual(transport.sent.count, sent, "no retransmission after a final response")
        XCTAssertEqual(ct.state, .terminated, "Timer K = T4 = 5 s")
    }

    func testInviteOverUDPRetransmitsOnTimerADoublingWithoutCap() throws {
        try start(.invite)
        // A fires at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
        for (advance, expected) in [(500, 2), (1000, 3), (2000, 4), (4000, 5), (8000, 6), (16000, 7)] {
            loop.advanceTime(by: .milliseconds(Int64(advance)))
            XCTAssertEqual(transport.sent.count, expected)
        }
    }

    func testInviteTimerBGivesTheTUATimeoutAfter64T1() throws {
        let (ct, _) = try start(.invite)
        loop.advanceTime(by: .seconds(32))
        XCTAssertTrue(timedOut)
        XCTAssertEqual(ct.state, .terminated)
    }

    func testInviteProvisionalStopsRetransmissionsAndTimerB() throws {
        let (ct, request) = try start(.invite)
        respond(request, 180)
        XCTAssertEqual(ct.state, .proceeding)
        loop.advanceTime(by: .seconds(60))
        XCTAssertEqual(transport.sent.count, 1)
        XCTAssertFalse(timedOut, "Timer B only runs while Calling; a proxy uses Timer C instead")
        XCTAssertEqual(responseCodes, [180])
    }

    func testInviteNonSuccessFinalResponseIsAcknowledgedByTheTransaction() throws {
        let (ct, request) = try start(.invite)
        respond(request, 486)
        XCTAssertEqual(ct.state, .completed)
        XCTAssertEqual(responseCodes, [486])
        let ack = try XCTUnwrap(transport.requestsSent.last)
        XCTAssertEqual(ack.method, .ack)
        XCTAssertEqual(ack[.cSeq], CSeq(1, .ack))
        XCTAssertEqual(ack.front(.vias)?.branch, request.front(.vias)?.branch, "§17.1.1.3: same branch")
        XCTAssertEqual(ack[.to]?.tag, "t1", "To comes from the response")
    }

    func testInviteRetransmittedErrorResponseGetsTheAckAgainButNotTheTU() throws {
        let (ct, request) = try start(.invite)
        respond(request, 486)
        respond(request, 486)
        XCTAssertEqual(transport.sentCount { $0.method == .ack }, 2)
        XCTAssertEqual(responseCodes, [486])
        loop.advanceTime(by: .seconds(32))
        XCTAssertEqual(ct.state, .terminated, "Timer D")
    }

    func testInviteSuccessEntersAcceptedAndPassesRetransmitted2xxToTheTU() throws {
        let (ct, request) = try start(.invite)
        respond(request, 200)
        XCTAssertEqual(ct.state, .accepted)
        respond(request, 200)
        XCTAssertEqual(responseCodes, [200, 200], "RFC 6026: 2xx retransmissions reach the TU")
        XCTAssertEqual(transport.sentCount { $0.method == .ack }, 0, "the TU, not the transaction, ACKs a 2xx")
        loop.advanceTime(by: .seconds(32))
        XCTAssertEqual(ct.state, .terminated, "Timer M = 64·T1")
    }

    func testTransportFailureReachesTheTU() throws {
        transport.failSends = true
        let (ct, _) = try start(.options)
        loop.run()  // the failure is reported back on the transaction's loop
        XCTAssertEqual(ct.state, .terminated)
        XCTAssertTrue(events.contains { if case .transportError = $0 { return true } else { return false } })
    }

    func testConfigurableT1ScalesEveryTimer() throws {
        var timers = TransactionTimers()
        timers.t1 = .milliseconds(100)
        layer = TransactionLayer(loops: [loop], timers: timers, transport: transport)
        try start(.invite)
        loop.advanceTime(by: .milliseconds(100))
        XCTAssertEqual(transport.sent.count, 2)
        loop.advanceTime(by: .milliseconds(6300))
        XCTAssertTrue(timedOut, "Timer B = 64·T1 = 6.4 s")
    }

    func testResponseToAnUnknownBranchIsAStray() throws {
        let tu = RecordingTU()
        layer.addTransactionUser(tu)
        let request = TransactionFixtures.request(.invite)
        respond(request, 200)
        XCTAssertEqual(tu.strays.count, 1)
    }
}
