import NIOCore
import NIOPosix
import SIPCore
import XCTest
@testable import SIPStack

/// A delegate that names another loop for a message (`transportLayer(_:loopFor:)`) has it
/// checked and handed up on that loop, not on the one that read it; a message that fails
/// the check there is still answered.
final class TransportPlacementTests: XCTestCase {
    /// Sends every message to the loop that did not read it, and records where each arrived.
    private final class OtherLoopDelegate: TransportLayerDelegate, @unchecked Sendable {
        let loops: [any EventLoop]
        let arrivals: TestQueue<(callID: String, readOn: Int, handledOn: Int, onThatLoop: Bool)>
        private let lock = NSLock()
        private var readOn: [String: Int] = [:]

        init(loops: [any EventLoop]) {
            self.loops = loops
            arrivals = TestQueue(loop: loops[0])
        }

        private func index(_ loop: any EventLoop) -> Int { loops.firstIndex { $0 === loop } ?? -1 }

        func transportLayer(_ transport: TransportLayer, loopFor message: SipMessage) -> (any EventLoop)? {
            let reading = loops.firstIndex { $0.inEventLoop } ?? -1
            lock.withLock { readOn[message.headerValue(named: "Call-ID") ?? "?"] = reading }
            return loops[(reading + 1) % loops.count]
        }

        func transportLayer(_ transport: TransportLayer, received message: SipMessage, from source: SipSource,
                            on loop: any EventLoop) {
            let callID = message[.callID] ?? "?"
            let read = lock.withLock { readOn[callID] ?? -1 }
            arrivals.push((callID, read, index(loop), loop.inEventLoop))
        }
    }

    func testAMessageIsCheckedAndHandedUpOnTheLoopTheDelegateNames() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loops = Array(group.makeIterator())
        let delegate = OtherLoopDelegate(loops: loops)
        let transport = TransportLayer(group: group, delegate: delegate)
        let bound = try await transport.listen(.udp, host: "127.0.0.1", port: 0)
        let phone = try await UDPTestPeer(group: group, host: "127.0.0.1")

        for n in 1...3 {
            try await phone.send(SipText.options(branch: "z9hG4bK-\(n)", callID: "call-\(n)@test"), to: bound)
        }
        for n in 1...3 {
            let arrival = try await delegate.arrivals.next("OPTIONS \(n)")
            XCTAssertEqual(arrival.callID, "call-\(n)@test", "in the order read")
            XCTAssertGreaterThanOrEqual(arrival.readOn, 0, "read on one of the group's loops")
            XCTAssertEqual(arrival.handledOn, (arrival.readOn + 1) % 2, "handed up on the other loop")
            XCTAssertTrue(arrival.onThatLoop, "and called on that loop's thread")
        }
        XCTAssertEqual(transport.statistics.requestsReceived, 3)

        // Checked on the other loop: a bad CSeq is answered from there.
        try await phone.send(SipText.options(callID: "call-bad@test", cseq: "one OPTIONS"), to: bound)
        let (answer, _) = try await phone.receive("the 400")
        XCTAssertEqual(answer.statusCode, 400)
        XCTAssertEqual(answer[.callID], "call-bad@test")
        XCTAssertEqual(transport.statistics.requestsReceived, 3, "the bad request is not counted as received")

        await phone.close()
        await transport.shutdown()
        try await group.shutdownGracefully()
    }
}
