import NIOCore
import SIPCore

/// The transactions that live on one event loop (../shared/ARCHITECTURE.md, Concurrency):
/// touched only on `loop`, so neither the tables nor the state machines need a lock.
final class TransactionShard: @unchecked Sendable {
    let loop: any EventLoop
    let index: Int
    /// The timers of this shard's transactions.
    let timerQueue: TimerQueue
    var servers = TransactionTable<ServerTransaction>()
    var clients = TransactionTable<ClientTransaction>()
    var registrations: [TransactionLayer.Registration] = []
    /// Messages read on this shard's loop that belong to other shards, by the other shard's
    /// index: handed over together when the read burst is over or enough have gathered
    /// (`TransactionLayer.receive`).
    var outbox: [[(message: SipMessage, source: SipSource)]] = []
    /// Whether a task to hand the outbox over is already queued on this loop.
    var outboxFlushQueued = false

    init(loop: any EventLoop, index: Int) {
        self.loop = loop
        self.index = index
        self.timerQueue = TimerQueue(loop: loop)
    }

    var count: Int { servers.count + clients.count }
}
