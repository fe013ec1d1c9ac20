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
    var servers = TransactionTable<ServerTableEntry>()
    /// The completed non-INVITE transactions waiting out Timer J, oldest first: all wait the
    /// same 64·T1, so they expire in this order, swept by one timer (`sweepTimer`).
    var retired = Deque<CompletedServerTransaction>()
    /// The timer that sweeps expired records from `retired`, while one is scheduled.
    var sweepTimer: TimerHandle?
    var clients = TransactionTable<ClientTransaction>()
    var registrations: [TransactionLayer.Registration] = []

    init(loop: any EventLoop, index: Int) {
        self.loop = loop
        self.index = index
        self.timerQueue = TimerQueue(loop: loop)
    }

    var count: Int { servers.count + clients.count }
}
