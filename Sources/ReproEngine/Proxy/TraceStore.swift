import DequeModule
import Synchronization

/// The last finished chain traces, retrievable by Call-ID, and a sink that
/// publishes each to the event stream. Safe from any loop; the lock is held
/// only to append or copy.
public final class TraceStore: Sendable {
    private struct State {
        var traces: Deque<ChainTrace> = []
        var nextID: UInt64 = 1
    }

    private let state = Mutex(State())
    public let capacity: Int
    private let sink: (@Sendable (ChainTrace) -> Void)?

    public init(capacity: Int = 1000, sink: (@Sendable (ChainTrace) -> Void)? = nil) {
        self.capacity = max(1, capacity)
        self.sink = sink
    }

    func nextID() -> UInt64 {
        state.withLock { s in
            defer { s.nextID += 1 }
            return s.nextID
        }
    }

    func record(_ trace: ChainTrace) {
        state.withLock { s in
            if s.traces.count >= capacity { s.traces.removeFirst() }
            s.traces.append(trace)
        }
        sink?(trace)
    }

    /// The traces kept, oldest first.
    public func recent() -> [ChainTrace] { state.withLock { Array($0.traces) } }

    /// The traces of one call (every request of the dialog), oldest first.
    public func traces(callID: String) -> [ChainTrace] {
        state.withLock { $0.traces.filter { $0.callID == callID } }
    }
}
