import ReproStore
import SIPCore
import Testing

@Suite("UserStore behaviour, on every backend")
struct UserStoreTests {
    @Test(arguments: Backend.allCases)
    func anAddedUserReadsBackWithItsDigestsAndNotItsPassword(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            let user = try #require(try store.user("alice", domain: "example.com"))
            #expect(user.ha1 == Digest.ha1(username: "alice", realm: "example.com", password: "secret", algorithm: .md5))
            #expect(user.ha1Sha256 == Digest.ha1(username: "alice", realm: "example.com", password: "secret",
                                                 algorithm: .sha256))
            #expect(user.displayName == "Alice Liddell")
            #expect(user.enabled)
            #expect(!String(describing: user).contains("secret"))
        }
    }

    @Test(arguments: Backend.allCases)
    func domainLookupIsCaseInsensitive(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser(domain: "Example.COM"))
            #expect(try store.user("alice", domain: "EXAMPLE.com")?.domain == "example.com")
            #expect(try store.user("ALICE", domain: "example.com") == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func aDuplicateUserIsRefusedAndTheFirstIsKept(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            var other = sampleUser()
            other.displayName = "Impostor"
            #expect(throws: StoreError.duplicateUser("alice@example.com")) { try store.addUser(other) }
            #expect(try store.user("alice", domain: "example.com")?.displayName == "Alice Liddell")
            #expect(try store.userCount() == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func aUserOfAnUnknownDomainIsRefused(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            #expect(throws: StoreError.unknownDomain("elsewhere.org")) {
                try store.addUser(sampleUser(domain: "elsewhere.org"))
            }
            #expect(try store.userCount() == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func malformedFieldsAreRefused(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            var badForward = sampleUser()
            badForward.forwardAddress = "mailto:alice@example.com"
            #expect(throws: StoreError.self) { try store.addUser(badForward) }
            var badName = sampleUser("bob smith")
            badName.displayName = ""
            #expect(throws: StoreError.self) { try store.addUser(badName) }
            let badDigest = UserRecord(user: "carol", domain: "example.com", realm: "example.com",
                                       ha1: "not-hex", ha1Sha256: "")
            #expect(throws: StoreError.self) { try store.addUser(badDigest) }
            #expect(try store.userCount() == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func aNewPasswordReplacesBothDigests(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            let updated = try store.setPassword("n3w", user: "alice", domain: "example.com")
            #expect(updated.ha1 == Digest.ha1(username: "alice", realm: "example.com", password: "n3w"))
            #expect(try store.user("alice", domain: "example.com") == updated)
        }
    }

    @Test(arguments: Backend.allCases)
    func usersCanBeDisabledAndEnabled(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            try store.setEnabled(false, user: "alice", domain: "example.com")
            #expect(try store.user("alice", domain: "example.com")?.enabled == false)
            try store.setEnabled(true, user: "alice", domain: "example.com")
            #expect(try store.user("alice", domain: "example.com")?.enabled == true)
        }
    }

    @Test(arguments: Backend.allCases)
    func anUpdateThatFailsLeavesTheUserUnchanged(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            #expect(throws: StoreError.self) {
                try store.updateUser("alice", domain: "example.com") { $0.user = "mallory" }
            }
            #expect(throws: StoreError.self) {
                try store.updateUser("alice", domain: "example.com") { $0.forwardAddress = "not a uri" }
            }
            #expect(try store.user("alice", domain: "example.com") == sampleUser())
            #expect(throws: StoreError.unknownUser("nobody@example.com")) {
                try store.updateUser("nobody", domain: "example.com") { $0.enabled = false }
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func removedUsersAreGoneAndRemovingTwiceFails(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            try store.removeUser("alice", domain: "example.com")
            #expect(try store.user("alice", domain: "example.com") == nil)
            #expect(throws: StoreError.unknownUser("alice@example.com")) {
                try store.removeUser("alice", domain: "example.com")
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func usersListByDomainThenName(backend: Backend) throws {
        try withStore(backend, domains: ["b.example", "a.example"]) { (store: DataStore) throws in
            for (name, domain) in [("zed", "a.example"), ("amy", "b.example"), ("bob", "a.example")] {
                try store.addUser(sampleUser(name, domain: domain))
            }
            #expect(try store.users(domain: nil).map(\.aor) == ["bob@a.example", "zed@a.example", "amy@b.example"])
            #expect(try store.users(domain: "B.example").map(\.aor) == ["amy@b.example"])
            #expect(try store.userCount() == 3)
        }
    }

    @Test(arguments: Backend.allCases)
    func observersSeeEachCommittedChangeAndNoFailedOne(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let recorder = ChangeRecorder(store.changes)
            try store.addUser(sampleUser())
            _ = try? store.addUser(sampleUser())
            try store.setEnabled(false, user: "alice", domain: "example.com")
            try store.removeUser("alice", domain: "example.com")
            #expect(recorder.recorded == [
                .user(aor: "alice@example.com", .added),
                .user(aor: "alice@example.com", .updated),
                .user(aor: "alice@example.com", .removed),
            ])
        }
    }

    @Test(arguments: Backend.allCases)
    func usersCanBeReadThroughTheExecutor(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        try store.addDomain(DomainRecord(name: "example.com"))
        let executor = StoreExecutor()
        try await store.addUser(sampleUser(), on: executor)
        #expect(try await store.user("alice", domain: "example.com", on: executor)?.aor == "alice@example.com")
    }
}
