#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// An IP address and port in 19 bytes, without the heap box a `SocketAddress` carries:
/// the location service keeps one or two per binding (a million bindings would otherwise
/// hold two million small heap objects), and the message log one or two per message
/// (copying them touches no reference count shared between event loops).
public struct CompactEndpoint: Sendable, Hashable {
    /// The address bytes in network order: IPv4 in the first 4 bytes of `high`.
    public var high: UInt64
    public var low: UInt64
    public var port: UInt16
    public var isIPv6: Bool

    /// nil for a Unix domain socket address, which SIP never uses.
    public init?(_ address: SocketAddress) {
        switch address {
        case .v4(let a):
            var raw = a.address.sin_addr
            high = UInt64(withUnsafeBytes(of: &raw) { $0.loadUnaligned(as: UInt32.self) })
            low = 0
            isIPv6 = false
        case .v6(let a):
            var raw = a.address.sin6_addr
            (high, low) = withUnsafeBytes(of: &raw) {
                ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            }
            isIPv6 = true
        case .unixDomainSocket:
            return nil
        }
        port = UInt16(truncatingIfNeeded: address.port ?? 0)
    }

    /// The address again, as NIO represents it.
    public var socketAddress: SocketAddress {
        if isIPv6 {
            var sa = sockaddr_in6()
            sa.sin6_family = sa_family_t(AF_INET6)
            sa.sin6_port = in_port_t(port).bigEndian
            var words = (high, low)
            withUnsafeMutableBytes(of: &sa.sin6_addr) { dst in
                withUnsafeBytes(of: &words) { dst.copyMemory(from: $0) }
            }
            return SocketAddress(sa, host: "")
        }
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_port = in_port_t(port).bigEndian
        var word = UInt32(truncatingIfNeeded: high)
        withUnsafeMutableBytes(of: &sa.sin_addr) { dst in
            withUnsafeBytes(of: &word) { dst.copyMemory(from: $0) }
        }
        return SocketAddress(sa, host: "")
    }
}
