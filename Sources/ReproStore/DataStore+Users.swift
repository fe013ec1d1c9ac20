extension DataStore {
    public func addUser(_ user: UserRecord) throws {
        try Validation.check(user)
        try writeAndPublish { txn, changes in
            try insertUser(user, replace: false, in: txn)
            changes.append(.user(aor: user.aor, .added))
        }
    }

    public func user(_ user: String, domain: String) throws -> UserRecord? {
        let key = Keys.user(user, domain: domain)
        return try engine.read { txn in
            try txn.get(.users, key).map { try decode(UserRecord.self, $0, table: .users, key: key) }
        }
    }

    public func users(domain: String? = nil) throws -> [UserRecord] {
        let prefix = domain.map(Keys.usersOf(domain:)) ?? []
        return try engine.read { try all(UserRecord.self, .users, prefix: prefix, in: $0) }
    }

    @discardableResult
    public func updateUser(_ user: String, domain: String,
                           _ change: (inout UserRecord) throws -> Void) throws -> UserRecord {
        let key = Keys.user(user, domain: domain)
        return try writeAndPublish { txn, changes in
            guard let bytes = try txn.get(.users, key) else {
                throw StoreError.unknownUser("\(user)@\(domain.lowercased())")
            }
            var record = try decode(UserRecord.self, bytes, table: .users, key: key)
            let original = record
            try change(&record)
            record.domain = record.domain.lowercased()
            guard record.user == original.user, record.domain == original.domain else {
                throw StoreError.invalidValue(field: "user", reason: "an update cannot rename a user; add and remove")
            }
            try Validation.check(record)
            try txn.put(.users, key, record.encodeRecord())
            changes.append(.user(aor: record.aor, .updated))
            return record
        }
    }

    public func removeUser(_ user: String, domain: String) throws {
        let key = Keys.user(user, domain: domain)
        try writeAndPublish { txn, changes in
            guard try txn.delete(.users, key) else {
                throw StoreError.unknownUser("\(user)@\(domain.lowercased())")
            }
            changes.append(.user(aor: "\(user)@\(domain.lowercased())", .removed))
        }
    }

    public func userCount() throws -> Int {
        try engine.read { txn in
            var n = 0
            try txn.forEach(.users, prefix: []) { _, _ in n += 1 }
            return n
        }
    }

    /// Stores a validated user inside a write, checking its domain and, unless
    /// `replace`, that it is new. Returns whether it replaced an existing record.
    @discardableResult
    func insertUser(_ user: UserRecord, replace: Bool, in txn: any StorageTransaction) throws -> Bool {
        guard try txn.get(.domains, Keys.domain(user.domain)) != nil else {
            throw StoreError.unknownDomain(user.domain)
        }
        let key = Keys.user(user.user, domain: user.domain)
        let exists = try txn.get(.users, key) != nil
        if exists && !replace { throw StoreError.duplicateUser(user.aor) }
        try txn.put(.users, key, user.encodeRecord())
        return exists
    }
}
