import DequeModule
import NIOCore
import SIPCore

/// The transactions that live on one event loop (../shared/ARCHITECTURE.md, Concurrency):
/// touched only on `loop`, so neither the tables nor the state machines need a lock.
final class TransactionShard: @unchecked Sendable {
    let loop: any EventLoop
    let index: Int
    /// The timers of this shard's transactions.
    let timerQueue: TimerQueue
    var servers: [TransactionKey: ServerTransaction] = [:]
    var clients: [TransactionKey: ClientTransaction] = [:]
    var registrations: [TransactionLayer.Registration] = []
    /// Completed non-INVITE server transactions waiting out Timer J, oldest first.
    /// Timer J is the same for all of them (64·T1, RFC 3261 §17.2.2), so one queue and one
    /// scheduled task per shard replace a timer per transaction — under a registration
    /// storm tens of thousands of transactions wait here at once.
    private var lingering: Deque<(deadline: NIODeadline, transaction: ServerTransaction)> = []
    private var sweep: TimerHandle?
    /// Expiries closer together than this are handled in one pass.
    static let sweepCoalescing = TimeAmount.milliseconds(10)

    init(loop: any EventLoop, index: Int) {
        self.loop = loop
        self.index = index
        self.timerQueue = TimerQueue(loop: loop)
    }

    var count: Int { servers.count + clients.count }

    /// Keeps `transaction` (completed) until `duration` from now has passed, then ends it.
    func linger(_ transaction: ServerTransaction, for duration: TimeAmount) {
        let deadline = loop.now + duration
        lingering.append((deadline, transaction))
        if sweep == nil { scheduleSweep(at: deadline) }
    }

    private func scheduleSweep(at deadline: NIODeadline) {
        sweep = timerQueue.schedule(at: deadline) { [unowned self] in self.endLingering() }
    }

    /// Ends every lingering transaction whose time is up, then waits for the next one.
    private func endLingering() {
        sweep = nil
        let now = loop.now
        while let first = lingering.first, first.deadline <= now {
            lingering.removeFirst()
            first.transaction.terminate(.normal)
        }
        if let next = lingering.first {
            scheduleSweep(at: max(next.deadline, now + Self.sweepCoalescing))
        }
    }

    /// Ends every lingering transaction at once (shutdown).
    func endAllLingering() {
        sweep?.cancel()
        sweep = nil
        while let first = lingering.popFirst() { first.transaction.terminate(.normal) }
    }
}
