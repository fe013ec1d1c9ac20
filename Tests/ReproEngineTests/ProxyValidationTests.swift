import NIOCore
import SIPCore
import SIPStack
import XCTest
@testable import ReproEngine

/// RFC 3261 §16.3 validation, §16.4 route preprocessing and relay protection.
final class ProxyValidationTests: XCTestCase {
    func harness() -> ProxyHarness {
        ProxyHarness(requestProcessors: [
            AmIResponsible(isLocalDomain: { $0 == "example.com" }),
            FixedTargets([("sip:bob@192.0.2.20", .one)]),
        ])
    }

    func testAPhoneOnOurHostAtAnotherPortIsNotUs() throws {
        let responsible = AmIResponsible(isLocalDomain: { $0 == "example.com" || $0 == TestNet.ourHost },
                                         isOwnHost: { $0 == TestNet.ourHost },
                                         isOwnAddress: { host, port in host == TestNet.ourHost && (port ?? 5060) == 5060 })
        XCTAssertTrue(responsible.isOurs(try URI("sip:bob@\(TestNet.ourHost)")))
        XCTAssertTrue(responsible.isOurs(try URI("sip:bob@\(TestNet.ourHost):5060")))
        XCTAssertFalse(responsible.isOurs(try URI("sip:bob@\(TestNet.ourHost):5999")), "a phone on this host")
        XCTAssertTrue(responsible.isOurs(try URI("sip:bob@example.com:5080")), "a domain name is ours on any port")
        XCTAssertFalse(responsible.isOurs(try URI("sip:bob@elsewhere.test")))
    }

    func testMaxForwardsZeroIsAnswered483() {
        let h = harness()
        h.receive(TestNet.invite(maxForwards: 0))
        XCTAssertEqual(h.upstream, [100, 483])
        XCTAssertTrue(h.downstream.isEmpty)
    }

    func testOptionsWithMaxForwardsZeroAddressedToUsIsAnswered() throws {
        let h = harness()
        let options = Helper.makeRequest(
            method: .options, target: try URI("sip:\(TestNet.ourHost)"),
            from: NameAddr(uri: try URI("sip:alice@example.com")), to: NameAddr(uri: try URI("sip:\(TestNet.ourHost)")),
            via: Via(transport: "UDP", host: "192.0.2.1", port: 5060))
        options[.maxForwards] = 0
        h.receive(options)
        XCTAssertEqual(h.upstream, [200])
        XCTAssertNotNil(h.upstreamResponse(200)?.headerValue(named: "Allow"))
    }

    func testMissingMaxForwardsIsTreatedAs20() throws {
        let h = harness()
        let invite = TestNet.invite()
        invite.remove(.maxForwards)
        h.receive(invite)
        XCTAssertEqual(h.forwarded(to: "sip:bob@192.0.2.20")?[.maxForwards], 19)
    }

    func testUnknownSchemeIsAnswered416() throws {
        let h = harness()
        h.receive(TestNet.invite(to: "mailto:bob@example.com"))
        XCTAssertEqual(h.upstream.last, 416)
    }

    func testProxyRequireIsAnswered420WithUnsupported() throws {
        let h = harness()
        let invite = TestNet.invite()
        invite[.proxyRequire] = ["foo"]
        h.receive(invite)
        XCTAssertEqual(h.upstream.last, 420)
        XCTAssertEqual(h.upstreamResponse(420)?[.unsupported], ["foo"])
    }

    func testARequestThatComesBackUnchangedIsALoop() throws {
        let h = harness()
        let invite = TestNet.invite()
        h.receive(invite)
        // The forwarded copy comes back to us with the Request-URI we first received: a loop.
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        let looped = fwd.copy()
        looped.requestURI = invite.requestURI
        looped.pushFront(.vias, Via(transport: "UDP", host: "192.0.2.20", port: 5060, branch: Helper.newBranch()))
        h.receive(looped)
        XCTAssertEqual(h.upstream.last, 482)
    }

    func testASpiralWithANewRequestURIIsNotALoop() throws {
        let h = harness()
        h.receive(TestNet.invite())
        let fwd = try XCTUnwrap(h.forwarded(to: "sip:bob@192.0.2.20"))
        let spiral = fwd.copy()
        spiral.requestURI = try URI("sip:carol@example.com")
        spiral.pushFront(.vias, Via(transport: "UDP", host: "192.0.2.20", port: 5060, branch: Helper.newBranch()))
        h.receive(spiral)
        XCTAssertNotEqual(h.upstream.last, 482)
    }

    func testForeignDomainFromAnUntrustedForeignUserIsRelayingForbidden() throws {
        let h = harness()
        let invite = TestNet.invite(to: "sip:someone@elsewhere.test")
        invite[.from] = NameAddr(uri: try URI("sip:mallory@evil.test"), parameters: Parameters([Parameter(name: "tag", value: "x")]))
        h.receive(invite)
        XCTAssertEqual(h.upstream.last, 403)
        XCTAssertEqual(h.upstreamResponse(403)?.reasonPhrase, "Relaying Forbidden")
        XCTAssertTrue(h.downstream.isEmpty)
    }

    func testForeignDomainFromOurUserIsForwardedToTheRequestURI() throws {
        let h = harness()
        h.receive(TestNet.invite(to: "sip:someone@192.0.2.50"))
        XCTAssertNotNil(h.forwarded(to: "sip:someone@192.0.2.50"))
    }

    func testOurOwnTopRouteIsRemovedAndTheNextRouteIsTheNextHop() throws {
        let h = harness()
        let bye = TestNet.invite(to: "sip:bob@192.0.2.20")
        bye[.to]?.tag = "dialog-tag"
        bye[.routes] = [NameAddr(uri: try URI("sip:\(TestNet.ourHost);lr")), NameAddr(uri: try URI("sip:192.0.2.30;lr"))]
        h.receive(bye)
        let fwd = try XCTUnwrap(h.downstream.first)
        XCTAssertEqual(fwd[.routes].map(\.uri.description), ["sip:192.0.2.30;lr"])
        XCTAssertEqual(h.transport.sent.first { $0.message.isRequest }?.destination.remote.ipAddress, "192.0.2.30")
    }

    func testInDialogRequestToAPhoneOnOurHostAtAnotherPortIsForwardedToIt() throws {
        // The engine counts our own addresses among its domains; a port we do not listen on
        // still names another server on our host, so the request follows its Request-URI.
        let h = ProxyHarness(requestProcessors: [FixedTargets([])], localDomains: ["example.com", TestNet.ourHost])
        let reinvite = TestNet.invite(to: "sip:bob@\(TestNet.ourHost):5070")
        reinvite[.to]?.tag = "dialog-tag"
        reinvite[.routes] = [NameAddr(uri: try URI("sip:\(TestNet.ourHost);lr"))]
        h.receive(reinvite)
        XCTAssertNotNil(h.forwarded(to: "sip:bob@\(TestNet.ourHost):5070"))
        XCTAssertFalse(h.upstream.contains { $0 >= 300 })
    }

    func testStrictRouterRewriteIsUndone() throws {
        let request = TestNet.invite(to: "sip:\(TestNet.ourHost)")
        request[.routes] = [NameAddr(uri: try URI("sip:192.0.2.40")), NameAddr(uri: try URI("sip:bob@192.0.2.20"))]
        let fixed = StrictRouteFixup.fixup(request) { $0.host == TestNet.ourHost }
        XCTAssertTrue(fixed)
        XCTAssertEqual(request.requestURI?.description, "sip:bob@192.0.2.20")
        XCTAssertEqual(request[.routes].count, 1)
    }

    func testStrayResponseIsForwardedStatelesslyByTheNextVia() throws {
        let h = harness()
        let r = SipMessage(statusCode: 200)
        r[.vias] = [Via(transport: "UDP", host: TestNet.ourHost, port: 5060, branch: "z9hG4bKgone"),
                    Via(transport: "UDP", host: "192.0.2.1", port: 5060, branch: "z9hG4bKup")]
        r[.cSeq] = CSeq(1, .invite)
        r[.callID] = "stray"
        h.layer.receive(TestNet.reparsed(r), from: TestNet.callerSource)
        XCTAssertEqual(h.network.statelessResponses.count, 1)
        XCTAssertEqual(h.network.statelessResponses.first?[.vias].count, 1)
    }
}
