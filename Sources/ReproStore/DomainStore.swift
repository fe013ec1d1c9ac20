/// The domains this proxy is responsible for (repro's `AmIResponsible`).
///
/// Blocking, like every store protocol: never call from an event loop; use `StoreExecutor`.
public protocol DomainStore: AnyObject, Sendable {
    /// Committed changes, for caches and live views.
    var changes: StoreChangeNotifier { get }

    /// Adds a domain; throws `duplicateDomain` if it exists, `invalidValue` for a bad name.
    func addDomain(_ domain: DomainRecord) throws

    /// The domain called `name` (case-insensitive), or `nil`.
    func domain(_ name: String) throws -> DomainRecord?

    /// All domains, ordered by name.
    func domains() throws -> [DomainRecord]

    /// Removes a domain; throws `unknownDomain` if absent and `domainInUse` while it has users.
    func removeDomain(_ name: String) throws
}
