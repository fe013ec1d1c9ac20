import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import XCTest
@testable import SIPStack

/// `HandOverQueue`: items go to their loop in order, in batches, and the receiver hears
/// where each batch ends (the transport flushes stream writes there).
final class HandOverQueueTests: XCTestCase {
    /// Records, per loop, each item taken and each end of a batch ("|").
    private final class Recorder: HandOverReceiver, @unchecked Sendable {
        let log = NIOLockedValueBox<[[String]]>([[], []])
        func receiveHandedOver(_ item: Int, onLoop loopIndex: Int) {
            log.withLockedValue { $0[loopIndex].append(String(item)) }
        }
        func finishHandOver(onLoop loopIndex: Int) {
            log.withLockedValue { $0[loopIndex].append("|") }
        }
    }

    private var group: MultiThreadedEventLoopGroup!

    override func setUp() { group = MultiThreadedEventLoopGroup(numberOfThreads: 2) }
    override func tearDown() { try? group.syncShutdownGracefully() }

    private func waitFor(_ recorder: Recorder, loop: Int, count: Int) -> [String] {
        let deadline = Date().addingTimeInterval(5)
        while recorder.log.withLockedValue({ $0[loop].count }) < count, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        return recorder.log.withLockedValue { $0[loop] }
    }

    func testItemsFromAnotherLoopArriveInOrderWithTheEndOfEachBatchMarked() throws {
        let loops = Array(group.makeIterator())
        let queue = HandOverQueue<Recorder>(loops: loops)
        let recorder = Recorder()
        let limit = HandOverQueue<Recorder>.batchLimit
        let total = 2 * limit + 3
        try loops[0].submit {
            for i in 0..<total { queue.send(i, to: 1, receiver: recorder) }
        }.wait()
        let batches = (total + limit - 1) / limit
        let seen = waitFor(recorder, loop: 1, count: total + batches)
        // Two full batches go over as they fill; the rest when the burst ends.
        var expected: [String] = []
        for i in 0..<total {
            expected.append(String(i))
            if (i + 1) % limit == 0 || i == total - 1 { expected.append("|") }
        }
        XCTAssertEqual(seen, expected)
        XCTAssertEqual(recorder.log.withLockedValue { $0[0] }, [], "nothing is taken on the sending loop")
    }

    func testAnItemForTheLoopWeAreOnIsTakenAtOnceAndEndsItsOwnBatch() throws {
        let loops = Array(group.makeIterator())
        let queue = HandOverQueue<Recorder>(loops: loops)
        let recorder = Recorder()
        let during = try loops[1].submit { () -> [String] in
            queue.send(7, to: 1, receiver: recorder)
            return recorder.log.withLockedValue { $0[1] }
        }.wait()
        XCTAssertEqual(during, ["7", "|"], "taken before send returned")
    }

    func testAnItemSentFromOutsideTheLoopsEndsItsOwnBatch() throws {
        let loops = Array(group.makeIterator())
        let queue = HandOverQueue<Recorder>(loops: loops)
        let recorder = Recorder()
        queue.send(1, to: 0, receiver: recorder)
        queue.send(2, to: 0, receiver: recorder)
        XCTAssertEqual(waitFor(recorder, loop: 0, count: 4), ["1", "|", "2", "|"])
    }
}
