extension DataStore {
    @discardableResult
    public func addRoute(_ route: StaticRoute) throws -> StaticRoute {
        try RouteTable.validate(route)
        return try writeAndPublish { txn, changes in
            var stored = route
            stored.id = try nextID(.routes, in: txn)
            try txn.put(.routes, Keys.id(stored.id), stored.encodeRecord())
            changes.append(.route(id: stored.id, .added))
            return stored
        }
    }

    public func route(id: UInt32) throws -> StaticRoute? {
        let key = Keys.id(id)
        return try engine.read { txn in
            try txn.get(.routes, key).map { try decode(StaticRoute.self, $0, table: .routes, key: key) }
        }
    }

    public func routes() throws -> [StaticRoute] {
        try engine.read { try all(StaticRoute.self, .routes, in: $0) }
            .sorted { ($0.order, $0.id) < ($1.order, $1.id) }
    }

    public func removeRoute(id: UInt32) throws {
        try writeAndPublish { txn, changes in
            guard try txn.delete(.routes, Keys.id(id)) else { throw StoreError.unknownRoute(id) }
            changes.append(.route(id: id, .removed))
        }
    }
}
