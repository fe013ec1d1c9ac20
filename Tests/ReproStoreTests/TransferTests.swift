import Foundation
import ReproStore
import SIPCore
import Testing

@Suite("Export and import, on every backend")
struct TransferTests {
    /// A store with one of everything, as a document.
    private func populated(_ store: DataStore) throws {
        try store.addDomain(DomainRecord(name: "lab.example", realm: "Lab"))
        try store.addUser(sampleUser())
        try store.addUser(UserRecord(user: "bob", domain: "lab.example", realm: "Lab", password: "pw",
                                     forwardAddress: "sip:bob@voicemail.example", enabled: false))
        try store.addRoute(StaticRoute(method: "INVITE", pattern: "^sip:([0-9]+)@", rewrite: "sip:$1@gw.example",
                                       order: 5))
        try store.addAcl(AclEntry(network: try #require(IPNetwork(parsing: "10.0.0.0/8")), transport: .tcp))
        try store.addAcl(AclEntry(tlsPeerName: "peer.example"))
    }

    @Test(arguments: Backend.allCases)
    func anExportImportsIntoAnEmptyStoreUnchanged(backend: Backend) throws {
        let exported = try withStore(backend) { (store: DataStore) throws in
            try populated(store)
            return try store.exportDocument()
        }
        // Through JSON, as `repro db export` / `import` do.
        let json = try JSONEncoder().encode(exported)
        let decoded = try JSONDecoder().decode(StoreDocument.self, from: json)
        try withStore(backend, domains: []) { (store: DataStore) throws in
            let summary = try store.importDocument(decoded)
            #expect(summary == ImportSummary(domains: 2, users: 2, routes: 1, acls: 2))
            #expect(try store.exportDocument() == exported)
            #expect(try store.user("bob", domain: "lab.example")?.enabled == false)
            #expect(try store.routeTable().match(requestURI: "sip:123@x", method: "INVITE")?.target
                == "sip:123@gw.example")
        }
    }

    @Test(arguments: Backend.allCases)
    func plainPasswordsAreHashedOnImportAndNeverKept(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let document = StoreDocument(users: [.init(user: "carol", domain: "example.com", password: "hunter2")])
            try store.importDocument(document)
            let carol = try #require(try store.user("carol", domain: "example.com"))
            #expect(carol.ha1 == Digest.ha1(username: "carol", realm: "example.com", password: "hunter2"))
            #expect(carol.ha1Sha256 == Digest.ha1(username: "carol", realm: "example.com", password: "hunter2",
                                                  algorithm: .sha256))
            let exported = String(decoding: try JSONEncoder().encode(store.exportDocument()), as: UTF8.self)
            #expect(!exported.contains("hunter2"))
            #expect(!exported.contains("password"))
        }
    }

    @Test(arguments: Backend.allCases)
    func badImportsLeaveTheStoreUnchanged(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            let before = try store.exportDocument()
            let good = StoreDocument.UserEntry(user: "dave", domain: "example.com", password: "x")
            let bad: [StoreDocument] = [
                StoreDocument(users: [good, .init(user: "alice", domain: "example.com", password: "x")]),
                StoreDocument(users: [good, .init(user: "erin", domain: "unknown.example", password: "x")]),
                StoreDocument(users: [good, .init(user: "frank", domain: "example.com")]),
                StoreDocument(users: [good, good]),
                StoreDocument(users: [good], routes: [StaticRoute(pattern: "([", rewrite: "sip:x")]),
                StoreDocument(domains: [.init(name: "example.com")], users: [good]),
            ]
            for document in bad {
                #expect(throws: StoreError.self) { try store.importDocument(document) }
                #expect(try store.exportDocument() == before)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func replaceOverwritesRecordsWithTheSameKey(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.addUser(sampleUser())
            let document = StoreDocument(users: [.init(user: "alice", domain: "example.com", password: "other",
                                                       displayName: "Replaced")])
            try store.importDocument(document, replace: true)
            #expect(try store.user("alice", domain: "example.com")?.displayName == "Replaced")
            #expect(try store.userCount() == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func tenThousandUsersImportInBatches(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            let users = (0..<10_000).map { i in
                StoreDocument.UserEntry(user: "user\(i)", domain: "example.com",
                                        ha1: String(repeating: "a", count: 32))
            }
            let recorder = ChangeRecorder(store.changes)
            let summary = try store.importDocument(StoreDocument(users: users))
            #expect(summary.users == 10_000)
            #expect(try store.userCount() == 10_000)
            #expect(try store.user("user9999", domain: "example.com") != nil)
            #expect(recorder.recorded == [.reloaded])
        }
    }
}
