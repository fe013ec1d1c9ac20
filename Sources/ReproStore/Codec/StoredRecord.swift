/// A model type as it is stored: its record type byte, its current schema
/// version and its field tags.
///
/// To change a schema, bump `schemaVersion` and make `init(record:)` accept
/// the older versions (the reader exposes `version`); records are rewritten
/// in the new form the next time they are saved. Tags are never reused.
protocol StoredRecord {
    static var recordType: UInt8 { get }
    static var schemaVersion: UInt8 { get }
    func encodeRecord() -> [UInt8]
    init(record: RecordReader) throws
}

extension StoredRecord {
    /// Decodes a stored value, rejecting versions newer than this build knows.
    static func decode(_ bytes: [UInt8]) throws -> Self {
        let reader = try RecordReader(bytes, expectedType: recordType)
        guard reader.version >= 1, reader.version <= schemaVersion else {
            throw RecordReader.Failure(description:
                "schema version \(reader.version) is not supported (this build knows 1...\(schemaVersion))")
        }
        return try Self(record: reader)
    }
}

extension UserRecord: StoredRecord {
    static let recordType: UInt8 = 0x55 // "U"
    static let schemaVersion: UInt8 = 1
    private enum Tag {
        static let user: UInt8 = 1, domain: UInt8 = 2, realm: UInt8 = 3, ha1: UInt8 = 4, ha1Sha256: UInt8 = 5
        static let displayName: UInt8 = 6, email: UInt8 = 7, forward: UInt8 = 8, enabled: UInt8 = 9
    }

    func encodeRecord() -> [UInt8] {
        var w = RecordWriter(type: Self.recordType, version: Self.schemaVersion)
        w.write(Tag.user, user)
        w.write(Tag.domain, domain)
        w.write(Tag.realm, realm)
        w.write(Tag.ha1, ha1)
        w.write(Tag.ha1Sha256, ha1Sha256)
        w.write(Tag.displayName, displayName)
        w.write(Tag.email, email)
        w.write(Tag.forward, forwardAddress)
        w.write(Tag.enabled, enabled)
        return w.bytes
    }

    init(record r: RecordReader) throws {
        self.init(user: try r.requiredString(Tag.user, "user"), domain: try r.requiredString(Tag.domain, "domain"),
                  realm: try r.string(Tag.realm), ha1: try r.string(Tag.ha1), ha1Sha256: try r.string(Tag.ha1Sha256),
                  displayName: try r.string(Tag.displayName), email: try r.string(Tag.email),
                  forwardAddress: try r.string(Tag.forward), enabled: try r.bool(Tag.enabled, default: true))
    }
}

extension DomainRecord: StoredRecord {
    static let recordType: UInt8 = 0x44 // "D"
    static let schemaVersion: UInt8 = 1

    func encodeRecord() -> [UInt8] {
        var w = RecordWriter(type: Self.recordType, version: Self.schemaVersion)
        w.write(1, name)
        w.write(2, realm)
        return w.bytes
    }

    init(record r: RecordReader) throws {
        self.init(name: try r.requiredString(1, "name"), realm: try r.string(2))
    }
}

extension StaticRoute: StoredRecord {
    static let recordType: UInt8 = 0x52 // "R"
    static let schemaVersion: UInt8 = 1

    func encodeRecord() -> [UInt8] {
        var w = RecordWriter(type: Self.recordType, version: Self.schemaVersion)
        w.write(1, id)
        w.write(2, method)
        w.write(3, event)
        w.write(4, pattern)
        w.write(5, rewrite)
        w.write(6, order)
        return w.bytes
    }

    init(record r: RecordReader) throws {
        self.init(id: try r.uint32(1), method: try r.string(2), event: try r.string(3),
                  pattern: try r.requiredString(4, "pattern"), rewrite: try r.string(5), order: try r.int32(6))
    }
}

extension AclEntry: StoredRecord {
    static let recordType: UInt8 = 0x41 // "A"
    static let schemaVersion: UInt8 = 1

    func encodeRecord() -> [UInt8] {
        var w = RecordWriter(type: Self.recordType, version: Self.schemaVersion)
        w.write(1, id)
        w.write(2, network?.description ?? "")
        w.write(3, UInt32(port))
        w.write(4, transport?.rawValue ?? "")
        w.write(5, tlsPeerName)
        return w.bytes
    }

    init(record r: RecordReader) throws {
        let id = try r.uint32(1)
        let address = try r.string(2)
        if address.isEmpty {
            self.init(id: id, tlsPeerName: try r.string(5))
            return
        }
        guard let network = IPNetwork(parsing: address) else {
            throw RecordReader.Failure(description: "bad network \(address)")
        }
        let transportText = try r.string(4)
        let port = try r.uint32(3)
        guard port <= UInt32(UInt16.max) else { throw RecordReader.Failure(description: "bad port \(port)") }
        self.init(id: id, network: network, port: UInt16(port),
                  transport: transportText.isEmpty ? nil : Transport(rawValue: transportText))
    }
}
