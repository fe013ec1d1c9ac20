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
