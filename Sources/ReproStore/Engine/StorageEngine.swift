/// The tables of the store; each is one B-tree (one file) in Berkeley DB.
enum StoreTable: String, CaseIterable, Sendable {
    case users, domains, routes, acls

    /// The file that holds the table, relative to the data directory.
    var fileName: String { "\(rawValue).db" }
}

/// The byte-level operations one transaction offers. Keys sort as unsigned
/// bytes (Berkeley DB's default B-tree order); both engines keep that order.
protocol StorageTransaction {
    /// The value stored under `key`, or `nil`.
    func get(_ table: StoreTable, _ key: [UInt8]) throws -> [UInt8]?
    /// Stores `value` under `key`, replacing any previous value.
    func put(_ table: StoreTable, _ key: [UInt8], _ value: [UInt8]) throws
    /// Deletes `key`; returns whether it existed.
    func delete(_ table: StoreTable, _ key: [UInt8]) throws -> Bool
    /// Calls `body` for every entry whose key starts with `prefix`, in key order.
    func forEach(_ table: StoreTable, prefix: [UInt8],
                 _ body: (_ key: [UInt8], _ value: [UInt8]) throws -> Void) throws
    /// The greatest key in the table, or `nil` when it is empty.
    func lastKey(_ table: StoreTable) throws -> [UInt8]?
}

/// The result of checking one table's file.
public struct TableVerification: Sendable, Equatable {
    /// The file checked, relative to the data directory.
    public var file: String
    /// `nil` when the file is sound, else what is wrong.
    public var problem: String?
}

/// A key-value engine with transactions: Berkeley DB on disk, or memory for tests.
///
/// `write` runs `body` in one transaction that commits when `body` returns and
/// aborts when it throws; an engine may run `body` again after a deadlock.
protocol StorageEngine: AnyObject, Sendable {
    /// Where the data lives, for messages (`memory` for the in-memory engine).
    var location: String { get }
    /// Runs `body` with a consistent read view.
    func read<T>(_ body: (any StorageTransaction) throws -> T) throws -> T
    /// Runs `body` in a transaction.
    func write<T>(_ body: (any StorageTransaction) throws -> T) throws -> T
    /// Checks every table file.
    func verify() throws -> [TableVerification]
    /// Flushes and closes; later calls fail.
    func close()
}
