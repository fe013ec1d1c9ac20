import Foundation

/// The in-memory engine: the same tables and byte order as Berkeley DB, for tests.
///
/// One lock serializes every transaction; a write keeps an undo log so a
/// throwing body leaves the tables as they were, exactly like an aborted
/// Berkeley DB transaction.
final class MemoryEngine: StorageEngine, @unchecked Sendable {
    // @unchecked: `storage` is only touched while `lock` is held (inside read/write/close).
    private let lock = NSLock()
    private let storage = Storage()

    var location: String { "memory" }

    func read<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try checkOpen()
        return try body(Transaction(storage: storage, undo: nil))
    }

    func write<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try checkOpen()
        let undo = UndoLog()
        do {
            return try body(Transaction(storage: storage, undo: undo))
        } catch {
            // Roll back newest first so a key written twice ends at its first value.
            for (table, key, old) in undo.entries.reversed() { storage.tables[table, default: [:]][key] = old }
            throw error
        }
    }

    func verify() throws -> [TableVerification] {
        StoreTable.allCases.map { TableVerification(file: $0.fileName, problem: nil) }
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        storage.closed = true
    }

    private func checkOpen() throws {
        if storage.closed { throw StoreError.database(file: "memory", code: 0, message: "store is closed") }
    }

    private final class Storage {
        var tables: [StoreTable: [[UInt8]: [UInt8]]] = [:]
        var closed = false
    }

    private final class UndoLog {
        var entries: [(StoreTable, [UInt8], [UInt8]?)] = []
    }

    /// A view of the tables for the length of one locked read or write.
    private struct Transaction: StorageTransaction {
        let storage: Storage
        /// `nil` for a read transaction.
        let undo: UndoLog?

        func get(_ table: StoreTable, _ key: [UInt8]) throws -> [UInt8]? {
            storage.tables[table]?[key]
        }

        func put(_ table: StoreTable, _ key: [UInt8], _ value: [UInt8]) throws {
            guard let undo else { throw readOnly() }
            let old = storage.tables[table, default: [:]].updateValue(value, forKey: key)
            undo.entries.append((table, key, old))
        }

        func delete(_ table: StoreTable, _ key: [UInt8]) throws -> Bool {
            guard let undo else { throw readOnly() }
            guard let old = storage.tables[table]?.removeValue(forKey: key) else { return false }
            undo.entries.append((table, key, old))
            return true
        }

        func forEach(_ table: StoreTable, prefix: [UInt8],
                     _ body: ([UInt8], [UInt8]) throws -> Void) throws {
            let entries = (storage.tables[table] ?? [:]).filter { $0.key.starts(with: prefix) }
            for (key, value) in entries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                try body(key, value)
            }
        }

        func lastKey(_ table: StoreTable) throws -> [UInt8]? {
            storage.tables[table]?.keys.max { $0.lexicographicallyPrecedes($1) }
        }

        private func readOnly() -> StoreError {
            .database(file: "memory", code: 0, message: "write in a read transaction")
        }
    }
}
