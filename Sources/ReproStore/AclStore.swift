/// The trusted nodes (repro's ACL): peers whose requests skip digest authentication.
///
/// Blocking, like every store protocol: never call from an event loop; use `StoreExecutor`.
public protocol AclStore: AnyObject, Sendable {
    /// Committed changes, for caches and live views.
    var changes: StoreChangeNotifier { get }

    /// Adds an entry, returning it with its assigned id; throws `invalidValue` for a bad entry.
    @discardableResult
    func addAcl(_ entry: AclEntry) throws -> AclEntry

    /// All entries, ordered by id.
    func acls() throws -> [AclEntry]

    /// Removes an entry; throws `unknownAcl` if absent.
    func removeAcl(id: UInt32) throws
}

extension AclStore {
    /// Whether a request from `address:port` over `transport` comes from a trusted node.
    public func isTrusted(address: String, port: UInt16, transport: AclEntry.Transport) throws -> Bool {
        try acls().contains { $0.matches(address: address, port: port, transport: transport) }
    }
}
