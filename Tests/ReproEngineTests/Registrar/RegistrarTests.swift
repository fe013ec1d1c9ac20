import NIOCore
import ReproStore
import SIPCore
import SIPStack
import XCTest
@testable import ReproEngine

/// RFC 3261 §10.3, step by step, on the registrar alone (authentication is tested apart).
final class RegistrarTests: XCTestCase {
    var clock: TestClock!
    var events: EventRecorder<LocationEvent>!
    var location: LocationService!
    var registrar: Registrar!
    let alice = UserRecord(user: "alice", domain: "example.com", realm: "example.com", password: "secret")
    let aor = "sip:alice@example.com"

    override func setUp() {
        clock = TestClock()
        events = EventRecorder()
        location = LocationService(eventSink: events.sink)
        registrar = Registrar(location: location, domains: LocalDomains([Fixtures.domain]), clock: clock.engineClock)
    }

    /// Admits and registers `request` as alice would after authenticating.
    func send(_ request: SipMessage, user: UserRecord? = nil) -> SipMessage {
        switch registrar.admit(request) {
        case .refused(let response): return response
        case .accepted(let domain):
            return registrar.register(request, domain: domain, source: Fixtures.source(), authenticatedUser: user,
                                      now: clock.now)
        }
    }

    func bindings() -> [Binding] { location.lookup(aor: aor, now: clock.now) }

    // MARK: Steps 1–2

    func testREGISTERForAForeignDomainIsRefusedWith403() {
        let r = send(Fixtures.register(requestURI: "sip:elsewhere.org"))
        XCTAssertEqual(r.statusCode, 403)
        XCTAssertTrue(bindings().isEmpty)
    }

    func testDomainIsMatchedCaseInsensitively() {
        XCTAssertEqual(send(Fixtures.register(requestURI: "sip:EXAMPLE.com")).statusCode, 200)
    }

    func testNonSipRequestURIGets416() {
        XCTAssertEqual(send(Fixtures.register(requestURI: "tel:+15551234")).statusCode, 416)
    }

    func testRequireOfUnsupportedExtensionsGets420ListingThem() {
        let r = send(Fixtures.register(headers: ["Require: path, foo", "Require: bar"]))
        XCTAssertEqual(r.statusCode, 420)
        XCTAssertEqual(r[.unsupported], ["foo", "bar"])
        XCTAssertTrue(bindings().isEmpty)
    }

    func testRequirePathIsSupported() {
        XCTAssertEqual(send(Fixtures.register(headers: ["Require: path"])).statusCode, 200)
    }

    // MARK: Steps 4–5

    func testToOfAForeignDomainGets404() {
        XCTAssertEqual(send(Fixtures.register(toHost: "elsewhere.org")).statusCode, 404)
    }

    func testAuthenticatedUserMayRegisterTheirOwnAddressOfRecord() {
        XCTAssertEqual(send(Fixtures.register(), user: alice).statusCode, 200)
    }

    func testAuthenticatedUserMayNotRegisterAnotherAddressOfRecord() {
        let r = send(Fixtures.register(user: "bob", contacts: ["<sip:bob@192.0.2.10>"]), user: alice)
        XCTAssertEqual(r.statusCode, 403)
        XCTAssertTrue(location.lookup(aor: "sip:bob@example.com", now: clock.now).isEmpty)
    }

    func testAddressOfRecordIsCanonical() {
        _ = send(Fixtures.register(toHost: "Example.COM"))
        XCTAssertEqual(bindings().count, 1)
        XCTAssertEqual(AddressOfRecord.key(for: try! URI("sip:alice:pw@EXAMPLE.com:5060;transport=tcp")), aor)
    }

    // MARK: Step 6

    func testNewContactIsBoundAndTheOKListsItWithExpiresAndDate() throws {
        let r = send(Fixtures.register(expires: 1800))
        XCTAssertEqual(r.statusCode, 200)
        XCTAssertEqual(r[.contacts].map(\.uri), [try URI("sip:alice@192.0.2.10:5070")])
        XCTAssertEqual(r[.contacts].first?.expires, 1800)
        XCTAssertEqual(r[.date], SipDate(secondsSince1970: 1_700_000_000))
        XCTAssertEqual(bindings().map { $0.remainingSeconds(at: clock.now) }, [1800])
    }

    func testContactExpiresParameterWinsOverTheHeader() {
        let r = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10>;expires=120", "<sip:alice@192.0.2.11>"],
                                       expires: 600))
        XCTAssertEqual(Set(r[.contacts].compactMap(\.expires)), [120, 600])
    }

    func testWithoutAnyExpiryTheDefaultApplies() {
        XCTAssertEqual(send(Fixtures.register()).front(.contacts)?.expires, 3600)
    }

    func testExpiryBelowTheMinimumGets423WithMinExpires() {
        let r = send(Fixtures.register(expires: 30))
        XCTAssertEqual(r.statusCode, 423)
        XCTAssertEqual(r[.minExpires], 60)
        XCTAssertTrue(bindings().isEmpty)
    }

    func testContactParameterBelowTheMinimumGets423() {
        XCTAssertEqual(send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10>;expires=5"])).statusCode, 423)
    }

    func testExpiryAboveTheMaximumIsClamped() {
        XCTAssertEqual(send(Fixtures.register(expires: 1_000_000)).front(.contacts)?.expires, 86400)
    }

    func testZeroIsAlwaysAllowedAndRemovesTheBinding() {
        _ = send(Fixtures.register(cseq: 1))
        let r = send(Fixtures.register(expires: 0, cseq: 2))
        XCTAssertEqual(r.statusCode, 200)
        XCTAssertTrue(r[.contacts].isEmpty)
        XCTAssertTrue(bindings().isEmpty)
    }

    func testWildcardWithExpiresZeroRemovesEveryBindingButStaticOnes() {
        _ = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10>", "<sip:alice@192.0.2.11>"], cseq: 1))
        location.addStatic(aor: aor, contact: NameAddr(uri: .sip(SipURI(user: "alice", host: "gw.example.com"))),
                           now: clock.now)
        let r = send(Fixtures.register(contacts: ["*"], expires: 0, cseq: 2))
        XCTAssertEqual(r.statusCode, 200)
        XCTAssertEqual(bindings().map(\.isStatic), [true])
    }

    func testWildcardWithOtherContactsIs400() {
        XCTAssertEqual(send(Fixtures.register(contacts: ["*", "<sip:alice@192.0.2.10>"], expires: 0)).statusCode, 400)
    }

    func testWildcardWithNonZeroExpiresIs400() {
        XCTAssertEqual(send(Fixtures.register(contacts: ["*"], expires: 60)).statusCode, 400)
    }

    func testWildcardWithoutExpiresIs400() {
        XCTAssertEqual(send(Fixtures.register(contacts: ["*"])).statusCode, 400)
    }

    func testMalformedContactIs400() {
        XCTAssertEqual(send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10"])).statusCode, 400)
    }

    func testRegisterWithoutContactIsAFetchThatChangesNothing() {
        _ = send(Fixtures.register(expires: 600, cseq: 1))
        let before = events.all.count
        clock.advance(seconds: 100)
        let r = send(Fixtures.register(contacts: [], cseq: 2))
        XCTAssertEqual(r.statusCode, 200)
        XCTAssertEqual(r[.contacts].first?.expires, 500)
        XCTAssertEqual(events.all.count, before)
        XCTAssertEqual(bindings().first?.cseq, 1)
    }

    func testFetchOfAnUnknownAddressOfRecordListsNothing() {
        let r = send(Fixtures.register(contacts: []))
        XCTAssertEqual(r.statusCode, 200)
        XCTAssertFalse(r.exists(.contacts))
    }

    // MARK: Step 7

    func testSameCallIDAndLowerCSeqFailsWith500AndChangesNothing() {
        _ = send(Fixtures.register(expires: 600, cseq: 5))
        let r = send(Fixtures.register(expires: 0, cseq: 4))
        XCTAssertEqual(r.statusCode, 500)
        XCTAssertEqual(bindings().first?.cseq, 5, "a delayed REGISTER does not undo a newer one")
    }

    func testSameCallIDAndEqualCSeqFails() {
        _ = send(Fixtures.register(cseq: 5))
        XCTAssertEqual(send(Fixtures.register(expires: 120, cseq: 5)).statusCode, 500)
    }

    func testOutOfOrderRequestIsAllOrNothing() {
        _ = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10>"], cseq: 5))
        let r = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.99>", "<sip:alice@192.0.2.10>"], cseq: 3))
        XCTAssertEqual(r.statusCode, 500)
        XCTAssertEqual(bindings().count, 1, "the new contact was not added either")
    }

    func testAnotherCallIDUpdatesWhateverItsCSeq() {
        _ = send(Fixtures.register(expires: 600, callID: "a", cseq: 9))
        XCTAssertEqual(send(Fixtures.register(expires: 900, callID: "b", cseq: 1)).statusCode, 200)
        XCTAssertEqual(bindings().map(\.callID), ["b"])
        XCTAssertEqual(bindings().first?.remainingSeconds(at: clock.now), 900)
    }

    func testRefreshKeepsTheFirstRegistrationTimeAndReportsRefreshed() {
        _ = send(Fixtures.register(cseq: 1))
        let first = bindings().first?.registeredAt
        clock.advance(seconds: 30)
        _ = send(Fixtures.register(cseq: 2))
        XCTAssertEqual(bindings().first?.registeredAt, first)
        let kinds = events.all.map { e -> String in
            switch e {
            case .added: return "added"
            case .refreshed: return "refreshed"
            case .removed: return "removed"
            case .expired: return "expired"
            }
        }
        XCTAssertEqual(kinds, ["added", "refreshed"])
    }

    func testContactsMatchByURIEqualityNotText() {
        _ = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10:5070;transport=udp>"], cseq: 1))
        _ = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10:5070;TRANSPORT=udp>"], cseq: 2))
        XCTAssertEqual(bindings().count, 1)
    }

    func testOutboundContactsMatchByInstanceAndRegID() {
        let instance = "+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\";reg-id=1"
        _ = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10:5070>;\(instance)"], cseq: 1))
        _ = send(Fixtures.register(contacts: ["<sip:alice@203.0.113.5:6000>;\(instance)"], cseq: 2))
        XCTAssertEqual(bindings().map(\.contact.uri.host), ["203.0.113.5"])
    }

    // MARK: Step 8 and stored data

    func testMultipleContactsAreListedAndLookedUpByQ() throws {
        let r = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10>;q=0.1", "<sip:alice@192.0.2.11>;q=0.9",
                                                  "<sip:alice@192.0.2.12>"]))
        XCTAssertEqual(r[.contacts].count, 3)
        XCTAssertEqual(bindings().map(\.contact.uri.host), ["192.0.2.12", "192.0.2.11", "192.0.2.10"])
        XCTAssertEqual(bindings().map(\.q.description), ["1", "0.9", "0.1"])
    }

    func testPathIsStoredAndEchoedWithSupportedPath() throws {
        let r = send(Fixtures.register(headers: ["Path: <sip:edge1.example.com;lr>", "Path: <sip:edge2.example.com;lr>"]))
        XCTAssertEqual(r[.paths].map(\.uri.host), ["edge1.example.com", "edge2.example.com"])
        XCTAssertEqual(r[.supported], ["path"])
        XCTAssertEqual(bindings().first?.path.map(\.uri.host), ["edge1.example.com", "edge2.example.com"])
    }

    func testWithoutPathTheOKHasNoPath() {
        XCTAssertFalse(send(Fixtures.register()).exists(.paths))
    }

    func testSourceUserAgentInstanceAndRegIDAreStored() throws {
        _ = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10:5070>;+sip.instance=\"<urn:uuid:1>\";reg-id=2"],
                                   headers: ["User-Agent: TestPhone/1.0"]))
        let b = try XCTUnwrap(bindings().first)
        XCTAssertEqual(b.source, Fixtures.source())
        XCTAssertEqual(b.source?.remote.compactDescription, "192.0.2.10:5070")
        XCTAssertEqual(b.userAgent, "TestPhone/1.0")
        XCTAssertEqual(b.instance, "<urn:uuid:1>")
        XCTAssertEqual(b.regID, 2)
        XCTAssertEqual(b.callID, "reg-1")
        XCTAssertNil(b.contact.expires)
    }

    func testRemainingExpiryIsReportedOnRefreshOfAnotherContact() {
        _ = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.10>"], expires: 600, callID: "a"))
        clock.advance(seconds: 200)
        let r = send(Fixtures.register(contacts: ["<sip:alice@192.0.2.11>"], expires: 600, callID: "b"))
        XCTAssertEqual(Set(r[.contacts].compactMap(\.expires)), [400, 600])
    }
}
