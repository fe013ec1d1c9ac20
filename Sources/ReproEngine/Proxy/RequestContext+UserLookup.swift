import ReproStore

/// A user record fetched for a processor that waited for it (repro's async store lookups).
extension RequestContext {
    /// A user record (or its absence) carried across the wait.
    struct LookedUpUser: Sendable {
        var record: UserRecord?
    }

    /// The user for `query`, if known without waiting: from a lookup this processor already
    /// waited for (kept under `slot`), or from the cache. Otherwise starts the lookup, which
    /// stores its answer under `slot` and resumes the chain at the same processor, and
    /// returns nil: the processor then returns `.waitingForEvent`.
    func user(_ query: UserQuery, from users: UserDirectory, slot: String) -> UserRecord?? {
        if let looked = slots.removeValue(forKey: slot) as? LookedUpUser { return .some(looked.record) }
        if let cached = users.cached(query) { return .some(cached) }
        users.fetch(query) { result in
            self.loop.execute {
                self.slots[slot] = LookedUpUser(record: (try? result.get()) ?? nil)
                self.resume()
            }
        }
        return nil
    }
}
