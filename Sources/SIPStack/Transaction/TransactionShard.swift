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

    init(loop: any EventLoop, index: Int) {
        self.loop = loop
        self.index = index
        self.timerQueue = TimerQueue(loop: loop)
    }

    var count: Int { servers.count + clients.count }
}
