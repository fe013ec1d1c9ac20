import ReproStore

/// Looks users up for the authenticator without blocking an event loop: a `UserCache`
/// hit answers at once; a miss runs on the `StoreExecutor`'s threads.
public final class UserDirectory: Sendable {
    private let cache: UserCache
    private let executor: StoreExecutor

    public init(cache: UserCache, executor: StoreExecutor) {
        self.cache = cache
        self.executor = executor
    }

    /// A directory with its own cache in front of `store`.
    public convenience init(store: any UserStore, executor: StoreExecutor = StoreExecutor()) {
        self.init(cache: UserCache(store: store), executor: executor)
    }

    /// The user if the cache knows the answer: `.some(record-or-nil)`; nil when it must be fetched.
    public func cached(_ query: UserQuery) -> UserRecord?? {
        cache.cachedUser(query.user, domain: query.domain)
    }

    /// Loads every user into the cache on the executor when they fit (see `UserCache.warm`).
    public func warm(completion: @escaping @Sendable (Result<Int, any Error>) -> Void = { _ in }) {
        let cache = self.cache
        executor.submit({ try cache.warm() }, completion: completion)
    }

    /// Fetches the user on the executor (filling the cache) and calls `completion` there;
    /// the caller hops back to its event loop itself.
    public func fetch(_ query: UserQuery, completion: @escaping @Sendable (Result<UserRecord?, any Error>) -> Void) {
        let cache = self.cache
        executor.submit({ try cache.user(query.user, domain: query.domain) }, completion: completion)
    }
}
