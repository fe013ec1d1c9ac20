import DequeModule
import HeapModule
import NIOCore

/// The timers of one event loop: the transaction timers of RFC 3261 §17 (A–K, L, M) and
/// the proxy's Timer C (§16.6 step 11), by the hundreds of thousands under load.
///
/// Nearly every timer is started with one of a few fixed delays (T1 and its doublings,
/// 64·T1 for Timers B, F, H and J, T4, Timer C), and the loop's clock only moves forward,
/// so timers started with the same delay fall due in the order they were started. Each
/// such delay gets a lane, a first-in first-out queue: starting a timer appends to its
/// lane and the next due is at the lane's front, both O(1) and walking memory in order.
/// Under a UDP REGISTER storm every transaction waits out Timer J (32 s), over half a
/// million at once; a binary heap of them made each expiry climb twenty levels of cold
/// memory. Other delays (beyond `maxLanes` distinct ones) and absolute deadlines go to a
/// heap. Cancelling is O(1) everywhere: a cancelled timer is only marked and skipped when
/// its time comes, and the queues are compacted when more than half of them is cancelled.
///
/// NIO's own scheduled tasks are not used one per timer, because NIO cancels a task by
/// searching its whole task list — with a timer per transaction that search grew with the
/// load. The queue keeps a single NIO task, for its earliest deadline.
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

    /// The timers started with one delay, in the order they fall due.
    private struct Lane {
        let delay: Int64
        /// How late a wakeup for this lane may come: a hundredth of the delay, between one
        /// and ten milliseconds. Timers due within it share one wakeup, so a loop with a
        /// Timer J (32 s) running out every millisecond wakes a hundred times a second for
        /// them rather than a thousand.
        let granularity: Int64
        var entries = Deque<Entry>()

        init(delay: Int64) {
            self.delay = delay
            granularity = min(max(delay / 100, TimerQueue.granularity), 10 * TimerQueue.granularity)
        }
    }

    /// Distinct delays that get a lane; timers with any other delay go to the heap.
    static let maxLanes = 16

    private var lanes: [Lane] = []
    private var laneCount = 0
    private var laneCancelledCount = 0
    private var heap = Heap<Entry>()
    private var heapCancelledCount = 0
    private var sequence: UInt64 = 0
    private var wakeup: Scheduled<Void>?
    private var wakeupDeadline: NIODeadline?
    /// Deadlines are rounded up to at least this, so that timers due close together share
    /// one wakeup.
    static let granularity: Int64 = 1_000_000

    public init(loop: any EventLoop) {
        self.loop = loop
    }

    /// The timers started and neither fired nor cancelled.
    public var pendingCount: Int { laneCount - laneCancelledCount + heap.count - heapCancelledCount }

    /// Runs `body` on the loop once `delay` has passed, unless the returned timer is cancelled first.
    @discardableResult
    public func schedule(in delay: TimeAmount, _ body: @escaping () -> Void) -> TimerHandle {
        let deadline = loop.now + delay
        guard let lane = lane(for: delay.nanoseconds) else { return schedule(at: deadline, body) }
        let timer = TimerHandle(body: body, queue: self, inHeap: false)
        sequence &+= 1
        lanes[lane].entries.append(Entry(deadline: deadline, sequence: sequence, timer: timer))
        laneCount += 1
        arm(for: deadline, granularity: lanes[lane].granularity)
        return timer
    }

    /// Runs `body` on the loop at `deadline`, unless the returned timer is cancelled first.
    @discardableResult
    public func schedule(at deadline: NIODeadline, _ body: @escaping () -> Void) -> TimerHandle {
        let timer = TimerHandle(body: body, queue: self, inHeap: true)
        sequence &+= 1
        heap.insert(Entry(deadline: deadline, sequence: sequence, timer: timer))
        arm(for: deadline, granularity: Self.granularity)
        return timer
    }

    /// The lane of `delay`, made if there is room for one more; nil sends the timer to the heap.
    private func lane(for delay: Int64) -> Int? {
        var i = 0
        while i < lanes.count {
            if lanes[i].delay == delay { return i }
            i += 1
        }
        guard lanes.count < Self.maxLanes, delay >= 0 else { return nil }
        lanes.append(Lane(delay: delay))
        return lanes.count - 1
    }

    /// Cancels every timer (shutdown).
    public func cancelAll() {
        for entry in heap.unordered { entry.timer.body = nil }
        for lane in lanes {
            for entry in lane.entries { entry.timer.body = nil }
        }
        heap = Heap()
        lanes = []
        laneCount = 0
        laneCancelledCount = 0
        heapCancelledCount = 0
        wakeup?.cancel()
        wakeup = nil
        wakeupDeadline = nil
    }

    func timerCancelled(inHeap: Bool) {
        if inHeap {
            heapCancelledCount += 1
            if heapCancelledCount > 1024 && heapCancelledCount * 2 > heap.count {
                heap = Heap(heap.unordered.filter { $0.timer.body != nil })
                heapCancelledCount = 0
            }
        } else {
            laneCancelledCount += 1
            if laneCancelledCount > 1024 && laneCancelledCount * 2 > laneCount {
                for i in lanes.indices {
                    lanes[i].entries = Deque(lanes[i].entries.filter { $0.timer.body != nil })
                }
                laneCount -= laneCancelledCount
                laneCancelledCount = 0
            }
        }
    }

    /// Makes sure the NIO task wakes the queue no later than `deadline`.
    private func arm(for deadline: NIODeadline, granularity: Int64) {
        arm(rounded: Self.roundedUp(deadline, to: granularity))
    }

    private func arm(rounded: NIODeadline) {
        if let current = wakeupDeadline, current <= rounded { return }
        wakeup?.cancel()  // NIO's task list holds only this queue's one task per loop: cheap
        wakeupDeadline = rounded
        wakeup = loop.scheduleTask(deadline: rounded) { [unowned self] in self.fire() }
    }

    static func roundedUp(_ deadline: NIODeadline, to granularity: Int64) -> NIODeadline {
        let ns = Int64(clamping: deadline.uptimeNanoseconds)
        let (q, r) = ns.quotientAndRemainder(dividingBy: granularity)
        return .uptimeNanoseconds(UInt64(r == 0 ? ns : (q + 1) * granularity))
    }

    /// Where the earliest timer waits: a lane's index, or nil for the heap; with its entry.
    private func earliest() -> (lane: Int?, entry: Entry)? {
        var best: (lane: Int?, entry: Entry)? = heap.min.map { (nil, $0) }
        var i = 0
        while i < lanes.count {
            if let front = lanes[i].entries.first, best.map({ front < $0.entry }) ?? true {
                best = (i, front)
            }
            i += 1
        }
        return best
    }

    /// Runs every timer that is due, in deadline order (lanes and heap merged), then waits
    /// for the next.
    private func fire() {
        wakeup = nil
        wakeupDeadline = nil
        let now = loop.now
        while let (lane, first) = earliest(), first.deadline <= now {
            if let lane {
                lanes[lane].entries.removeFirst()
                laneCount -= 1
            } else {
                heap.removeMin()
            }
            if let body = first.timer.body {
                first.timer.body = nil
                body()
            } else if lane == nil {
                heapCancelledCount -= 1
            } else {
                laneCancelledCount -= 1
            }
        }
        // The next wakeup: the earliest of the fronts, each rounded by its own granularity.
        var next = heap.min.map { Self.roundedUp($0.deadline, to: Self.granularity) }
        for lane in lanes {
            if let front = lane.entries.first {
                let rounded = Self.roundedUp(front.deadline, to: lane.granularity)
                if next.map({ rounded < $0 }) ?? true { next = rounded }
            }
        }
        if let next { arm(rounded: next) }
    }
}

/// A timer started on a `TimerQueue`; cancel it to make sure it never runs.
public final class TimerHandle: @unchecked Sendable {
    /// What runs when the timer fires; nil once it fired or was cancelled.
    fileprivate var body: (() -> Void)?
    private weak var queue: TimerQueue?
    /// Whether the timer waits in its queue's heap rather than in a lane.
    private let inHeap: Bool

    fileprivate init(body: @escaping () -> Void, queue: TimerQueue, inHeap: Bool) {
        self.body = body
        self.queue = queue
        self.inHeap = inHeap
    }

    /// Whether the timer has neither fired nor been cancelled.
    public var isPending: Bool { body != nil }

    /// Stops the timer; nothing happens if it already fired. Call on the queue's loop.
    public func cancel() {
        guard body != nil else { return }
        body = nil
        queue?.timerCancelled(inHeap: inHeap)
    }
}
