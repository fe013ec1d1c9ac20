import ReproStore
import Testing

@Suite("User cache")
struct UserCacheTests {
    @Test(arguments: Backend.allCases)
    func aSecondLookupIsAHit(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            let cache = UserCache(store: store)
            #expect(try cache.user("alice", domain: "example.com")?.aor == "alice@example.com")
            #expect(try cache.user("alice", domain: "EXAMPLE.com")?.aor == "alice@example.com")
            #expect(cache.statistics.hits == 1)
            #expect(cache.statistics.misses == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func warmingLoadsEveryUserSoTheFirstLookupIsAHit(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            let cache = UserCache(store: store)
            #expect(try cache.warm() == 1)
            #expect(cache.cachedUser("alice", domain: "EXAMPLE.COM")??.aor == "alice@example.com")
            #expect(cache.cachedUser("bob", domain: "example.com") == nil, "an unknown user is still a miss")
            try store.setEnabled(false, user: "alice", domain: "example.com")
            #expect(cache.cachedUser("alice", domain: "example.com") == nil, "a change invalidates the warmed entry")
        }
    }

    @Test(arguments: Backend.allCases)
    func warmingSkipsAStoreLargerThanTheCache(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            let cache = UserCache(store: store, capacity: 0)
            #expect(try cache.warm() == 0)
            #expect(cache.cachedUser("alice", domain: "example.com") == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func committedChangesReachTheCache(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let cache = UserCache(store: store)
            #expect(try cache.user("alice", domain: "example.com") == nil)
            try store.addUser(sampleUser())
            #expect(try cache.user("alice", domain: "example.com") != nil)
            try store.setEnabled(false, user: "alice", domain: "example.com")
            #expect(try cache.user("alice", domain: "example.com")?.enabled == false)
            try store.removeUser("alice", domain: "example.com")
            #expect(try cache.user("alice", domain: "example.com") == nil)
        }
    }
}
