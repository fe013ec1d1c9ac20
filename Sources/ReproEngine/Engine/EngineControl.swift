import NIOCore
import ReproStore
import SIPCore

/// The control API over a running engine, in-process. The socket server serves
/// this same object, so a console sees the same thing either way.
public final class EngineControl: ControlAPI {
    let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    private var store: DataStore { engine.store }

    /// Runs a store call on the store's executor, turning store errors into messages for people.
    private func onStore<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await engine.executor.perform(body)
        } catch let error as StoreError {
            throw ControlError("\(error)")
        }
    }

    public func status() async throws -> EngineStatus {
        let (counters, rate, problems) = engine.events.counters
        let active = (try? await engine.stack.transactions.transactionCount().get()) ?? 0
        let now = WallClock.milliseconds()
        return EngineStatus(
            version: ReproEngineInfo.version, startedAt: engine.startedAt,
            uptimeSeconds: Double(now - engine.startedAt) / 1000, transports: engine.transportDescriptions,
            registrations: engine.location.counts.bindings, activeTransactions: active, requestsPerSecond: rate,
            counters: counters, recentProblems: problems)
    }

    public func registrations() async throws -> [RegistrationInfo] {
        let now = engine.clock.now()
        return engine.location.snapshot(now: now).map { RegistrationInfo($0, now: now) }
    }

    public func removeBinding(aor: String, contact: String?) async throws {
        let now = engine.clock.now()
        if let contact {
            guard let uri = try? URI(contact) else { throw ControlError("not a URI: \(contact)") }
            guard engine.location.remove(aor: aor, contact: uri, now: now) else {
                throw ControlError("no binding \(contact) for \(aor)")
            }
        } else {
            guard engine.location.removeAll(aor: aor, now: now) > 0 else { throw ControlError("no bindings for \(aor)") }
        }
    }

    public func users() async throws -> [UserInfo] {
        try await onStore { [store] in try store.users(domain: nil) }.map(UserInfo.init)
    }

    public func addUser(_ user: UserInfo, password: String) async throws {
        guard !password.isEmpty else { throw ControlError("the password is empty") }
        try await onStore { [store] in
            let realm = try store.domain(user.domain)?.realm ?? user.domain
            var record = UserRecord(user: user.user, domain: user.domain, realm: user.realm.isEmpty ? realm : user.realm,
                                    password: password)
            record.displayName = user.displayName
            record.email = user.email
            record.forwardAddress = user.forwardAddress
            record.enabled = user.enabled
            try store.addUser(record)
        }
    }

    public func updateUser(_ user: UserInfo) async throws {
        _ = try await onStore { [store] in
            try store.updateUser(user.user, domain: user.domain) {
                $0.displayName = user.displayName
                $0.email = user.email
                $0.forwardAddress = user.forwardAddress
            }
        }
    }

    public func setPassword(user: String, domain: String, password: String) async throws {
        guard !password.isEmpty else { throw ControlError("the password is empty") }
        try await onStore { [store] in _ = try store.setPassword(password, user: user, domain: domain) }
    }

    public func setUserEnabled(user: String, domain: String, enabled: Bool) async throws {
        try await onStore { [store] in _ = try store.setEnabled(enabled, user: user, domain: domain) }
    }

    public func removeUser(user: String, domain: String) async throws {
        try await onStore { [store] in try store.removeUser(user, domain: domain) }
    }

    public func domains() async throws -> [String] {
        engine.domains.all.map(\.name)
    }

    public func routes() async throws -> [RouteInfo] {
        try await onStore { [store] in try store.routes() }.map(RouteInfo.init)
    }

    public func addRoute(_ route: RouteInfo) async throws -> RouteInfo {
        RouteInfo(try await onStore { [store] in try store.addRoute(route.staticRoute) })
    }

    public func updateRoute(_ route: RouteInfo) async throws {
        try await onStore { [store] in
            // The store has no in-place update: replace the route, keeping its place.
            try store.removeRoute(id: route.id)
            var replacement = route.staticRoute
            replacement.id = 0
            try store.addRoute(replacement)
        }
    }

    public func removeRoute(id: UInt32) async throws {
        try await onStore { [store] in try store.removeRoute(id: id) }
    }

    public func moveRoute(id: UInt32, by offset: Int) async throws {
        try await onStore { [store] in
            var routes = try store.routes()
            guard let i = routes.firstIndex(where: { $0.id == id }) else { throw StoreError.unknownRoute(id) }
            let j = max(0, min(routes.count - 1, i + offset))
            guard i != j else { return }
            routes.swapAt(i, j)
            // Renumber the order of every route so evaluation order is exactly the list order.
            for (n, r) in routes.enumerated() where r.order != Int32(n * 10) {
                try store.removeRoute(id: r.id)
                var moved = r
                moved.id = 0
                moved.order = Int32(n * 10)
                try store.addRoute(moved)
            }
        }
    }

    public func testRoute(uri: String, method: String) async throws -> RouteTestResult {
        guard (try? URI(uri)) != nil else { throw ControlError("not a valid URI: \(uri)") }
        let table = try await onStore { [store] in try store.routeTable() }
        guard let m = table.match(requestURI: uri, method: method) else { return RouteTestResult(route: nil, target: nil) }
        return RouteTestResult(route: RouteInfo(m.route), target: m.target)
    }

    public func traces(limit: Int) async throws -> [ChainTrace] {
        Array(engine.traces.recent().suffix(max(0, limit)))
    }

    public func events(after cursor: UInt64, limit: Int) async throws -> EventBatch {
        engine.events.events(after: cursor, limit: limit)
    }
}

extension UserInfo {
    init(_ r: UserRecord) {
        self.init(user: r.user, domain: r.domain, realm: r.realm, displayName: r.displayName, email: r.email,
                  forwardAddress: r.forwardAddress, enabled: r.enabled)
    }
}

extension RouteInfo {
    init(_ r: StaticRoute) {
        self.init(id: r.id, method: r.method, event: r.event, pattern: r.pattern, rewrite: r.rewrite, order: r.order)
    }

    var staticRoute: StaticRoute {
        StaticRoute(id: id, method: method, event: event, pattern: pattern, rewrite: rewrite, order: order)
    }
}

/// The engine's version, shown by the console and the status API.
public enum ReproEngineInfo {
    public static let version = "0.1.0-dev"
}
