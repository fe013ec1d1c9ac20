import HeapModule
import NIOCore

/// The timers of one event loop: the transaction timers of RFC 3261 §17 (A–K, L, M) and
/// the proxy's Timer C (§16.6 step 11), by the tens of thousands under load.
///
/// Starting a timer is O(log n) and cancelling one O(1): a cancelled timer is only
/// marked and skipped when its time comes, and the queue is compacted when more than
/// half of it is cancelled. NIO's own scheduled tasks are not used one per timer, because
/// NIO cancels a task by searching its whole task list — with a timer per transaction that
/// search grew with the load. The queue keeps a single NIO task, for its earliest deadline.
///
/// Touched only on `loop`.
public final class TimerQueue: @unchecked Sendable {
    public let loop: any EventLoop

    private struct Entry: Comparable {
        let deadline: NIODeadline
        let sequence: UInt64
        let timer: TimerHandle

        static func < (a: Entry, b: Entry) -> Bool {
            a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence
        }

        static func == (a: Entry, b: Entry) -> Bool { a.sequence == b.sequence }
    }

    private var heap = Heap<Entry>()
    private var sequence: UInt64 = 0
    private var cancelledCount = 0
    private var wakeup: Scheduled<Void>?
    private var wakeupDeadline: NIODeadline?
    /// Deadlines are rounded up to this, so that timers due close together share one wakeup.
    static let granularity: Int64 = 1_000_000

    public init(loop: any EventLoop) {
        self.loop = loop
    }

    /// The timers started and neither fired nor cancelled.
    public var pendingCount: Int { heap.count - cancelledCount }

    /// Runs `body` on the loop once `delay` has passed, unless the returned timer is cancelled first.
    @discardableResult
    public func schedule(in delay: TimeAmount, _ body: @escaping () -> Void) -> TimerHandle {
        schedule(at: loop.now + delay, body)
    }

    /// Runs `body` on the loop at `deadline`, unless the returned timer is cancelled first.
    @discardableResult
    public func schedule(at deadline: NIODeadline, _ body: @escaping () -> Void) -> TimerHandle {
        let timer = TimerHandle(body: body, queue: self)
        sequence &+= 1
        heap.insert(Entry(deadline: deadline, sequence: sequence, timer: timer))
        arm(for: deadline)
        return timer
    }

    /// Cancels every timer (shutdown).
    public func cancelAll() {
        for entry in heap.unordered { entry.timer.body = nil }
        heap = Heap()
        cancelledCount = 0
        wakeup?.cancel()
        wakeup = nil
        wakeupDeadline = nil
    }

    func timerCancelled() {
        cancelledCount += 1
        if cancelledCount > 1024 && cancelledCount * 2 > heap.count {
            heap = Heap(heap.unordered.filter { $0.timer.body != nil })
            cancelledCount = 0
        }
    }

    /// Makes sure the NIO task wakes the queue no later than `deadline`.
    private func arm(for deadline: NIODeadline) {
        let rounded = Self.roundedUp(deadline)
        if let current = wakeupDeadline, current <= rounded { return }
        wakeup?.cancel()  // NIO's task list holds only this queue's one task per loop: cheap
        wakeupDeadline = rounded
        wakeup = loop.scheduleTask(deadline: rounded) { [unowned self] in self.fire() }
    }

    static func roundedUp(_ deadline: NIODeadline) -> NIODeadline {
        let ns = Int64(clamping: deadline.uptimeNanoseconds)
        let (q, r) = ns.quotientAndRemainder(dividingBy: granularity)
        return .uptimeNanoseconds(UInt64(r == 0 ? ns : (q + 1) * granularity))
    }

    /// Runs every timer that is due, in deadline order, then waits for the next.
    private func fire() {
        wakeup = nil
        wakeupDeadline = nil
        let now = loop.now
        while let first = heap.min, first.deadline <= now {
            heap.removeMin()
            if let body = first.timer.body {
                first.timer.body = nil
                body()
            } else {
                cancelledCount -= 1
            }
        }
        if let next = heap.min { arm(for: next.deadline) }
    }
}

/// A timer started on a `TimerQueue`; cancel it to make sure it never runs.
public final class TimerHandle: @unchecked Sendable {
    /// What runs when the timer fires; nil once it fired or was cancelled.
    fileprivate var body: (() -> Void)?
    private weak var queue: TimerQueue?

    fileprivate init(body: @escaping () -> Void, queue: TimerQueue) {
        self.body = body
        self.queue = queue
    }

    /// Whether the timer has neither fired nor been cancelled.
    public var isPending: Bool { body != nil }

    /// Stops the timer; nothing happens if it already fired. Call on the queue's loop.
    public func cancel() {
        guard body != nil else { return }
        body = nil
        queue?.timerCancelled()
    }
}
