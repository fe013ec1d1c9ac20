import NIOCore
import SIPCore
import SIPStack
import XCTest
@testable import ReproEngine

/// A request context lives while its request is being answered, and no longer: the
/// transactions that wait out Timers J, L and M (32 s over UDP) must not keep it.
final class ProxyContextLifetimeTests: XCTestCase {
    /// Remembers, weakly, the context of the last INVITE the request chain saw.
    final class ContextSpy: Processor, @unchecked Sendable {
        let name = "ContextSpy"
        weak var context: RequestContext?

        func process(_ context: RequestContext) -> ProcessorResult {
            if context.request.method == .invite { self.context = context }
            return .continue
        }
    }

    func testTheContextIsLetGoOnceTheInviteIsAnsweredAndA2xxRetransmissionStillGoesUpstream() throws {
        let spy = ContextSpy()
        let h = ProxyHarness(requestProcessors: [spy, FixedTargets([("sip:bob@192.0.2.20", .one)])])
        h.receive(TestNet.invite())
        XCTAssertNotNil(spy.context, "alive while its branch is pending")
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        h.answer(fwd, 180)
        XCTAssertNotNil(spy.context, "a provisional response does not end the request")
        h.answer(fwd, 200)
        XCTAssertNil(spy.context, "answered, no branch pending: the context is gone")
        h.answer(fwd, 200)  // the callee retransmits its 200 (RFC 6026 §7.2: Accepted passes it up)
        XCTAssertEqual(h.upstream, [100, 180, 200, 200], "every 2xx goes upstream (§16.7 step 5)")
        XCTAssertEqual(h.upstreamResponse(200)?[.vias].count, 1, "without our Via")
    }

    func testTheContextStaysWhileAnotherBranchIsPending() throws {
        let spy = ContextSpy()
        let h = ProxyHarness(requestProcessors: [spy, FixedTargets([("sip:bob@192.0.2.20", .one), ("sip:bob@192.0.2.21", .one)])])
        h.receive(TestNet.invite())
        let first = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        let second = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.21"))
        h.answer(first, 200)
        XCTAssertNotNil(spy.context, "the other branch is still being cancelled")
        h.answer(second, 487, toTag: "other")
        XCTAssertNil(spy.context)
    }

    func testACancelAfterTheAnswerIsAnswered200AndCancelsNothing() throws {
        let h = ProxyHarness(requestProcessors: [FixedTargets([("sip:bob@192.0.2.20", .one)])])
        let invite = TestNet.invite()
        h.receive(invite)
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        h.answer(fwd, 200)
        h.receive(Helper.makeCancel(for: invite))
        let last = try XCTUnwrap(h.transport.sent.last?.message)
        XCTAssertEqual(last.statusCode, 200)
        XCTAssertEqual(last[.cSeq]?.method, .cancel, "§16.10: the CANCEL of a known INVITE gets 200")
        XCTAssertTrue(h.downstream.filter { $0.method == .cancel }.isEmpty, "nothing left to cancel")
    }
}
