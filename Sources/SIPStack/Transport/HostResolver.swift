import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns host names into socket addresses with the system resolver (getaddrinfo, on
/// NIO's blocking thread pool); numeric addresses never touch DNS.
enum HostResolver {
    /// `host` as a numeric IPv4 or IPv6 address (brackets allowed), or nil for a name.
    static func numericAddress(_ host: String, port: Int) -> SocketAddress? {
        var h = Substring(host)
        if h.hasPrefix("["), h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        guard !h.isEmpty, h.utf8.allSatisfy({ isNumericHostByte($0) }) else { return nil }
        return try? SocketAddress(ipAddress: String(h), port: port)
    }

    /// Only digits, hex letters, '.', ':' and '%' (a zone) can appear in a numeric host.
    private static func isNumericHostByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    /// Every address of `host` at `port`, in the resolver's order.
    static func resolve(host: String, port: Int) async throws -> [SocketAddress] {
        if let numeric = numericAddress(host, port: port) { return [numeric] }
        return try await NIOThreadPool.singleton.runIfActive { try lookUp(host: host, port: port) }
    }

    private static func lookUp(host: String, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        #if os(Linux)
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        #else
        hints.ai_socktype = SOCK_DGRAM
        #endif
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw TransportError.unresolvable(host: host)
        }
        defer { freeaddrinfo(first) }
        var out: [SocketAddress] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next {
            next = info.pointee.ai_next
            guard let addr = info.pointee.ai_addr else { continue }
            let address: SocketAddress
            switch info.pointee.ai_family {
            case AF_INET:
                address = addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee, host: host) }
            case AF_INET6:
                address = addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee, host: host) }
            default:
                continue
            }
            if !out.contains(address) { out.append(address) }
        }
        guard !out.isEmpty else { throw TransportError.unresolvable(host: host) }
        return out
    }
}
