import Foundation
import Logging

/// The store of users, domains, static routes and ACLs, over Berkeley DB (the
/// default) or memory (tests); both behave the same because every rule lives
/// here, above a small key-value engine.
///
/// All methods block: the Berkeley DB backend does disk I/O and waits for
/// locks. Do not call them from a SwiftNIO event loop; use `StoreExecutor`
/// (async, runs on its own threads). Writes commit durably before returning,
/// and observers of `changes` are told after the commit.
public final class DataStore: UserStore, RouteStore, AclStore, DomainStore {
    let engine: any StorageEngine
    /// Committed changes, for caches and live views.
    public let changes = StoreChangeNotifier()

    init(engine: any StorageEngine) {
        self.engine = engine
    }

    /// Opens the Berkeley DB store in `directory`, creating the directory and
    /// the files on first use and running recovery after a crash.
    ///
    /// A file that cannot be opened (damaged, not a Berkeley DB file, no
    /// permission) is reported by name in the thrown `StoreError`; it is never
    /// truncated or replaced.
    public static func openBerkeleyDB(directory: String, cacheMegabytes: UInt32 = 64,
                                      logger: Logger = Logger(label: "repro.store")) throws -> DataStore {
        try DataDirectory.prepare(directory)
        do {
            let engine = try BerkeleyDBEngine(directory: directory, cacheMegabytes: cacheMegabytes)
            logger.debug("store opened", metadata: ["directory": "\(directory)"])
            return DataStore(engine: engine)
        } catch {
            logger.debug("store cannot be opened", metadata: ["directory": "\(directory)", "error": "\(error)"])
            throw error
        }
    }

    /// A new, empty in-memory store with the same behaviour, for tests.
    public static func inMemory() -> DataStore {
        DataStore(engine: MemoryEngine())
    }

    /// Where the data lives: the data directory, or `memory`.
    public var location: String { engine.location }

    /// Checks every table file (Berkeley DB's `DB->verify`).
    public func verify() throws -> [TableVerification] {
        try engine.verify()
    }

    /// Flushes and closes the store; later calls throw. Closing twice is harmless.
    public func close() {
        engine.close()
    }

    // MARK: - Shared helpers for the per-table extensions

    /// Runs a write and publishes its changes after the commit.
    func writeAndPublish<T>(_ body: (any StorageTransaction, inout [StoreChange]) throws -> T) throws -> T {
        var committed: [StoreChange] = []
        let result = try engine.write { txn -> T in
            // A retried transaction starts over, so only the final attempt's changes count.
            var pending: [StoreChange] = []
            let value = try body(txn, &pending)
            committed = pending
            return value
        }
        changes.publish(committed)
        return result
    }

    /// Decodes a stored record, naming the file and key when it is damaged.
    func decode<R: StoredRecord>(_ type: R.Type, _ bytes: [UInt8], table: StoreTable, key: [UInt8]) throws -> R {
        do {
            return try R.decode(bytes)
        } catch {
            throw StoreError.corruptRecord(file: "\(engine.location)/\(table.fileName)",
                                           key: String(decoding: key.map { $0 == 0 ? 0x2F : $0 }, as: UTF8.self),
                                           reason: "\(error)")
        }
    }

    /// Reads every record of a table in key order.
    func all<R: StoredRecord>(_ type: R.Type, _ table: StoreTable, prefix: [UInt8] = [],
                              in txn: any StorageTransaction) throws -> [R] {
        var result: [R] = []
        try txn.forEach(table, prefix: prefix) { key, value in
            result.append(try decode(R.self, value, table: table, key: key))
        }
        return result
    }

    /// The next free id of a table keyed by big-endian UInt32 ids.
    func nextID(_ table: StoreTable, in txn: any StorageTransaction) throws -> UInt32 {
        guard let last = try txn.lastKey(table) else { return 1 }
        guard let id = Keys.id(last), id < UInt32.max else {
            throw StoreError.corruptRecord(file: "\(engine.location)/\(table.fileName)", key: "\(last)",
                                           reason: "key is not an id")
        }
        return id + 1
    }
}

/// How records are keyed; keys sort as bytes, so these orders are the listing orders.
enum Keys {
    /// Users sort by domain, then user: `domain NUL user`. Neither part may contain NUL.
    static func user(_ user: String, domain: String) -> [UInt8] {
        Array(domain.lowercased().utf8) + [0] + Array(user.utf8)
    }

    /// The prefix of every user key of `domain`.
    static func usersOf(domain: String) -> [UInt8] {
        Array(domain.lowercased().utf8) + [0]
    }

    static func domain(_ name: String) -> [UInt8] { Array(name.lowercased().utf8) }

    /// Routes and ACLs are keyed by id, big-endian so byte order is numeric order.
    static func id(_ id: UInt32) -> [UInt8] {
        withUnsafeBytes(of: id.bigEndian) { Array($0) }
    }

    static func id(_ key: [UInt8]) -> UInt32? {
        guard key.count == 4 else { return nil }
        return key.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
}
