#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 network, `address/prefixLength`, as ACL entries use it.
public struct IPNetwork: Sendable, Hashable {
    /// The network address in network byte order (4 or 16 bytes), host bits cleared.
    public let bytes: [UInt8]
    /// The number of leading bits that must match.
    public let prefixLength: Int

    /// Parses `192.168.0.0/16`, `10.1.2.3` (a single host), `2001:db8::/32` or `[::1]`.
    /// Returns `nil` for anything else, including a prefix longer than the address.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var host = String(parts[0])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let address = IPNetwork.parseAddress(host) else { return nil }
        let maxBits = address.count * 8
        var prefix = maxBits
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...maxBits).contains(p) else { return nil }
            prefix = p
        }
        self.bytes = IPNetwork.masked(address, prefix: prefix)
        self.prefixLength = prefix
    }

    /// Whether `address` (4 or 16 bytes, network order) lies in this network.
    /// An IPv4 address never matches an IPv6 network and vice versa.
    public func contains(_ address: [UInt8]) -> Bool {
        address.count == bytes.count && IPNetwork.masked(address, prefix: prefixLength) == bytes
    }

    /// Whether the textual `address` lies in this network; `false` when it does not parse.
    public func contains(address text: String) -> Bool {
        guard let address = IPNetwork.parseAddress(text) else { return false }
        return contains(address)
    }

    /// The canonical text form, `address/prefix`.
    public var description: String { "\(IPNetwork.format(bytes))/\(prefixLength)" }

    /// The textual address without the prefix.
    public var addressText: String { IPNetwork.format(bytes) }

    /// Parses a textual IPv4 or IPv6 address with `inet_pton`.
    public static func parseAddress(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func format(_ bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func masked(_ address: [UInt8], prefix: Int) -> [UInt8] {
        var out = address
        for i in out.indices {
            let bitsHere = max(0, min(8, prefix - i * 8))
            let mask: UInt8 = bitsHere == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
            out[i] &= mask
        }
        return out
    }
}
