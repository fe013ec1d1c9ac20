import Dispatch

/// Runs blocking store calls off the caller's thread and resumes the caller
/// with the result: the way async code and event loops use the store.
///
/// Store methods block on disk and locks; an event loop that called them would
/// stall every connection it serves. `perform` hops to a dedicated concurrent
/// dispatch queue instead, so only the awaiting task waits.
public final class StoreExecutor: Sendable {
    private let queue: DispatchQueue

    /// Creates an executor with its own queue.
    public init(label: String = "repro.store") {
        queue = DispatchQueue(label: label, qos: .userInitiated, attributes: .concurrent)
    }

    /// Runs `body` on the executor's queue and returns its result.
    public func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// Runs `body` on the executor's queue and calls `completion` there with the
    /// result — for callers such as an event loop that hop back themselves.
    public func submit<T: Sendable>(_ body: @escaping @Sendable () throws -> T,
                                    completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        queue.async { completion(Result { try body() }) }
    }
}

extension UserStore {
    /// Looks a user up on `executor`'s threads.
    public func user(_ user: String, domain: String, on executor: StoreExecutor) async throws -> UserRecord? {
        try await executor.perform { try self.user(user, domain: domain) }
    }

    /// Adds a user on `executor`'s threads.
    public func addUser(_ record: UserRecord, on executor: StoreExecutor) async throws {
        try await executor.perform { try self.addUser(record) }
    }
}

extension RouteStore {
    /// Builds the route table on `executor`'s threads.
    public func routeTable(on executor: StoreExecutor) async throws -> RouteTable {
        try await executor.perform { try self.routeTable() }
    }
}

extension AclStore {
    /// Reads the ACL entries on `executor`'s threads.
    public func acls(on executor: StoreExecutor) async throws -> [AclEntry] {
        try await executor.perform { try self.acls() }
    }
}

extension DomainStore {
    /// Reads the domains on `executor`'s threads.
    public func domains(on executor: StoreExecutor) async throws -> [DomainRecord] {
        try await executor.perform { try self.domains() }
    }
}
