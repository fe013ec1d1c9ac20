import Foundation
import ReproStore
import Testing

/// What only the on-disk backend has: persistence, recovery, damaged files.
@Suite("Berkeley DB files")
struct BerkeleyDBStoreTests {
    @Test func writesSurviveClosingAndReopening() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("data")
        do {
            let store = try DataStore.openBerkeleyDB(directory: path, cacheMegabytes: 4)
            try store.addDomain(DomainRecord(name: "example.com"))
            try store.addUser(sampleUser())
            try store.addRoute(StaticRoute(pattern: "^sip:", rewrite: "sip:gw.example.com"))
            store.close()
        }
        let reopened = try DataStore.openBerkeleyDB(directory: path, cacheMegabytes: 4)
        defer { reopened.close() }
        #expect(try reopened.user("alice", domain: "example.com") == sampleUser())
        #expect(try reopened.routes().count == 1)
        // Ids continue after the stored ones.
        #expect(try reopened.addRoute(StaticRoute(pattern: "^tel:", rewrite: "sip:gw.example.com")).id == 2)
    }

    @Test func theFirstOpenCreatesTheDirectoryAndOneFilePerTable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("nested/data")
        let store = try DataStore.openBerkeleyDB(directory: path, cacheMegabytes: 4)
        store.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: path)
        for table in ["users.db", "domains.db", "routes.db", "acls.db"] { #expect(files.contains(table)) }
    }

    @Test func verifyFindsSoundFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try DataStore.openBerkeleyDB(directory: directory.path("data"), cacheMegabytes: 4)
        defer { store.close() }
        try store.addDomain(DomainRecord(name: "example.com"))
        try store.addUser(sampleUser())
        let results = try store.verify()
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0.problem == nil })
    }

    @Test func aDamagedFileIsReportedByNameAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("data")
        let store = try DataStore.openBerkeleyDB(directory: path, cacheMegabytes: 4)
        try store.addDomain(DomainRecord(name: "example.com"))
        store.close()
        let garbage = Data(repeating: 0x5A, count: 8192)
        let usersFile = path + "/users.db"
        try garbage.write(to: URL(fileURLWithPath: usersFile))
        do {
            let reopened = try DataStore.openBerkeleyDB(directory: path, cacheMegabytes: 4)
            reopened.close()
            Issue.record("a damaged users.db was opened without error")
        } catch let error as StoreError {
            #expect(error.description.contains("users.db"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: usersFile)) == garbage)
    }

    @Test func aDataDirectoryThatIsAFileIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.dataDirectory(path: path, reason: "not a directory")) {
            try DataStore.openBerkeleyDB(directory: path)
        }
    }
}
