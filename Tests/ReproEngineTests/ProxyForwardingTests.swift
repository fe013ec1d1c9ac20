import NIOCore
import SIPCore
import SIPStack
import XCTest
@testable import ReproEngine

/// RFC 3261 §16.6 forwarding and §16.7 response handling, through the proxy's chains.
final class ProxyForwardingTests: XCTestCase {
    func harness(_ targets: [(String, QValue)], configuration: ProxyConfiguration = ProxyConfiguration()) -> ProxyHarness {
        ProxyHarness(requestProcessors: [FixedTargets(targets)], configuration: configuration)
    }

    func testForwardedInviteHasDecrementedMaxForwardsRecordRouteAndOurVia() throws {
        let h = harness([("sip:bob@192.0.2.20", .one)])
        h.receive(TestNet.invite(maxForwards: 70))
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        XCTAssertEqual(fwd[.maxForwards], 69)
        XCTAssertEqual(fwd[.recordRoutes].first?.uri.host, TestNet.ourHost)
        XCTAssertEqual(fwd[.recordRoutes].first?.uri.sipURI?.lr, true)
        XCTAssertEqual(fwd[.vias].count, 2)
        XCTAssertEqual(fwd[.vias].first?.host, TestNet.ourHost)
        XCTAssertEqual(fwd[.vias].first?.hasMagicCookie, true)
        XCTAssertEqual(h.upstream, [100], "the INVITE is answered 100 Trying at once")
    }

    func testProvisionalAndFinalResponsesGoUpstreamWithoutOurVia() throws {
        let h = harness([("sip:bob@192.0.2.20", .one)])
        h.receive(TestNet.invite())
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        h.answer(fwd, 180)
        h.answer(fwd, 200)
        XCTAssertEqual(h.upstream, [100, 180, 200])
        let ok = try XCTUnwrap(h.upstreamResponse(200))
        XCTAssertEqual(ok[.vias].count, 1, "our Via is removed (§16.7 step 3)")
        XCTAssertEqual(ok[.vias].first?.host, "192.0.2.1")
    }

    func testParallelForkForwardsThe200AndCancelsTheOtherBranch() throws {
        let h = harness([("sip:bob@192.0.2.20", .one), ("sip:bob@192.0.2.21", .one)])
        h.receive(TestNet.invite())
        let a = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        let b = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.21"))
        h.answer(a, 180)
        h.answer(b, 180)
        h.answer(a, 200)
        XCTAssertEqual(h.upstream.filter { $0 >= 200 }, [200])
        let cancel = try XCTUnwrap(h.downstream.first { $0.method == .cancel })
        XCTAssertEqual(cancel.requestURI?.description, "sip:bob@192.0.2.21")
        XCTAssertEqual(cancel.front(.vias)?.branch, b.front(.vias)?.branch, "a CANCEL carries the branch it cancels")
        XCTAssertTrue(cancel.headerValue(named: "Reason")?.contains("cause=200") ?? false)
    }

    func testParallelForkWhereOneBranchIsBusyStillForwardsThe200() throws {
        let h = harness([("sip:bob@192.0.2.20", .one), ("sip:bob@192.0.2.21", .one)])
        h.receive(TestNet.invite())
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20")), 486)
        XCTAssertEqual(h.upstream, [100], "a 486 waits for the other branch")
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.21")), 200)
        XCTAssertEqual(h.upstream, [100, 200])
    }

    func testSerialForkTriesHigherQFirst() throws {
        let h = harness([("sip:bob@192.0.2.20", QValue("0.5")!), ("sip:bob@192.0.2.21", QValue("0.9")!)])
        h.receive(TestNet.invite())
        XCTAssertNil(h.forwarded(to: "sip:bob@192.0.2.20"), "the lower q waits")
        let first = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.21"))
        h.answer(first, 480)
        let second = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        h.answer(second, 200)
        XCTAssertEqual(h.upstream, [100, 200])
    }

    func testAllBranchesFailingSendsTheBestResponse() throws {
        let h = harness([("sip:bob@192.0.2.20", .one), ("sip:bob@192.0.2.21", .one)])
        h.receive(TestNet.invite())
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20")), 503)
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.21")), 486)
        XCTAssertEqual(h.upstream, [100, 486], "486 is the lowest class present... both 4xx/5xx: 4xx wins")
    }

    func testA503AloneBecomes500() throws {
        let h = harness([("sip:bob@192.0.2.20", .one)])
        h.receive(TestNet.invite())
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20")), 503)
        XCTAssertEqual(h.upstream, [100, 500], "§16.7 step 6")
    }

    func testA6xxCancelsTheOtherBranchesAndWins() throws {
        let h = harness([("sip:bob@192.0.2.20", .one), ("sip:bob@192.0.2.21", .one)])
        h.receive(TestNet.invite())
        let b = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.21"))
        h.answer(b, 180)
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20")), 603)
        XCTAssertTrue(h.downstream.contains { $0.method == .cancel && $0.requestURI?.description == "sip:bob@192.0.2.21" })
        h.answer(b, 487)
        XCTAssertEqual(h.upstream.last, 603)
    }

    func testCancelBeforeTheAnswerIsAnswered200AndCancelsTheBranch() throws {
        let h = harness([("sip:bob@192.0.2.20", .one)])
        let invite = TestNet.invite()
        h.receive(invite)
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        h.answer(fwd, 180)
        h.receive(Helper.makeCancel(for: invite))
        XCTAssertTrue(h.transport.sent.contains { $0.message.isResponse && $0.message.statusCode == 200 && $0.message.method == .cancel })
        let cancel = try XCTUnwrap(h.downstream.first { $0.method == .cancel })
        XCTAssertNotNil(cancel.headerValue(named: "Reason"), "the branch is cancelled with a Reason header")
        h.answer(fwd, 487)
        XCTAssertEqual(h.upstream.last, 487)
    }

    func testCancelBeforeAnyProvisionalWaitsForOneThenCancels() throws {
        let h = harness([("sip:bob@192.0.2.20", .one)])
        let invite = TestNet.invite()
        h.receive(invite)
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        h.receive(Helper.makeCancel(for: invite))
        XCTAssertFalse(h.downstream.contains { $0.method == .cancel }, "§9.1: no CANCEL before a provisional")
        h.answer(fwd, 180)
        XCTAssertTrue(h.downstream.contains { $0.method == .cancel })
    }

    func testTimerCCancelsASilentBranchAndCountsItAs408() throws {
        var config = ProxyConfiguration()
        config.timerC = .seconds(10)
        let h = harness([("sip:bob@192.0.2.20", .one)], configuration: config)
        h.receive(TestNet.invite())
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20")), 180)
        h.loop.advanceTime(by: .seconds(10))
        XCTAssertTrue(h.downstream.contains { $0.method == .cancel })
        XCTAssertEqual(h.upstream.last, 408)
    }

    func testRecursiveRedirectFollowsTheContact() throws {
        var config = ProxyConfiguration()
        config.recursiveRedirect = true
        let h = harness([("sip:bob@192.0.2.20", .one)], configuration: config)
        h.receive(TestNet.invite())
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20")), 302)
        let redirected = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.77"))
        h.answer(redirected, 200)
        XCTAssertEqual(h.upstream, [100, 200])
    }

    func testEveryRequestLeavesATrace() throws {
        let h = harness([("sip:bob@192.0.2.20", .one)])
        h.receive(TestNet.invite(callID: "trace-me"))
        h.answer(try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20")), 486)
        let trace = try XCTUnwrap(h.traces.traces(callID: "trace-me").first)
        XCTAssertEqual(trace.steps.map(\.processor), ["FixedTargets", "QValueTargetHandler", "SimpleTargetHandler"])
        XCTAssertEqual(trace.steps.first?.targetsAdded, ["sip:bob@192.0.2.20"])
        XCTAssertEqual(trace.branches.count, 1)
        XCTAssertEqual(trace.branches[0].responses.map(\.code), [486])
        XCTAssertEqual(trace.finalCode, 486)
        XCTAssertNotNil(trace.finalWhy)
        XCTAssertTrue(trace.completed)
    }
}
