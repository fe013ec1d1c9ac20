import NIOCore

/// Takes what `HandOverQueue.send` carries from one event loop to another.
protocol HandOverReceiver: AnyObject, Sendable {
    associatedtype HandedOver: Sendable
    /// `item` on `loops[loopIndex]` of the queue that carried it.
    func receiveHandedOver(_ item: HandedOver, onLoop loopIndex: Int)
    /// Called on `loops[loopIndex]` after the items delivered together there (a batch, or one
    /// item taken at once): for work to do once per batch rather than per item.
    func finishHandOver(onLoop loopIndex: Int)
}

extension HandOverReceiver {
    func finishHandOver(onLoop loopIndex: Int) {}
}

/// Items read on one event loop of a fixed set and handled on another, handed over in batches.
///
/// An item for another loop waits in this loop's outbox until the burst of reads under way
/// is over (a task queued on this loop runs after its I/O) or the outbox holds `batchLimit`
/// items; the outbox then goes over in one `execute`: one task, and at most one wake-up of
/// the other loop, per batch rather than per item. Tasks run in the order queued, so items
/// keep their order per target loop. Each loop's outbox is touched only on that loop.
final class HandOverQueue<Receiver: HandOverReceiver>: @unchecked Sendable {
    /// One loop's waiting items, by target loop.
    private final class Outbox {
        var items: [[Receiver.HandedOver]]
        /// Whether a task to hand everything over is already queued on the owning loop.
        var flushQueued = false
        init(loopCount: Int) { items = Array(repeating: [], count: loopCount) }
    }

    let loops: [any EventLoop]
    private let outboxes: [Outbox]

    /// The most items an outbox holds before it is handed over without waiting for the end
    /// of the read burst. A UDP burst is up to 128 datagrams (four `recvmmsg` of 32); held
    /// back to its end, the other loop's share arrived as one task of up to ~10 ms, and a
    /// digest registration at 8,000/s over UDP saw p99 12–25 ms. In batches of eight the
    /// other loop starts at once and p99 was 7–8.5 ms, at the same CPU per registration.
    static var batchLimit: Int { 8 }

    init(loops: [any EventLoop]) {
        precondition(!loops.isEmpty, "a hand-over queue needs at least one event loop")
        self.loops = loops
        self.outboxes = loops.map { _ in Outbox(loopCount: loops.count) }
    }

    /// The index of the loop this thread runs, if it is one of `loops`.
    var currentLoopIndex: Int? {
        for (i, loop) in loops.enumerated() where loop.inEventLoop { return i }
        return nil
    }

    /// The index of `loop` among `loops`.
    func index(of loop: any EventLoop) -> Int? {
        loops.firstIndex { $0 === loop }
    }

    /// Has `receiver` take `item` on `loops[target]`: at once when that is the loop we are
    /// on, batched when we are on another of `loops`, in a task of its own from anywhere else.
    func send(_ item: Receiver.HandedOver, to target: Int, receiver: Receiver) {
        if loops[target].inEventLoop {
            receiver.receiveHandedOver(item, onLoop: target)
            receiver.finishHandOver(onLoop: target)
            return
        }
        guard let here = currentLoopIndex else {
            loops[target].execute {
                receiver.receiveHandedOver(item, onLoop: target)
                receiver.finishHandOver(onLoop: target)
            }
            return
        }
        let outbox = outboxes[here]
        outbox.items[target].append(item)
        if outbox.items[target].count >= Self.batchLimit {
            handOver(from: here, to: target, receiver: receiver)
        } else if !outbox.flushQueued {
            outbox.flushQueued = true
            loops[here].execute { self.flush(from: here, receiver: receiver) }
        }
    }

    /// Hands every non-empty part of loop `here`'s outbox to its loop.
    private func flush(from here: Int, receiver: Receiver) {
        outboxes[here].flushQueued = false
        for target in loops.indices where !outboxes[here].items[target].isEmpty {
            handOver(from: here, to: target, receiver: receiver)
        }
    }

    /// Hands loop `here`'s items for `target` to `target`'s loop in one task.
    private func handOver(from here: Int, to target: Int, receiver: Receiver) {
        let batch = outboxes[here].items[target]
        outboxes[here].items[target] = []
        loops[target].execute {
            for item in batch { receiver.receiveHandedOver(item, onLoop: target) }
            receiver.finishHandOver(onLoop: target)
        }
    }
}
