import Synchronization

/// Brute-force protection: counts failed authentications per source address and per
/// user within a window, and locks a source out for a while once either count reaches
/// the threshold.
///
/// Locking the *source* rather than the account means an attacker cannot lock a real
/// user out of their own phone by guessing their password from elsewhere. Bounded: when
/// the tables are full, counters whose window has passed are dropped, then (if still
/// full) all counters — never an active lockout.
final class FailureTracker: Sendable {
    private struct Counter {
        var count: Int
        var windowStart: UInt64
    }

    private struct State {
        var bySource: [String: Counter] = [:]
        var byUser: [String: Counter] = [:]
        var lockedUntil: [String: UInt64] = [:]
    }

    private let state = Mutex(State())
    private let threshold: Int
    private let window: UInt64
    private let duration: UInt64
    private let capacity: Int

    init(threshold: Int, windowSeconds: Int, lockoutSeconds: Int, capacity: Int) {
        self.threshold = max(1, threshold)
        self.window = UInt64(max(1, windowSeconds)) * 1_000_000_000
        self.duration = UInt64(max(1, lockoutSeconds)) * 1_000_000_000
        self.capacity = max(16, capacity)
    }

    /// When `source` is locked out at `now`, the time the lockout ends.
    func lockedUntil(source: String, now: UInt64) -> UInt64? {
        state.withLock { s in
            guard let until = s.lockedUntil[source] else { return nil }
            if until <= now {
                s.lockedUntil[source] = nil
                return nil
            }
            return until
        }
    }

    /// Counts a failure of `source` against `user`; returns the end of a lockout it starts.
    func recordFailure(source: String, user: String, now: UInt64) -> UInt64? {
        state.withLock { s in
            if s.bySource.count + s.byUser.count + s.lockedUntil.count >= capacity { prune(&s, now: now) }
            let fromSource = bump(&s.bySource, source, now)
            let againstUser = bump(&s.byUser, user, now)
            guard fromSource >= threshold || againstUser >= threshold else { return nil }
            let until = now + duration
            s.lockedUntil[source] = until
            s.bySource[source] = nil
            return until
        }
    }

    /// A success clears the user's counter (their phone got it right).
    func recordSuccess(user: @autoclosure () -> String) {
        state.withLock { s in
            // Nearly always empty: then the key need not be made.
            guard !s.byUser.isEmpty else { return }
            s.byUser[user()] = nil
        }
    }

    private func bump(_ table: inout [String: Counter], _ key: String, _ now: UInt64) -> Int {
        if var c = table[key], now - c.windowStart < window {
            c.count += 1
            table[key] = c
            return c.count
        }
        table[key] = Counter(count: 1, windowStart: now)
        return 1
    }

    private func prune(_ s: inout State, now: UInt64) {
        s.bySource = s.bySource.filter { now - $0.value.windowStart < window }
        s.byUser = s.byUser.filter { now - $0.value.windowStart < window }
        s.lockedUntil = s.lockedUntil.filter { $0.value > now }
        if s.bySource.count + s.byUser.count >= capacity {
            s.bySource.removeAll()
            s.byUser.removeAll()
        }
    }
}
