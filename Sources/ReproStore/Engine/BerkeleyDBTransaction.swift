import CBerkeleyDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Berkeley DB transaction (or, with `txn == nil`, non-transactional reads).
///
/// The handles are opened with DB_THREAD, so every returned key and value is
/// malloc'ed by the library (DB_DBT_MALLOC / DB_DBT_REALLOC) and freed here.
/// Method pointers are filled by db_create/txn_begin, so the `!`s cannot fail.
struct BerkeleyDBTransaction: StorageTransaction {
    /// Thrown when Berkeley DB picked this transaction to break a deadlock;
    /// the engine aborts and runs the body again.
    enum Retry: Error { case deadlock }

    let engine: BerkeleyDBEngine
    let txn: UnsafeMutablePointer<DB_TXN>?

    func get(_ table: StoreTable, _ key: [UInt8]) throws -> [UInt8]? {
        let db = engine.handle(table)
        var keyBytes = key
        return try keyBytes.withUnsafeMutableBytes { raw -> [UInt8]? in
            var k = DBT()
            k.data = raw.baseAddress
            k.size = UInt32(raw.count)
            var v = DBT()
            v.flags = UInt32(DB_DBT_MALLOC)
            let rc = db.pointee.get!(db, txn, &k, &v, 0)
            defer { free(v.data) }
            if rc == DB_NOTFOUND { return nil }
            try check(rc, table)
            return Self.bytes(v)
        }
    }

    func put(_ table: StoreTable, _ key: [UInt8], _ value: [UInt8]) throws {
        let db = engine.handle(table)
        var keyBytes = key
        var valueBytes = value
        try keyBytes.withUnsafeMutableBytes { rawKey in
            try valueBytes.withUnsafeMutableBytes { rawValue in
                var k = DBT()
                k.data = rawKey.baseAddress
                k.size = UInt32(rawKey.count)
                var v = DBT()
                v.data = rawValue.baseAddress
                v.size = UInt32(rawValue.count)
                try check(db.pointee.put!(db, txn, &k, &v, 0), table)
            }
        }
    }

    func delete(_ table: StoreTable, _ key: [UInt8]) throws -> Bool {
        let db = engine.handle(table)
        var keyBytes = key
        return try keyBytes.withUnsafeMutableBytes { raw in
            var k = DBT()
            k.data = raw.baseAddress
            k.size = UInt32(raw.count)
            let rc = db.pointee.del!(db, txn, &k, 0)
            if rc == DB_NOTFOUND { return false }
            try check(rc, table)
            return true
        }
    }

    func forEach(_ table: StoreTable, prefix: [UInt8],
                 _ body: ([UInt8], [UInt8]) throws -> Void) throws {
        try withCursor(table) { cursor in
            var k = DBT()
            var v = DBT()
            k.flags = UInt32(DB_DBT_REALLOC)
            v.flags = UInt32(DB_DBT_REALLOC)
            defer { free(k.data); free(v.data) }
            var op = UInt32(DB_FIRST)
            if !prefix.isEmpty {
                // DB_SET_RANGE positions at the first key >= prefix; the input key must
                // be malloc'ed because DB_DBT_REALLOC may reallocate it.
                guard let buffer = malloc(prefix.count) else { throw StoreError.database(
                    file: table.fileName, code: ENOMEM, message: "out of memory") }
                // `prefix` is non-empty here, so its buffer has a base address.
                prefix.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: prefix.count) }
                k.data = buffer
                k.size = UInt32(prefix.count)
                op = UInt32(DB_SET_RANGE)
            }
            while true {
                let rc = cursor.pointee.get!(cursor, &k, &v, op)
                if rc == DB_NOTFOUND { return }
                try check(rc, table)
                let key = Self.bytes(k)
                guard key.starts(with: prefix) else { return }
                try body(key, Self.bytes(v))
                op = UInt32(DB_NEXT)
            }
        }
    }

    func lastKey(_ table: StoreTable) throws -> [UInt8]? {
        try withCursor(table) { cursor in
            var k = DBT()
            var v = DBT()
            k.flags = UInt32(DB_DBT_MALLOC)
            v.flags = UInt32(DB_DBT_MALLOC)
            let rc = cursor.pointee.get!(cursor, &k, &v, UInt32(DB_LAST))
            defer { free(k.data); free(v.data) }
            if rc == DB_NOTFOUND { return nil }
            try check(rc, table)
            return Self.bytes(k)
        }
    }

    private func withCursor<T>(_ table: StoreTable,
                               _ body: (UnsafeMutablePointer<DBC>) throws -> T) throws -> T {
        let db = engine.handle(table)
        var cursorp: UnsafeMutablePointer<DBC>?
        try check(db.pointee.cursor!(db, txn, &cursorp, 0), table)
        guard let cursor = cursorp else {
            throw StoreError.database(file: table.fileName, code: 0, message: "cursor returned no handle")
        }
        defer { _ = cursor.pointee.close!(cursor) }
        return try body(cursor)
    }

    private func check(_ rc: Int32, _ table: StoreTable) throws {
        if rc == 0 { return }
        if rc == DB_LOCK_DEADLOCK || rc == DB_LOCK_NOTGRANTED { throw Retry.deadlock }
        throw BerkeleyDBEngine.error(rc, file: table.fileName)
    }

    private static func bytes(_ dbt: DBT) -> [UInt8] {
        guard let data = dbt.data, dbt.size > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: Int(dbt.size)))
    }
}
