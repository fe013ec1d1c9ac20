import ReproStore
import SIPStack
import Synchronization

/// Trusted nodes (repro's IsTrustedNode and its ACL): requests from these addresses skip
/// digest authentication — gateways, other proxies, media servers.
///
/// Holds a snapshot of the ACL, replaced as a whole when the store's ACL changes, so a
/// check takes one short lock and never touches the store.
public final class TrustedNodes: Sendable {
    private struct Rule: Sendable {
        var network: IPNetwork
        var port: UInt16
        var transport: AclEntry.Transport?
    }

    private let rules: Mutex<[Rule]>

    /// Trusts the address entries of `entries`. TLS peer-name entries need the peer's
    /// certificate, which `SipSource` does not carry yet; they never match here.
    public init(_ entries: [AclEntry] = []) {
        rules = Mutex(TrustedNodes.compile(entries))
    }

    /// Replaces the trusted set (after an ACL change).
    public func replace(with entries: [AclEntry]) {
        let compiled = TrustedNodes.compile(entries)
        rules.withLock { $0 = compiled }
    }

    /// Whether a request from `source` comes from a trusted node: its address lies in an
    /// entry's network and the entry's port and transport, when set, match.
    public func isTrusted(_ source: SipSource) -> Bool {
        guard let address = TrustedNodes.addressBytes(source) else { return false }
        let port = UInt16(truncatingIfNeeded: source.remote.port ?? 0)
        let transport = AclEntry.Transport(rawValue: source.transport.rawValue)
        return rules.withLock { rules in
            rules.contains { r in
                (r.port == 0 || r.port == port)
                    && (r.transport == nil || r.transport == transport)
                    && r.network.contains(address)
            }
        }
    }

    private static func compile(_ entries: [AclEntry]) -> [Rule] {
        entries.compactMap { e in e.network.map { Rule(network: $0, port: e.port, transport: e.transport) } }
    }

    /// The remote address in network byte order (4 or 16 bytes).
    private static func addressBytes(_ source: SipSource) -> [UInt8]? {
        guard let compact = CompactEndpoint(source.remote) else { return nil }
        var words = (compact.high, compact.low)
        let all = withUnsafeBytes(of: &words) { Array($0) }
        return compact.isIPv6 ? all : Array(all[0..<4])
    }
}
