import NIOCore
import NIOEmbedded
import XCTest
@testable import SIPStack

final class TimerQueueTests: XCTestCase {
    var loop: EmbeddedEventLoop!
    var queue: TimerQueue!

    override func setUp() {
        loop = EmbeddedEventLoop()
        queue = TimerQueue(loop: loop)
    }

    func testATimerFiresAtItsDeadlineAndNotBefore() {
        var fired = 0
        queue.schedule(in: .milliseconds(500)) { fired += 1 }
        loop.advanceTime(by: .milliseconds(499))
        XCTAssertEqual(fired, 0)
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(fired, 1)
        loop.advanceTime(by: .seconds(10))
        XCTAssertEqual(fired, 1, "a timer fires once")
    }

    func testTimersFireInDeadlineOrderWhateverTheOrderTheyWereStarted() {
        var order: [Int] = []
        queue.schedule(in: .seconds(3)) { order.append(3) }
        queue.schedule(in: .seconds(1)) { order.append(1) }
        queue.schedule(in: .seconds(2)) { order.append(2) }
        queue.schedule(in: .seconds(1)) { order.append(11) }
        loop.advanceTime(by: .seconds(5))
        XCTAssertEqual(order, [1, 11, 2, 3], "equal deadlines keep the order they were started in")
    }

    func testACancelledTimerNeverRuns() {
        var fired = false
        let timer = queue.schedule(in: .seconds(1)) { fired = true }
        XCTAssertTrue(timer.isPending)
        timer.cancel()
        XCTAssertFalse(timer.isPending)
        loop.advanceTime(by: .seconds(2))
        XCTAssertFalse(fired)
        XCTAssertEqual(queue.pendingCount, 0)
    }

    func testATimerStartedFromAFiringTimerRuns() {
        var fired: [String] = []
        queue.schedule(in: .seconds(1)) {
            fired.append("first")
            self.queue.schedule(in: .seconds(1)) { fired.append("second") }
        }
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(fired, ["first"])
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(fired, ["first", "second"])
    }

    func testAnEarlierTimerStartedLaterStillFiresOnTime() {
        var fired: [Int] = []
        queue.schedule(in: .seconds(32)) { fired.append(32) }
        queue.schedule(in: .milliseconds(500)) { fired.append(1) }
        loop.advanceTime(by: .milliseconds(500))
        XCTAssertEqual(fired, [1])
        loop.advanceTime(by: .seconds(32))
        XCTAssertEqual(fired, [1, 32])
    }

    func testManyCancellationsAreCompactedAndTheRestStillFire() {
        var fired = 0
        var timers: [TimerHandle] = []
        for i in 0..<10_000 {
            timers.append(queue.schedule(in: .milliseconds(Int64(1_000 + i))) { fired += 1 })
        }
        for (i, t) in timers.enumerated() where i % 10 != 0 { t.cancel() }
        XCTAssertEqual(queue.pendingCount, 1_000)
        loop.advanceTime(by: .seconds(20))
        XCTAssertEqual(fired, 1_000)
        XCTAssertEqual(queue.pendingCount, 0)
    }

    func testCancelAllStopsEveryTimer() {
        var fired = 0
        for i in 1...5 { queue.schedule(in: .seconds(Int64(i))) { fired += 1 } }
        queue.cancelAll()
        loop.advanceTime(by: .seconds(10))
        XCTAssertEqual(fired, 0)
    }
    func testTimersWithOneDelayFireInTheOrderTheyWereStartedAcrossCompaction() {
        var fired: [Int] = []
        var timers: [TimerHandle] = []
        for i in 0..<5_000 {
            timers.append(queue.schedule(in: .seconds(32)) { fired.append(i) })
            if i % 100 == 99 { loop.advanceTime(by: .milliseconds(1)) }
        }
        for (i, t) in timers.enumerated() where i % 10 != 0 { t.cancel() }
        XCTAssertEqual(queue.pendingCount, 500)
        loop.advanceTime(by: .seconds(31))
        XCTAssertEqual(fired, [])
        loop.advanceTime(by: .seconds(2))
        XCTAssertEqual(fired, Array(stride(from: 0, to: 5_000, by: 10)))
        XCTAssertEqual(queue.pendingCount, 0)
    }

    func testMoreDistinctDelaysThanLanesStillFireInDeadlineOrder() {
        var fired: [Int] = []
        let delays = (1...(TimerQueue.maxLanes * 3)).map { Int64($0) }.shuffled()
        for d in delays { queue.schedule(in: .milliseconds(d * 10)) { fired.append(Int(d)) } }
        queue.schedule(at: loop.now + .milliseconds(5)) { fired.append(0) }
        XCTAssertEqual(queue.pendingCount, delays.count + 1)
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(fired, Array(0...(TimerQueue.maxLanes * 3)))
    }
    func testALongTimerMayFireUpToTenMillisecondsLateSoThatNeighboursShareAWakeup() {
        var fired: [Int] = []
        queue.schedule(in: .seconds(32)) { fired.append(1) }
        loop.advanceTime(by: .milliseconds(3))
        queue.schedule(in: .seconds(32)) { fired.append(2) }
        loop.advanceTime(by: .milliseconds(31_996))
        XCTAssertEqual(fired, [], "never before its deadline")
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(fired, [1])
        loop.advanceTime(by: .milliseconds(5))
        XCTAssertEqual(fired, [1], "the second waits for the wakeup at the next ten milliseconds")
        loop.advanceTime(by: .milliseconds(5))
        XCTAssertEqual(fired, [1, 2])
    }
}
