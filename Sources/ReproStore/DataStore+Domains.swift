extension DataStore {
    public func addDomain(_ domain: DomainRecord) throws {
        try Validation.check(domain)
        try writeAndPublish { txn, changes in
            let key = Keys.domain(domain.name)
            guard try txn.get(.domains, key) == nil else { throw StoreError.duplicateDomain(domain.name) }
            try txn.put(.domains, key, domain.encodeRecord())
            changes.append(.domain(name: domain.name, .added))
        }
    }

    public func domain(_ name: String) throws -> DomainRecord? {
        let key = Keys.domain(name)
        return try engine.read { txn in
            try txn.get(.domains, key).map { try decode(DomainRecord.self, $0, table: .domains, key: key) }
        }
    }

    public func domains() throws -> [DomainRecord] {
        try engine.read { try all(DomainRecord.self, .domains, in: $0) }
    }

    public func removeDomain(_ name: String) throws {
        let key = Keys.domain(name)
        try writeAndPublish { txn, changes in
            guard try txn.get(.domains, key) != nil else { throw StoreError.unknownDomain(name.lowercased()) }
            // Users of a removed domain could never authenticate again; make the operator decide.
            var users = 0
            try txn.forEach(.users, prefix: Keys.usersOf(domain: name)) { _, _ in users += 1 }
            if users > 0 { throw StoreError.domainInUse(name.lowercased(), users: users) }
            _ = try txn.delete(.domains, key)
            changes.append(.domain(name: name.lowercased(), .removed))
        }
    }
}
