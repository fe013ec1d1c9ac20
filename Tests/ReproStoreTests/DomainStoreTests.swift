import ReproStore
import Testing

@Suite("DomainStore behaviour, on every backend")
struct DomainStoreTests {
    @Test(arguments: Backend.allCases)
    func domainsAreStoredLowerCasedWithTheirRealm(backend: Backend) throws {
        try withStore(backend, domains: []) { (store: DataStore) throws in
            try store.addDomain(DomainRecord(name: "Example.COM"))
            try store.addDomain(DomainRecord(name: "10.0.0.1", realm: "lab"))
            #expect(try store.domains() == [DomainRecord(name: "10.0.0.1", realm: "lab"),
                                            DomainRecord(name: "example.com", realm: "example.com")])
            #expect(try store.domain("EXAMPLE.com")?.realm == "example.com")
        }
    }

    @Test(arguments: Backend.allCases)
    func duplicateAndMalformedDomainsAreRefused(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            #expect(throws: StoreError.duplicateDomain("example.com")) {
                try store.addDomain(DomainRecord(name: "EXAMPLE.com", realm: "other"))
            }
            #expect(throws: StoreError.self) { try store.addDomain(DomainRecord(name: "bad domain")) }
            #expect(throws: StoreError.self) { try store.addDomain(DomainRecord(name: "")) }
            #expect(try store.domains() == [DomainRecord(name: "example.com")])
        }
    }

    @Test(arguments: Backend.allCases)
    func aDomainWithUsersCannotBeRemoved(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            #expect(throws: StoreError.domainInUse("example.com", users: 1)) { try store.removeDomain("example.com") }
            try store.removeUser("alice", domain: "example.com")
            try store.removeDomain("example.com")
            #expect(try store.domains().isEmpty)
            #expect(throws: StoreError.unknownDomain("example.com")) { try store.removeDomain("example.com") }
        }
    }

    @Test(arguments: Backend.allCases)
    func domainChangesAreNotified(backend: Backend) throws {
        try withStore(backend, domains: []) { (store: DataStore) throws in
            let recorder = ChangeRecorder(store.changes)
            try store.addDomain(DomainRecord(name: "example.com"))
            try store.removeDomain("example.com")
            #expect(recorder.recorded == [.domain(name: "example.com", .added), .domain(name: "example.com", .removed)])
        }
    }
}
