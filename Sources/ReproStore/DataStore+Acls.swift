extension DataStore {
    @discardableResult
    public func addAcl(_ entry: AclEntry) throws -> AclEntry {
        try Validation.check(entry)
        return try writeAndPublish { txn, changes in
            var stored = entry
            stored.id = try nextID(.acls, in: txn)
            try txn.put(.acls, Keys.id(stored.id), stored.encodeRecord())
            changes.append(.acl(id: stored.id, .added))
            return stored
        }
    }

    public func acls() throws -> [AclEntry] {
        try engine.read { try all(AclEntry.self, .acls, in: $0) }
    }

    public func removeAcl(id: UInt32) throws {
        try writeAndPublish { txn, changes in
            guard try txn.delete(.acls, Keys.id(id)) else { throw StoreError.unknownAcl(id) }
            changes.append(.acl(id: id, .removed))
        }
    }
}
