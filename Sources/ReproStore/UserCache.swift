/// A read-through cache of user records in front of a `UserStore`, kept
/// current by the store's change notifications.
///
/// Lookups that hit take one short lock and never touch the store, so a hit
/// may be served from an event loop; a miss reads the store and blocks (use
/// `StoreExecutor` for misses from async code). Absent users are cached too,
/// so a flood of requests for unknown users does not reach the disk.
public final class UserCache: Sendable {
    private struct State {
        var entries: [String: UserRecord?] = [:]
        /// Bumped by every invalidation; a miss only fills the cache if no
        /// change committed while it was reading, so a stale record never sticks.
        var generation: UInt64 = 0
        var hits: UInt64 = 0
        var misses: UInt64 = 0
    }

    private let store: any UserStore
    private let capacity: Int
    private let state = LockedValue(State())
    private let observation = LockedValue<StoreChangeNotifier.Observation?>(nil)

    /// Creates a cache of at most `capacity` entries; when full it starts over empty
    /// (simple, and a proxy's working set of users is small next to the capacity).
    public init(store: any UserStore, capacity: Int = 100_000) {
        self.store = store
        self.capacity = capacity
        let token = store.changes.observe { [weak self] change in self?.invalidate(change) }
        observation.withLock { $0 = token }
    }

    deinit { observation.withLock { $0?.cancel() } }

    /// The user, from the cache when present, else from the store (blocking).
    public func user(_ user: String, domain: String) throws -> UserRecord? {
        let key = "\(user)@\(domain.lowercased())"
        let (cached, generation) = state.withLock { s -> (UserRecord??, UInt64) in
            let entry = s.entries[key]
            if entry != nil { s.hits += 1 } else { s.misses += 1 }
            return (entry, s.generation)
        }
        if let cached { return cached }
        let record = try store.user(user, domain: domain)
        state.withLock { s in
            guard s.generation == generation else { return }
            if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = .some(record)
        }
        return record
    }

    /// The cached entry without touching the store, so an event loop may call it:
    /// `.some(record)` or `.some(nil)` (known to be absent) on a hit, `nil` on a miss.
    public func cachedUser(_ user: String, domain: String) -> UserRecord?? {
        let key = "\(user)@\(domain.lowercased())"
        return state.withLock { s -> UserRecord?? in
            guard let entry = s.entries[key] else { return nil }
            s.hits += 1
            return .some(entry)
        }
    }

    /// Loads every user when they all fit, so that the first REGISTER of each phone after a
    /// start is answered from memory instead of waiting on the store. Returns how many were
    /// loaded (0 when there are more users than the cache holds: then it fills on demand).
    @discardableResult
    public func warm() throws -> Int {
        let generation = state.withLock { $0.generation }
        guard try store.userCount() <= capacity else { return 0 }
        let records = try store.users(domain: nil)
        return state.withLock { s in
            // A change committed while reading: leave the cache to fill on demand.
            guard s.generation == generation else { return 0 }
            for r in records where s.entries.count < capacity {
                s.entries["\(r.user)@\(r.domain.lowercased())"] = .some(r)
            }
            return records.count
        }
    }

    /// Hits and misses since the cache was created.
    public var statistics: (hits: UInt64, misses: UInt64) {
        state.withLock { ($0.hits, $0.misses) }
    }

    private func invalidate(_ change: StoreChange) {
        state.withLock { s in
            s.generation += 1
            switch change {
            case .user(let aor, _): s.entries.removeValue(forKey: aor)
            case .reloaded, .domain: s.entries.removeAll(keepingCapacity: true)
            case .route, .acl: break
            }
        }
    }
}
