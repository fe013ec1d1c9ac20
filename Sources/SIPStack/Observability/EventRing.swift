import Synchronization

/// A bounded, multi-writer ring of events with sequence numbers, for readers that
/// must never slow the writers (ARCHITECTURE.md, "Events and the control API").
///
/// Writers append in O(1) under a short lock; an element pushed out of the ring is
/// released after the lock is dropped. When a reader falls behind, the oldest
/// entries are overwritten and the reader learns how many it missed from
/// `Snapshot.dropped`. Sequence numbers start at 1 and never repeat.
public final class EventRing<Element: Sendable>: Sendable {
    /// One element and its sequence number.
    public struct Entry: Sendable {
        public let sequenceNumber: UInt64
        public let element: Element
    }

    /// What a reader gets: the entries after its last sequence number, and how many it missed.
    public struct Snapshot: Sendable {
        /// The entries, oldest first.
        public var entries: [Entry]
        /// How many entries after the requested sequence number were overwritten before this read.
        public var dropped: UInt64
        /// The sequence number to pass to the next `snapshot(after:)` call.
        public var lastSequenceNumber: UInt64
    }

    private struct State {
        var slots: [Element?]
        /// The sequence number the next append gets.
        var next: UInt64 = 1
    }

    /// The most entries kept.
    public let capacity: Int
    private let state: Mutex<State>

    /// A ring keeping the newest `capacity` entries (at least one).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        state = Mutex(State(slots: Array(repeating: nil, count: max(1, capacity))))
    }

    /// Appends `element`, overwriting the oldest entry when full; returns its sequence number.
    @discardableResult
    public func append(_ element: Element) -> UInt64 {
        let capacity = UInt64(self.capacity)
        let (sequence, evicted) = state.withLock { s -> (UInt64, Element?) in
            let seq = s.next
            let slot = Int(seq % capacity)
            let old = s.slots[slot]
            s.slots[slot] = element
            s.next = seq + 1
            return (seq, old)
        }
        withExtendedLifetime(evicted) {}  // the evicted element is released here, outside the lock
        return sequence
    }

    /// The entries with a sequence number greater than `sequenceNumber` (0 for all that
    /// are kept), at most `limit` of them, oldest first.
    public func snapshot(after sequenceNumber: UInt64 = 0, limit: Int = .max) -> Snapshot {
        let capacity = UInt64(self.capacity)
        return state.withLock { s in
            let newest = s.next - 1
            let oldest = newest >= capacity ? newest - capacity + 1 : 1
            let wanted = sequenceNumber + 1
            guard wanted <= newest else {
                return Snapshot(entries: [], dropped: 0, lastSequenceNumber: max(sequenceNumber, newest))
            }
            let first = max(wanted, oldest)
            let dropped = first - wanted
            let count = min(newest - first + 1, UInt64(max(0, limit)))
            var entries: [Entry] = []
            entries.reserveCapacity(Int(count))
            var seq = first
            while seq < first + count {
                // Every slot between `oldest` and `newest` holds an element.
                if let e = s.slots[Int(seq % capacity)] { entries.append(Entry(sequenceNumber: seq, element: e)) }
                seq += 1
            }
            let last = count == 0 ? first - 1 : first + count - 1
            return Snapshot(entries: entries, dropped: dropped, lastSequenceNumber: last)
        }
    }

    /// The sequence number of the newest entry (0 when nothing was appended).
    public var lastSequenceNumber: UInt64 { state.withLock { $0.next - 1 } }

    /// How many entries were overwritten in total since the ring was made.
    public var overwrittenCount: UInt64 {
        let capacity = UInt64(self.capacity)
        return state.withLock { s in
            let total = s.next - 1
            return total > capacity ? total - capacity : 0
        }
    }
}
