/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Records added or replaced, per table.
    public var domains: Int, users: Int, routes: Int, acls: Int

    /// Creates a summary.
    public init(domains: Int = 0, users: Int = 0, routes: Int = 0, acls: Int = 0) {
        self.domains = domains
        self.users = users
        self.routes = routes
        self.acls = acls
    }
}

extension DataStore {
    /// How many users one import transaction writes. Batches bound the locks a
    /// transaction holds; every batch commits durably.
    static let importBatchSize = 5_000

    /// Everything in the store, for `repro db export`.
    public func exportDocument() throws -> StoreDocument {
        try engine.read { txn in
            StoreDocument(
                domains: try all(DomainRecord.self, .domains, in: txn).map { .init(name: $0.name, realm: $0.realm) },
                users: try all(UserRecord.self, .users, in: txn).map(StoreDocument.UserEntry.init),
                routes: try all(StaticRoute.self, .routes, in: txn),
                acls: try all(AclEntry.self, .acls, in: txn))
        }
    }

    /// Imports a document.
    ///
    /// Everything is checked first — formats, regular expressions, URIs,
    /// duplicates inside the document, users whose domain is neither in the
    /// store nor in the document, and (unless `replace`) records that already
    /// exist — so bad input throws and leaves the store unchanged. Then the
    /// records are written in batched transactions, users sorted by key so the
    /// B-tree fills in order. Routes and ACLs keep their ids (new ones get the
    /// next free id). With `replace`, existing records with the same key are overwritten.
    @discardableResult
    public func importDocument(_ document: StoreDocument, replace: Bool = false) throws -> ImportSummary {
        guard document.format == "repro-store", document.version == StoreDocument.currentVersion else {
            throw StoreError.invalidValue(field: "document", reason:
                "not a repro-store version \(StoreDocument.currentVersion) document")
        }
        let plan = try planImport(document, replace: replace)
        try writeAndPublish { txn, _ in
            for domain in plan.domains { try txn.put(.domains, Keys.domain(domain.name), domain.encodeRecord()) }
            for route in plan.routes { try txn.put(.routes, Keys.id(route.id), route.encodeRecord()) }
            for acl in plan.acls { try txn.put(.acls, Keys.id(acl.id), acl.encodeRecord()) }
        }
        var start = 0
        while start < plan.users.count {
            let batch = plan.users[start..<min(start + Self.importBatchSize, plan.users.count)]
            try engine.write { txn in
                for (key, user) in batch { try txn.put(.users, key, user.encodeRecord()) }
            }
            start += batch.count
        }
        changes.publish([.reloaded])
        return ImportSummary(domains: plan.domains.count, users: plan.users.count,
                             routes: plan.routes.count, acls: plan.acls.count)
    }

    private struct ImportPlan {
        var domains: [DomainRecord] = []
        var users: [([UInt8], UserRecord)] = []
        var routes: [StaticRoute] = []
        var acls: [AclEntry] = []
    }

    private func planImport(_ document: StoreDocument, replace: Bool) throws -> ImportPlan {
        var plan = ImportPlan()
        plan.domains = document.domains.map { DomainRecord(name: $0.name, realm: $0.realm) }
        try plan.domains.forEach(Validation.check)
        try plan.routes = document.routes.map { route in try RouteTable.validate(route); return route }
        try plan.acls = document.acls.map { acl in try Validation.check(acl); return acl }
        try engine.read { txn in
            var realms: [String: String] = [:]
            for domain in try all(DomainRecord.self, .domains, in: txn) { realms[domain.name] = domain.realm }
            var seen = Set<String>()
            for domain in plan.domains {
                guard seen.insert(domain.name).inserted else { throw StoreError.duplicateDomain(domain.name) }
                if realms[domain.name] != nil && !replace { throw StoreError.duplicateDomain(domain.name) }
                realms[domain.name] = domain.realm
            }
            plan.users = try resolveUsers(document.users, realms: realms, replace: replace, txn: txn)
            plan.routes = try assignIDs(plan.routes, table: .routes, replace: replace, txn: txn,
                                        duplicate: StoreError.duplicateRoute)
            plan.acls = try assignIDs(plan.acls, table: .acls, replace: replace, txn: txn,
                                      duplicate: StoreError.duplicateAcl)
        }
        return plan
    }

    private func resolveUsers(_ entries: [StoreDocument.UserEntry], realms: [String: String], replace: Bool,
                              txn: any StorageTransaction) throws -> [([UInt8], UserRecord)] {
        var seen = Set<[UInt8]>()
        var result: [([UInt8], UserRecord)] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            let domain = entry.domain.lowercased()
            guard let domainRealm = realms[domain] else { throw StoreError.unknownDomain(domain) }
            let realm = entry.realm ?? domainRealm
            var record: UserRecord
            if let password = entry.password {
                record = UserRecord(user: entry.user, domain: domain, realm: realm, password: password)
            } else if let ha1 = entry.ha1 {
                record = UserRecord(user: entry.user, domain: domain, realm: realm, ha1: ha1.lowercased(),
                                    ha1Sha256: (entry.ha1Sha256 ?? "").lowercased())
            } else {
                throw StoreError.invalidValue(field: "user \(entry.user)@\(domain)",
                                              reason: "needs `ha1` (and `ha1Sha256`) or `password`")
            }
            record.displayName = entry.displayName ?? ""
            record.email = entry.email ?? ""
            record.forwardAddress = entry.forwardAddress ?? ""
            record.enabled = entry.enabled ?? true
            try Validation.check(record)
            let key = Keys.user(record.user, domain: domain)
            guard seen.insert(key).inserted else { throw StoreError.duplicateUser(record.aor) }
            if !replace, try txn.get(.users, key) != nil { throw StoreError.duplicateUser(record.aor) }
            result.append((key, record))
        }
        result.sort { $0.0.lexicographicallyPrecedes($1.0) }
        return result
    }

    /// Keeps the ids a document gives and numbers the rest after the largest id in use.
    private func assignIDs<R: StoredRecord & Identified>(
        _ records: [R], table: StoreTable, replace: Bool, txn: any StorageTransaction,
        duplicate: (UInt32) -> StoreError
    ) throws -> [R] {
        var next = max(try nextID(table, in: txn), (records.map(\.id).max() ?? 0) &+ 1)
        var seen = Set<UInt32>()
        var result: [R] = []
        for var record in records {
            if record.id == 0 {
                record.id = next
                next += 1
            } else if !replace, try txn.get(table, Keys.id(record.id)) != nil {
                throw duplicate(record.id)
            }
            guard seen.insert(record.id).inserted else { throw duplicate(record.id) }
            result.append(record)
        }
        return result
    }
}

/// A record keyed by a store-assigned id.
protocol Identified {
    var id: UInt32 { get set }
}

extension StaticRoute: Identified {}
extension AclEntry: Identified {}
