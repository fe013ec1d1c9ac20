@testable import ReproStore
import Testing

/// Stored records carry a schema version; a reader tolerates fields it does
/// not know and refuses versions newer than it understands, naming the file.
@Suite("Versioned records")
struct RecordVersionTests {
    @Test func aRecordRoundTripsThroughItsEncoding() throws {
        let user = sampleUser()
        #expect(try UserRecord.decode(user.encodeRecord()) == user)
        let route = StaticRoute(id: 7, method: "INVITE", event: "x", pattern: "^sip:", rewrite: "sip:gw", order: -3)
        #expect(try StaticRoute.decode(route.encodeRecord()) == route)
    }

    @Test func unknownFieldsAreSkipped() throws {
        var bytes = sampleUser().encodeRecord()
        // A field a later schema might add: tag 200, three bytes.
        bytes += [200, 3, 0, 0, 0, 1, 2, 3]
        #expect(try UserRecord.decode(bytes) == sampleUser())
    }

    @Test func aNewerSchemaVersionIsRefused() {
        var bytes = sampleUser().encodeRecord()
        bytes[1] = UserRecord.schemaVersion + 1
        #expect(throws: RecordReader.Failure.self) { try UserRecord.decode(bytes) }
    }

    @Test func aTruncatedRecordIsRefused() {
        let bytes = Array(sampleUser().encodeRecord().dropLast(3))
        #expect(throws: RecordReader.Failure.self) { try UserRecord.decode(bytes) }
    }

    @Test(arguments: Backend.allCases)
    func aDamagedStoredRecordIsReportedWithItsFileAndKey(backend: Backend) throws {
        try withStore(backend) { (store: DataStore) throws in
            try store.engine.write { txn in
                try txn.put(.users, Keys.user("mallory", domain: "example.com"), [0x55, 99])
            }
            #expect {
                try store.user("mallory", domain: "example.com")
            } throws: { error in
                guard case StoreError.corruptRecord(let file, let key, _) = error else { return false }
                return file.hasSuffix("users.db") && key == "example.com/mallory"
            }
        }
    }
}
