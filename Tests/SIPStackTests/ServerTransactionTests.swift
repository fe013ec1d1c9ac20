import NIOCore
import NIOEmbedded
import SIPCore
import XCTest
@testable import SIPStack

/// RFC 3261 §17.2 server transactions and §17.2.3 matching, under a virtual clock.
final class ServerTransactionTests: XCTestCase {
    var loop: EmbeddedEventLoop!
    var transport: RecordingTransport!
    var layer: TransactionLayer!
    var tu: RecordingTU!

    override func setUp() {
        loop = EmbeddedEventLoop()
        transport = RecordingTransport()
        layer = TransactionLayer(loops: [loop], transport: transport)
        tu = RecordingTU()
        layer.addTransactionUser(tu)
    }

    override func tearDown() {
        try? loop.syncShutdownGracefully()
    }

    func receive(_ request: SipMessage, over kind: TransportKind = .udp) {
        layer.receive(TransactionFixtures.reparsed(request), from: TransactionFixtures.source(kind))
    }

    func lastTransaction() throws -> ServerTransaction {
        try XCTUnwrap(tu.requests.last?.transaction)
    }

    func ack(for invite: SipMessage, response: SipMessage) -> SipMessage {
        Helper.makeAck(for: invite, response: response)
    }

    func testInviteGets100TryingAtOnce() throws {
        receive(TransactionFixtures.request(.invite))
        XCTAssertEqual(transport.responsesSent.map(\.statusCode), [100])
        XCTAssertEqual(try lastTransaction().state, .proceeding)
    }

    func testRetransmittedInviteResendsTheLastProvisionalAndIsNotPassedUp() throws {
        let invite = TransactionFixtures.request(.invite)
        receive(invite)
        let st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 180))
        receive(invite)
        XCTAssertEqual(tu.requests.count, 1)
        XCTAssertEqual(transport.responsesSent.map(\.statusCode), [100, 180, 180])
    }

    func testErrorResponseIsRetransmittedOnTimerGUntilTheAck() throws {
        let invite = TransactionFixtures.request(.invite)
        receive(invite)
        let st = try lastTransaction()
        let busy = Helper.makeResponse(to: st.request, code: 486)
        st.respond(busy)
        XCTAssertEqual(st.state, .completed)
        // G fires at 0.5, 1.5, 3.5 s (doubling up to T2).
        loop.advanceTime(by: .milliseconds(500))
        loop.advanceTime(by: .seconds(1))
        loop.advanceTime(by: .seconds(2))
        XCTAssertEqual(transport.sentCount { $0.statusCode == 486 }, 4)
        receive(ack(for: invite, response: busy))
        XCTAssertEqual(st.state, .confirmed)
        XCTAssertEqual(tu.requests.count, 1, "the ACK for a non-2xx stays in the transaction")
        loop.advanceTime(by: .seconds(8))
        XCTAssertEqual(transport.sentCount { $0.statusCode == 486 }, 4, "Confirmed stops Timer G")
        XCTAssertEqual(st.state, .terminated, "Timer I = T4")
    }

    func testMissingAckEndsTheTransactionOnTimerHAndTellsTheTU() throws {
        receive(TransactionFixtures.request(.invite))
        let st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 603))
        loop.advanceTime(by: .seconds(32))
        XCTAssertEqual(st.state, .terminated)
        XCTAssertEqual(tu.failures, [.timeout])
    }

    func testErrorResponseOverTCPIsNotRetransmitted() throws {
        receive(TransactionFixtures.request(.invite, transport: "TCP"), over: .tcp)
        let st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 486))
        loop.advanceTime(by: .seconds(10))
        XCTAssertEqual(transport.sentCount { $0.statusCode == 486 }, 1)
    }

    func testSuccessEntersAcceptedAbsorbsRetransmissionsAndPassesTheAckToTheTU() throws {
        let invite = TransactionFixtures.request(.invite)
        receive(invite)
        let st = try lastTransaction()
        let ok = Helper.makeResponse(to: st.request, code: 200)
        st.respond(ok)
        XCTAssertEqual(st.state, .accepted)
        receive(invite)
        XCTAssertEqual(transport.sentCount { $0.statusCode == 200 }, 1, "RFC 6026: Accepted absorbs the retransmission")
        st.respond(ok)
        XCTAssertEqual(transport.sentCount { $0.statusCode == 200 }, 2, "the TU may retransmit its 2xx")
        var ack = Helper.makeAck(for: invite, response: ok)
        ack.pushFront(.vias, Via(transport: "UDP", host: "127.0.0.1", port: 5070, branch: Helper.newBranch()))
        ack.popBack(.vias)
        ack = TransactionFixtures.reparsed(ack)
        receive(ack)
        XCTAssertEqual(tu.requests.count, 2)
        XCTAssertEqual(tu.requests.last?.request.method, .ack)
        XCTAssertNil(tu.requests.last?.transaction, "an ACK for a 2xx has no transaction (§17.2.3)")
        loop.advanceTime(by: .seconds(32))
        XCTAssertEqual(st.state, .terminated, "Timer L")
    }

    func testNonInviteFinalResponseIsResentForRetransmissionsUntilTimerJ() throws {
        let options = TransactionFixtures.request(.options)
        receive(options)
        let st = try lastTransaction()
        XCTAssertEqual(st.state, .trying)
        XCTAssertTrue(transport.sent.isEmpty, "no 100 for a non-INVITE")
        receive(options)
        XCTAssertTrue(transport.sent.isEmpty, "Trying has nothing to resend")
        st.respond(Helper.makeResponse(to: st.request, code: 200))
        XCTAssertEqual(st.lastResponse?.statusCode, 200, "the transaction still tells its final response")
        receive(options)
        XCTAssertEqual(transport.sentCount { $0.statusCode == 200 }, 2)
        XCTAssertEqual(transport.sent.map(\.destination.remote), Array(repeating: TransactionFixtures.peer, count: 2),
                       "the retransmitted response goes where the first went")
        XCTAssertEqual(transport.sent.map(\.destination.transport), [.udp, .udp])
        XCTAssertEqual(tu.requests.count, 1)
        loop.advanceTime(by: .milliseconds(31_999))
        XCTAssertEqual(st.state, .completed)
        receive(options)
        XCTAssertEqual(transport.sentCount { $0.statusCode == 200 }, 3, "still absorbed just before Timer J")
        loop.advanceTime(by: .milliseconds(1))
        receive(options)
        XCTAssertEqual(tu.requests.count, 2, "Timer J = 64·T1 over UDP: after it the request is a new one")
        XCTAssertEqual(transport.sentCount { $0.statusCode == 200 }, 3)
    }

    func testACompletedNonInviteIsEndedOnTimerJInTheEventStream() throws {
        final class Sink: @unchecked Sendable { var events: [TransactionEvent] = [] }
        let sink = Sink()
        layer = TransactionLayer(loops: [loop], transport: transport, eventSink: { sink.events.append($0) })
        layer.addTransactionUser(tu)
        receive(TransactionFixtures.request(.options))
        var st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 200))
        loop.advanceTime(by: .seconds(10))
        receive(TransactionFixtures.request(.register))
        st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 200))
        XCTAssertEqual(layer.shards[0].servers.count, 2, "both wait out Timer J")
        loop.advanceTime(by: .seconds(22))
        XCTAssertEqual(sink.events.map(\.state), [.trying, .completed, .trying, .completed, .terminated],
                       "the first ends 64·T1 after its final response, the second not yet")
        XCTAssertEqual(sink.events.last?.key.method, .options)
        XCTAssertEqual(sink.events.last?.end, .normal)
        XCTAssertEqual(sink.events.last?.callID, "call-1")
        XCTAssertEqual(layer.shards[0].servers.count, 1)
        loop.advanceTime(by: .seconds(10))
        XCTAssertEqual(sink.events.map(\.state).count, 6)
        XCTAssertEqual(sink.events.last?.key.method, .register)
        XCTAssertEqual(layer.shards[0].servers.count, 0)
        XCTAssertTrue(layer.shards[0].retired.isEmpty)
    }

    func testATransportErrorResendingACompletedNonInvitesResponseEndsIt() throws {
        let options = TransactionFixtures.request(.options)
        receive(options)
        let st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 200))
        transport.failSends = true
        receive(options)
        loop.run()
        XCTAssertEqual(layer.shards[0].servers.count, 0, "§17.2.4: a transport error ends the transaction")
        transport.failSends = false
        receive(options)
        XCTAssertEqual(tu.requests.count, 2, "so the next copy of the request is a new one")
    }

    func testTerminateAllEndsCompletedNonInvitesToo() throws {
        let options = TransactionFixtures.request(.options)
        receive(options)
        try lastTransaction().respond(Helper.makeResponse(to: try lastTransaction().request, code: 200))
        XCTAssertEqual(layer.shards[0].servers.count, 1)
        let terminated = layer.terminateAll()
        loop.run()
        try terminated.wait()
        XCTAssertEqual(layer.shards[0].servers.count, 0)
        receive(options)
        XCTAssertEqual(tu.requests.count, 2, "nothing absorbs the retransmission any more")
    }

    func testANonInviteAnsweredAndForgottenEndsAtOnceAndARetransmissionIsAnsweredAnew() throws {
        let register = TransactionFixtures.request(.register)
        receive(register)
        let st = try lastTransaction()
        st.respondAndForget(Helper.makeResponse(to: st.request, code: 401))
        XCTAssertEqual(st.state, .terminated, "no Timer J: the answer is what a stateless UAS would send (§8.2.7)")
        XCTAssertEqual(transport.sentCount { $0.statusCode == 401 }, 1)
        receive(register)
        XCTAssertEqual(tu.requests.count, 2, "the retransmission starts a new transaction and reaches the TU")
    }

    func testAnInviteIsNotForgottenItsNon2xxMustAbsorbTheAck() throws {
        receive(TransactionFixtures.request(.invite))
        let st = try lastTransaction()
        st.respondAndForget(Helper.makeResponse(to: st.request, code: 407))
        XCTAssertEqual(st.state, .completed)
    }

    func testNonInviteOverTCPEndsAtOnceAfterTheFinalResponse() throws {
        receive(TransactionFixtures.request(.register, transport: "TCP"), over: .tcp)
        let st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 200))
        loop.advanceTime(by: .zero)
        XCTAssertEqual(st.state, .terminated, "Timer J = 0 over reliable transports")
    }

    func testCancelIsMatchedToItsInviteTransaction() throws {
        let invite = TransactionFixtures.request(.invite)
        receive(invite)
        let inviteTransaction = try lastTransaction()
        receive(Helper.makeCancel(for: invite))
        let cancel = try lastTransaction()
        XCTAssertEqual(cancel.request.method, .cancel)
        XCTAssertTrue(cancel !== inviteTransaction, "a CANCEL has its own transaction")
        XCTAssertTrue(cancel.cancelledInvite === inviteTransaction)
    }

    func testCancelForAnUnknownInviteMatchesNothing() throws {
        receive(Helper.makeCancel(for: TransactionFixtures.request(.invite)))
        XCTAssertNil(try lastTransaction().cancelledInvite)
    }

    func testRFC2543RequestWithoutMagicCookieIsMatchedByItsFields() throws {
        let old = TransactionFixtures.request(.options, branch: "1234")
        receive(old)
        let st = try lastTransaction()
        XCTAssertTrue(st.key.isLegacy)
        st.respond(Helper.makeResponse(to: st.request, code: 200))
        receive(old)
        XCTAssertEqual(tu.requests.count, 1, "the retransmission matched by Request-URI, tags, Call-ID, CSeq, Via")
        XCTAssertEqual(transport.sentCount { $0.statusCode == 200 }, 2)
        receive(TransactionFixtures.request(.options, branch: "1234", cseq: 2))
        XCTAssertEqual(tu.requests.count, 2, "a new CSeq is a new transaction")
    }

    func testRequestNoTUAcceptsIsAnswered501() throws {
        let picky = TransactionLayer(loops: [loop], transport: transport)
        picky.addTransactionUser(tu) { $0.method == .register }
        picky.receive(TransactionFixtures.reparsed(TransactionFixtures.request(.message)), from: TransactionFixtures.source())
        XCTAssertEqual(transport.responsesSent.map(\.statusCode), [501])
        XCTAssertTrue(tu.requests.isEmpty)
    }

    func testEveryStateChangeIsPublished() throws {
        final class Sink: @unchecked Sendable { var events: [TransactionEvent] = [] }
        let sink = Sink()
        layer = TransactionLayer(loops: [loop], transport: transport, eventSink: { sink.events.append($0) })
        layer.addTransactionUser(tu)
        receive(TransactionFixtures.request(.options, transport: "TCP"), over: .tcp)
        let st = try lastTransaction()
        st.respond(Helper.makeResponse(to: st.request, code: 200))
        loop.advanceTime(by: .zero)
        XCTAssertEqual(sink.events.map(\.state), [.trying, .completed, .terminated])
        XCTAssertEqual(sink.events.last?.end, .normal)
        XCTAssertEqual(sink.events.first?.callID, "call-1")
    }
}
