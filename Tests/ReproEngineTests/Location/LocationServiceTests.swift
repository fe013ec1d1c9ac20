import Dispatch
import Foundation
import NIOCore
import SIPCore
import SIPStack
import XCTest
@testable import ReproEngine

/// The location service: ordering, expiry through the reaper, static bindings, events, concurrency.
final class LocationServiceTests: XCTestCase {
    var clock: TestClock!
    var events: EventRecorder<LocationEvent>!
    var location: LocationService!
    let aor = "sip:alice@example.com"

    override func setUp() {
        clock = TestClock()
        events = EventRecorder()
        location = LocationService(eventSink: events.sink)
    }

    /// Binds `host` to `aor` for `seconds` with `q`, as the registrar would.
    func bind(_ host: String, seconds: Int = 60, q: Int = 1000, aor: String? = nil) {
        let b = Binding(aor: aor ?? self.aor, contact: NameAddr(uri: .sip(SipURI(user: "alice", host: host))),
                        expires: clock.now + .seconds(Int64(seconds)), q: QValue(thousandths: q) ?? .one,
                        callID: "c-\(host)", cseq: 1, source: Fixtures.source(), registeredAt: clock.now)
        location.modify(aor: b.aor, now: clock.now) { $0.add(StoredBinding(binding: b)) }
    }

    func expiredHosts() -> [String?] {
        events.all.compactMap { if case .expired(let b) = $0 { return b.contact.uri.host } else { return nil } }
    }

    func testLookupOrdersByQThenNewestFirst() {
        bind("a", q: 500)
        clock.advance(seconds: 1)
        bind("b", q: 1000)
        clock.advance(seconds: 1)
        bind("c", q: 500)
        XCTAssertEqual(location.lookup(aor: aor, now: clock.now).map(\.contact.uri.host), ["b", "c", "a"])
    }

    func testLookupByURIUsesTheCanonicalAddressOfRecord() throws {
        bind("a")
        XCTAssertEqual(location.lookup(uri: try URI("sip:alice@EXAMPLE.com;transport=tcp"), now: clock.now).count, 1)
        XCTAssertTrue(location.lookup(uri: try URI("tel:+15551234"), now: clock.now).isEmpty)
    }

    func testLapsedBindingsAreNotReturnedEvenBeforeTheReaperRuns() {
        bind("a", seconds: 60)
        clock.advance(seconds: 60)
        XCTAssertTrue(location.lookup(aor: aor, now: clock.now).isEmpty)
    }

    func testReaperRemovesExpiredBindingsAndReportsThem() {
        bind("a", seconds: 60)
        bind("b", seconds: 120)
        bind("x", seconds: 60, aor: "sip:bob@example.com")
        clock.advance(seconds: 59)
        XCTAssertEqual(location.reap(now: clock.now), 0)
        clock.advance(seconds: 1)
        XCTAssertEqual(location.reap(now: clock.now), 2)
        XCTAssertEqual(Set(expiredHosts()), ["a", "x"])
        XCTAssertEqual(location.counts.bindings, 1)
        XCTAssertEqual(location.counts.addressesOfRecord, 1)
        clock.advance(seconds: 60)
        XCTAssertEqual(location.reap(now: clock.now), 1)
        XCTAssertEqual(location.counts.addressesOfRecord, 0)
    }

    func testRefreshedBindingIsNotReapedAtItsOldDeadline() {
        bind("a", seconds: 60)
        clock.advance(seconds: 30)
        location.modify(aor: aor, now: clock.now) { edit in
            var b = edit.bindings[0]
            b.expires = (clock.now + .seconds(60)).uptimeNanoseconds
            edit.replace(at: 0, with: b)
        }
        clock.advance(seconds: 30)
        XCTAssertEqual(location.reap(now: clock.now), 0)
        clock.advance(seconds: 30)
        XCTAssertEqual(location.reap(now: clock.now), 1)
    }

    func testAChangeToAnAddressOfRecordDropsItsLapsedBindingsAndReportsThem() {
        bind("a", seconds: 60)
        bind("b", seconds: 120)
        bind("c", seconds: 60)
        clock.advance(seconds: 60)
        // Before the reaper comes by, a refresh of "b" finds "a" and "c" lapsed.
        let (_, after) = location.modify(aor: aor, now: clock.now) { edit in
            var b = edit.bindings[0]
            b.expires = (clock.now + .seconds(60)).uptimeNanoseconds
            edit.replace(at: 0, with: b)
        }
        XCTAssertEqual(after.map { $0.contact.uri.host }, ["b"])
        XCTAssertEqual(Set(expiredHosts()), ["a", "c"])
        XCTAssertEqual(location.counts.bindings, 1)
        XCTAssertEqual(location.lookup(aor: aor, now: clock.now).map(\.contact.uri.host), ["b"])
        // Nothing lapsed: the bindings are kept as they are, and nothing more is reported.
        location.modify(aor: aor, now: clock.now) { _ in }
        XCTAssertEqual(location.counts.bindings, 1)
        XCTAssertEqual(expiredHosts().count, 2)
    }

    func testStaticBindingsNeverExpire() {
        location.addStatic(aor: aor, contact: NameAddr(uri: .sip(SipURI(user: "alice", host: "gw"))), now: clock.now)
        clock.advance(seconds: 10 * 365 * 86400)
        XCTAssertEqual(location.reap(now: clock.now), 0)
        let b = location.lookup(aor: aor, now: clock.now)
        XCTAssertEqual(b.map(\.isStatic), [true])
        XCTAssertEqual(b.first?.remainingSeconds(at: clock.now), Int.max)
    }

    func testAddingAStaticBindingTwiceReplacesIt() {
        let contact = NameAddr(uri: .sip(SipURI(user: "alice", host: "gw")))
        location.addStatic(aor: aor, contact: contact, q: QValue(thousandths: 100)!, now: clock.now)
        location.addStatic(aor: aor, contact: contact, q: QValue(thousandths: 700)!, now: clock.now)
        XCTAssertEqual(location.lookup(aor: aor, now: clock.now).map(\.q.thousandths), [700])
    }

    func testRemoveAndRemoveAllReportRemovedBindings() throws {
        bind("a")
        bind("b")
        bind("c")
        XCTAssertTrue(location.remove(aor: aor, contact: try URI("sip:alice@b"), now: clock.now))
        XCTAssertFalse(location.remove(aor: aor, contact: try URI("sip:alice@zzz"), now: clock.now))
        XCTAssertEqual(location.removeAll(aor: aor, now: clock.now), 2)
        let removed = events.all.filter { if case .removed = $0 { return true } else { return false } }
        XCTAssertEqual(removed.count, 3)
        XCTAssertEqual(location.counts.bindings, 0)
    }

    func testSnapshotListsEveryLiveBindingByAddressOfRecord() {
        bind("a", aor: "sip:zed@example.com")
        bind("b", aor: "sip:amy@example.com")
        bind("c", seconds: 1, aor: "sip:amy@example.com")
        clock.advance(seconds: 1)
        XCTAssertEqual(location.snapshot(now: clock.now).map(\.aor), ["sip:amy@example.com", "sip:zed@example.com"])
    }

    func testSourceSurvivesTheCompactForm() {
        for source in [Fixtures.source(), Fixtures.source("2001:db8::7", port: 5999, .tcp)] {
            XCTAssertEqual(CompactSource(source)?.sipSource, source)
        }
    }

    func testConcurrentRegistrationsAndLookupsFromManyThreads() {
        let location = LocationService()
        let now = clock.now
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<500 {
                let aor = "sip:user\(i % 50)@example.com"
                let b = Binding(aor: aor, contact: NameAddr(uri: .sip(SipURI(user: "t\(thread)", host: "h\(i)"))),
                                expires: now + .seconds(60), registeredAt: now)
                location.modify(aor: aor, now: now) { $0.add(StoredBinding(binding: b)) }
                _ = location.lookup(aor: aor, now: now)
                if i % 7 == 0 { location.reap(now: now) }
            }
        }
        XCTAssertEqual(location.counts.bindings, 8 * 500)
        XCTAssertEqual(location.counts.addressesOfRecord, 50)
        XCTAssertEqual(location.snapshot(now: now).count, 8 * 500)
        XCTAssertEqual(location.reap(now: now + .seconds(60)), 8 * 500)
        XCTAssertEqual(location.counts.bindings, 0)
    }

    func testBenchmarkFillsAndFindsEveryBinding() {
        let result = LocationBenchmark.measure(bindings: 2000)
        XCTAssertEqual(result.bindingsFound, 2000)
        XCTAssertGreaterThan(result.residentBytesAfter, 0)
    }
}

/// The memory figure for a large location service; run with REPRO_BENCH_BINDINGS=1000000.
final class LocationBenchmarkTests: XCTestCase {
    func testMemoryPerBinding() throws {
        guard let n = ProcessInfo.processInfo.environment["REPRO_BENCH_BINDINGS"].flatMap(Int.init) else {
            throw XCTSkip("set REPRO_BENCH_BINDINGS to measure")
        }
        let r = LocationBenchmark.measure(bindings: n)
        print("location benchmark: \(r.bindings) bindings, \(Int(r.bytesPerBinding)) bytes/binding, "
              + "RSS \(r.residentBytesBefore >> 20) → \(r.residentBytesAfter >> 20) MiB, fill \(r.fillSeconds) s, "
              + "\(Int(r.lookupsPerSecond)) lookups/s")
        XCTAssertEqual(r.bindingsFound, n)
    }
}

/// The control API's view of a binding.
final class RegistrationInfoTests: XCTestCase {
    func testBindingBecomesARegistrationInfoWithNATDetection() throws {
        let now = NIODeadline.uptimeNanoseconds(1_000_000_000)
        let b = Binding(aor: "sip:alice@example.com", contact: try NameAddr("<sip:alice@10.0.0.5:5060>"),
                        expires: now + .seconds(90), callID: "c", cseq: 3, source: Fixtures.source(),
                        userAgent: "Phone", registeredAt: now)
        let info = RegistrationInfo(b, now: now)
        XCTAssertEqual(info.source, "192.0.2.10:5070")
        XCTAssertEqual(info.transport, "UDP")
        XCTAssertTrue(info.behindNAT)
        XCTAssertEqual(info.expiresIn, 90)
        XCTAssertEqual(info.userAgent, "Phone")
    }
}
