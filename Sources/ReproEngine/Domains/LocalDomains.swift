import ReproStore
import Synchronization

/// The domains this proxy is responsible for (RFC 3261 §10.3 step 1, §16.4), with the
/// digest realm of each: a snapshot of the store's domains (plus any configured on the
/// command line), replaced as a whole when they change, readable from any event loop.
public final class LocalDomains: Sendable {
    private let domains: Mutex<[String: DomainRecord]>

    public init(_ records: [DomainRecord] = []) {
        domains = Mutex(LocalDomains.index(records))
    }

    /// Replaces the set (after a domain was added or removed).
    public func replace(with records: [DomainRecord]) {
        let indexed = LocalDomains.index(records)
        domains.withLock { $0 = indexed }
    }

    /// The domain named `host` (case-insensitive), or nil when we are not responsible for it.
    public func domain(_ host: String) -> DomainRecord? {
        let key = host.lowercased()
        return domains.withLock { $0[key] }
    }

    /// Whether we are responsible for `host`.
    public func contains(_ host: String) -> Bool { domain(host) != nil }

    /// Every domain, by name.
    public var all: [DomainRecord] {
        domains.withLock { Array($0.values) }.sorted { $0.name < $1.name }
    }

    private static func index(_ records: [DomainRecord]) -> [String: DomainRecord] {
        var map: [String: DomainRecord] = [:]
        for r in records { map[r.name.lowercased()] = r }
        return map
    }
}
