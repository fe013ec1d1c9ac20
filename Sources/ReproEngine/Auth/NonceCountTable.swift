import Synchronization

/// The highest nonce-count seen per nonce (RFC 7616 §3.4.6, RFC 3261 §22.4): a request
/// whose `nc` is not higher than one already accepted for the same nonce is a replay.
///
/// Bounded: a nonce is forgotten once it expires (it is refused as stale from then on
/// anyway), and when the table is full the oldest entry goes early. A nonce that might
/// have been forgotten early — issued no later than the newest evicted one — is reported
/// as `forgotten`, so the client is re-challenged rather than a replay let through.
final class NonceCountTable: Sendable {
    enum Verdict: Equatable {
        case accepted
        case replayed
        case forgotten
    }

    private struct State {
        var highest: [NonceID: UInt32] = [:]
        /// Nonces in first-use order with the time they expire.
        var order: [(nonce: NonceID, expires: UInt64)] = []
        var head = 0
        /// Nonces issued at or before this were possibly evicted while still valid.
        var evictedThrough: UInt64 = 0
        var hasEvicted = false
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Records `nc` for `nonce` (expiring at `expires`) if it is higher than any seen, and
    /// says whether it was.
    func check(nonce: NonceID, nc: UInt32, expires: UInt64, now: UInt64) -> Verdict {
        state.withLock { s in
            // Forget expired nonces from the front of the queue.
            while s.head < s.order.count, s.order[s.head].expires <= now {
                s.highest[s.order[s.head].nonce] = nil
                s.head += 1
            }
            if let last = s.highest[nonce] {
                guard nc > last else { return .replayed }
                s.highest[nonce] = nc
                return .accepted
            }
            if s.hasEvicted, nonce.issued <= s.evictedThrough { return .forgotten }
            while s.highest.count >= capacity, s.head < s.order.count {
                let old = s.order[s.head]
                s.highest[old.nonce] = nil
                s.head += 1
                s.evictedThrough = max(s.evictedThrough, old.nonce.issued)
                s.hasEvicted = true
            }
            s.highest[nonce] = nc
            s.order.append((nonce, expires))
            if s.head > 1024, s.head * 2 > s.order.count {
                s.order.removeFirst(s.head)
                s.head = 0
            }
            return .accepted
        }
    }

    /// The number of nonces remembered.
    var count: Int { state.withLock { $0.highest.count } }
}
