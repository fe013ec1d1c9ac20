import CBerkeleyDB
import Foundation

/// The Berkeley DB engine: a transactional environment in the data directory,
/// one B-tree file per table.
///
/// The environment is opened with `DB_RECOVER | DB_REGISTER`: recovery runs
/// when a process that used the environment died without closing it (a crash,
/// SIGKILL), and is skipped while other live processes use it, so the CLI can
/// edit the store while `repro serve` runs. Every write commits with a
/// synchronous log flush: a write acknowledged to the caller survives a crash.
// Berkeley DB handles expose their methods as C function-pointer fields, which
// Swift imports as optionals. db_env_create, db_create and txn_begin fill every
// one of them before returning success, so each `pointee.method!(…)` below
// cannot find nil.
final class BerkeleyDBEngine: StorageEngine, @unchecked Sendable {
    // @unchecked: the DB_ENV and DB handles are opened with DB_THREAD, which
    // makes them free-threaded (Berkeley DB "Multithreaded applications"). The
    // pointers never change after init; `state` guards closing.
    private let env: UnsafeMutablePointer<DB_ENV>
    private let tables: [StoreTable: UnsafeMutablePointer<DB>]
    private let state = LockedValue(State())
    let location: String

    private struct State {
        var closed = false
        var active = 0
    }

    /// How often a transaction that lost a deadlock is retried before giving up.
    private static let deadlockRetries = 50

    /// Opens (creating if needed) the environment and tables in `directory`,
    /// which must exist. A file that is not a sound Berkeley DB B-tree is
    /// reported by name; nothing is truncated or recreated.
    init(directory: String, cacheMegabytes: UInt32 = 64) throws {
        location = directory
        var envp: UnsafeMutablePointer<DB_ENV>?
        try Self.check(db_env_create(&envp, 0), file: directory)
        guard let env = envp else {
            throw StoreError.database(file: directory, code: 0, message: "db_env_create returned no handle")
        }
        self.env = env
        env.pointee.set_errcall!(env, berkeleyDBErrorCallback)
        var opened: [StoreTable: UnsafeMutablePointer<DB>] = [:]
        do {
            try Self.check(env.pointee.set_cachesize!(env, 0, cacheMegabytes << 20, 1), file: directory)
            // Let the built-in detector break deadlocks at once; `write` retries the loser.
            try Self.check(env.pointee.set_lk_detect!(env, UInt32(DB_LOCK_DEFAULT)), file: directory)
            // Import batches lock many pages; the defaults (1,000) are too few.
            try Self.check(env.pointee.set_lk_max_locks!(env, 20_000), file: directory)
            try Self.check(env.pointee.set_lk_max_objects!(env, 20_000), file: directory)
            // Old log files are removed once a checkpoint makes them unnecessary for recovery.
            try Self.check(env.pointee.log_set_config!(env, UInt32(DB_LOG_AUTO_REMOVE), 1), file: directory)
            let flags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL
                | DB_RECOVER | DB_REGISTER | DB_THREAD
            try Self.check(env.pointee.open!(env, directory, UInt32(flags), 0o600), file: directory)
            for table in StoreTable.allCases {
                opened[table] = try Self.openTable(table, in: env, directory: directory)
            }
        } catch {
            for db in opened.values { _ = db.pointee.close!(db, 0) }
            _ = env.pointee.close!(env, 0)
            throw error
        }
        self.tables = opened
    }

    deinit { close() }

    private static func openTable(_ table: StoreTable, in env: UnsafeMutablePointer<DB_ENV>,
                                  directory: String) throws -> UnsafeMutablePointer<DB> {
        var dbp: UnsafeMutablePointer<DB>?
        try check(db_create(&dbp, env, 0), file: table.fileName)
        guard let db = dbp else {
            throw StoreError.database(file: table.fileName, code: 0, message: "db_create returned no handle")
        }
        // DB_CREATE only creates a missing file; an existing file that is not a
        // B-tree fails here and is left untouched.
        let rc = db.pointee.open!(db, nil, table.fileName, nil, DB_BTREE,
                                 UInt32(DB_CREATE | DB_AUTO_COMMIT | DB_THREAD), 0o600)
        if rc != 0 {
            _ = db.pointee.close!(db, 0)
            throw error(rc, file: "\(directory)/\(table.fileName)")
        }
        return db
    }

    func handle(_ table: StoreTable) -> UnsafeMutablePointer<DB> {
        // Every table is opened in init or init throws, so the lookup cannot fail.
        tables[table]!
    }

    func read<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        try enter()
        defer { leave() }
        var attempt = 0
        while true {
            do {
                // Reads run without a transaction: each get or cursor step sees
                // committed data only (locking gives degree-2 isolation).
                return try body(BerkeleyDBTransaction(engine: self, txn: nil))
            } catch BerkeleyDBTransaction.Retry.deadlock where attempt < Self.deadlockRetries {
                attempt += 1
            }
        }
    }

    func write<T>(_ body: (any StorageTransaction) throws -> T) throws -> T {
        try enter()
        defer { leave() }
        var attempt = 0
        while true {
            var txnp: UnsafeMutablePointer<DB_TXN>?
            try Self.check(env.pointee.txn_begin!(env, nil, &txnp, 0), file: location)
            guard let txn = txnp else {
                throw StoreError.database(file: location, code: 0, message: "txn_begin returned no handle")
            }
            let result: T
            do {
                result = try body(BerkeleyDBTransaction(engine: self, txn: txn))
            } catch BerkeleyDBTransaction.Retry.deadlock where attempt < Self.deadlockRetries {
                _ = txn.pointee.abort!(txn)
                attempt += 1
                continue
            } catch {
                _ = txn.pointee.abort!(txn)
                throw error
            }
            // commit frees the handle whether or not it succeeds; a failed commit is an abort.
            try Self.check(txn.pointee.commit!(txn, 0), file: location)
            return result
        }
    }

    func verify() throws -> [TableVerification] {
        try enter()
        defer { leave() }
        // Flush the cache so the files on disk hold every committed page.
        try Self.check(env.pointee.txn_checkpoint!(env, 0, 0, UInt32(DB_FORCE)), file: location)
        var results: [TableVerification] = []
        for table in StoreTable.allCases {
            var dbp: UnsafeMutablePointer<DB>?
            try Self.check(db_create(&dbp, env, 0), file: table.fileName)
            guard let db = dbp else { continue }
            // DB->verify always destroys the handle, successful or not.
            let rc = db.pointee.verify!(db, table.fileName, nil, nil, 0)
            let problem = rc == 0 ? nil : Self.error(rc, file: table.fileName).description
            results.append(TableVerification(file: table.fileName, problem: problem))
        }
        return results
    }

    func close() {
        let shouldClose = state.withLock { s -> Bool in
            if s.closed { return false }
            s.closed = true
            return true
        }
        guard shouldClose else { return }
        // A checkpoint at close keeps the next recovery short and lets old logs go.
        _ = env.pointee.txn_checkpoint!(env, 0, 0, 0)
        for db in tables.values { _ = db.pointee.close!(db, 0) }
        _ = env.pointee.close!(env, 0)
    }

    private func enter() throws {
        try state.withLock { s in
            if s.closed { throw StoreError.database(file: location, code: 0, message: "store is closed") }
            s.active += 1
        }
    }

    private func leave() { state.withLock { $0.active -= 1 } }

    /// Turns a Berkeley DB return code into a `StoreError` naming `file`.
    static func error(_ code: Int32, file: String) -> StoreError {
        var message = String(cString: db_strerror(code))
        if let detail = berkeleyDBLastError.withLock({ m -> String? in defer { m = nil }; return m }) {
            message += " (\(detail))"
        }
        return .database(file: file, code: code, message: message)
    }

    static func check(_ code: Int32, file: String) throws {
        if code != 0 { throw error(code, file: file) }
    }
}

/// The last message Berkeley DB reported through its error callback, used to
/// explain the next error code (e.g. which page of a file is bad).
let berkeleyDBLastError = LockedValue<String?>(nil)

/// Berkeley DB's error callback: keeps the message instead of printing it.
private let berkeleyDBErrorCallback: @convention(c) (
    UnsafePointer<DB_ENV>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
) -> Void = { _, _, message in
    guard let message else { return }
    let text = String(cString: message)
    berkeleyDBLastError.withLock { $0 = text }
}
