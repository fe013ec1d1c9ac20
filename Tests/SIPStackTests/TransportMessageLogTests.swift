import XCTest
@testable import SIPStack

/// The bounded event ring behind the message log: readers that fall behind lose the
/// oldest entries and are told how many.
final class TransportMessageLogTests: XCTestCase {
    func testReaderThatKeepsUpMissesNothing() {
        let ring = EventRing<Int>(capacity: 4)
        ring.append(1)
        ring.append(2)
        let first = ring.snapshot(after: 0)
        XCTAssertEqual(first.entries.map(\.element), [1, 2])
        XCTAssertEqual(first.dropped, 0)
        ring.append(3)
        let second = ring.snapshot(after: first.lastSequenceNumber)
        XCTAssertEqual(second.entries.map(\.element), [3])
        XCTAssertEqual(second.entries.map(\.sequenceNumber), [3])
    }

    func testOldestEntriesAreDroppedAndCounted() {
        let ring = EventRing<Int>(capacity: 3)
        for n in 1...5 { ring.append(n) }
        let snapshot = ring.snapshot(after: 0)
        XCTAssertEqual(snapshot.entries.map(\.element), [3, 4, 5])
        XCTAssertEqual(snapshot.dropped, 2)
        XCTAssertEqual(snapshot.lastSequenceNumber, 5)
        XCTAssertEqual(ring.overwrittenCount, 2)
        XCTAssertEqual(ring.snapshot(after: 1).dropped, 1)
        XCTAssertEqual(ring.snapshot(after: 3).dropped, 0)
    }

    func testCaughtUpReaderGetsNothing() {
        let ring = EventRing<Int>(capacity: 3)
        ring.append(1)
        let snapshot = ring.snapshot(after: 1)
        XCTAssertTrue(snapshot.entries.isEmpty)
        XCTAssertEqual(snapshot.lastSequenceNumber, 1)
        XCTAssertTrue(EventRing<Int>(capacity: 2).snapshot().entries.isEmpty)
    }

    func testLimitBoundsOneRead() {
        let ring = EventRing<Int>(capacity: 10)
        for n in 1...6 { ring.append(n) }
        let page = ring.snapshot(after: 0, limit: 4)
        XCTAssertEqual(page.entries.map(\.element), [1, 2, 3, 4])
        XCTAssertEqual(ring.snapshot(after: page.lastSequenceNumber).entries.map(\.element), [5, 6])
    }

    func testConcurrentWritersGetDistinctSequenceNumbers() async {
        let ring = EventRing<Int>(capacity: 100_000)
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<4 {
                group.addTask { for n in 0..<1_000 { ring.append(w * 1_000 + n) } }
            }
        }
        let snapshot = ring.snapshot()
        XCTAssertEqual(snapshot.entries.count, 4_000)
        XCTAssertEqual(Set(snapshot.entries.map(\.element)).count, 4_000)
        XCTAssertEqual(snapshot.entries.map(\.sequenceNumber), Array(1...4_000))
    }
}
