import NIOCore
import NIOPosix
import SIPCore
import XCTest
@testable import SIPStack

/// Messages read on one loop for another loop's shard (TransactionLayer.receive): each
/// reaches its own shard's loop, in the order it was read, with nothing lost or doubled.
final class TransactionHandOverTests: XCTestCase {
    /// Records, per loop, the Call-ID and CSeq of every request it was handed.
    private final class LoopRecordingTU: TransactionUser, @unchecked Sendable {
        let loops: [any EventLoop]
        private let lock = NSLock()
        private var seen: [[String]]
        init(loops: [any EventLoop]) {
            self.loops = loops
            seen = Array(repeating: [], count: loops.count)
        }
        func handleRequest(_ request: SipMessage, transaction: ServerTransaction?, source: SipSource) {
            let i = loops.firstIndex { $0.inEventLoop } ?? -1
            let entry = "\(request[.callID] ?? "?")#\(request[.cSeq]?.sequence ?? 0)"
            lock.withLock { if i >= 0 { seen[i].append(entry) } }
        }
        func handleStrayResponse(_ response: SipMessage, source: SipSource) {}
        func serverTransactionFailed(_ transaction: ServerTransaction, end: TransactionEnd) {}
        var byLoop: [[String]] { lock.withLock { seen } }
    }

    func testMessagesReadOnOneLoopReachTheirShardsInOrder() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        let loops = Array(group.makeIterator())
        let layer = TransactionLayer(loops: loops, transport: RecordingTransport())
        let tu = LoopRecordingTU(loops: loops)
        try layer.addTransactionUser(tu).wait()

        // Call-IDs of both shards, read in one burst on loop 0, several requests each: more
        // for loop 1 than one hand-over batch holds, so some go over before the burst ends.
        let callIDs = (0..<12).map { "call-\($0)" }
        XCTAssertEqual(Set(callIDs.map { layer.shard(forCallID: $0).index }), [0, 1], "both shards are exercised")
        let forOtherLoop = callIDs.filter { layer.shard(forCallID: $0).index == 1 }.count * 5
        XCTAssertGreaterThan(forOtherLoop, 2 * HandOverQueue<TransactionLayer>.batchLimit,
                             "the burst fills several hand-over batches before it ends")
        try loops[0].submit {
            for cseq in 1...5 {
                for id in callIDs {
                    let r = TransactionFixtures.request(.options, callID: id, cseq: UInt32(cseq))
                    layer.receive(TransactionFixtures.reparsed(r), from: TransactionFixtures.source())
                }
            }
        }.wait()

        let deadline = Date().addingTimeInterval(5)
        while tu.byLoop.map(\.count).reduce(0, +) < callIDs.count * 5, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let seen = tu.byLoop
        XCTAssertEqual(seen.map(\.count).reduce(0, +), callIDs.count * 5, "every request handed over once")
        for (index, entries) in seen.enumerated() {
            let mine = callIDs.filter { layer.shard(forCallID: $0).index == index }
            let expected = (1...5).flatMap { cseq in mine.map { "\($0)#\(cseq)" } }
            XCTAssertEqual(entries, expected, "loop \(index) got its own requests in the order read")
        }
    }
}
