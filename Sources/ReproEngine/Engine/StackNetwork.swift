import NIOCore
import NIOPosix
import SIPCore
import SIPStack

#if canImport(Glibc)
import Glibc
#endif

/// The proxy's view of a running `SipStack`: our own addresses and names, next-hop
/// resolution (RFC 3263 subset) and stateless response routing.
public final class StackNetwork: ProxyNetwork, @unchecked Sendable {
    public let stack: SipStack
    public var transactions: TransactionLayer { stack.transactions }
    /// Our addresses and names, lower-cased (fixed once the transports are up).
    public let ownHosts: Set<String>
    /// The ports we listen on, by transport.
    let ports: [TransportKind: Set<Int>]
    let interfaceAddresses: [SocketAddress]

    public init(stack: SipStack, extraNames: [String] = []) {
        self.stack = stack
        var ports: [TransportKind: Set<Int>] = [:]
        var hosts = Set(extraNames.map { $0.lowercased() })
        let interfaces = (try? System.enumerateDevices().compactMap(\.address)) ?? []
        self.interfaceAddresses = interfaces
        for kind in TransportKind.allCases {
            for address in stack.transport.boundAddresses(kind) {
                if let p = address.port { ports[kind, default: []].insert(p) }
                guard let ip = address.ipAddress else { continue }
                if Self.isUnspecified(ip) {
                    for i in interfaces where i.protocol == address.protocol { i.ipAddress.map { _ = hosts.insert($0.lowercased()) } }
                } else {
                    hosts.insert(ip.lowercased())
                }
            }
        }
        hosts.insert(Self.hostName().lowercased())
        self.ownHosts = hosts
        self.ports = ports
    }

    static func isUnspecified(_ ip: String) -> Bool { ip == "0.0.0.0" || ip == "::" }

    /// The machine's host name.
    public static func hostName() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count) == 0 else { return "localhost" }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func isOwnAddress(host: String, port: Int?) -> Bool {
        let h = host.lowercased()
        guard ownHosts.contains(h) else { return false }
        let p = port ?? 5060
        return ports.values.contains { $0.contains(p) } || (port == nil && ports.values.contains { $0.contains(5061) })
    }

    public func resolve(_ uri: SipURI, on loop: any EventLoop) -> EventLoopFuture<SipDestination> {
        let kind = uri.transport.flatMap { TransportKind(token: $0) } ?? (uri.isSecure ? .tls : .udp)
        let host = uri.maddr ?? uri.host
        let port = uri.port ?? kind.defaultPort
        if let address = try? SocketAddress(ipAddress: host, port: port) {
            return loop.makeSucceededFuture(SipDestination(transport: kind, remote: address))
        }
        let promise = loop.makePromise(of: SipDestination.self)
        let transport = stack.transport
        promise.completeWithTask {
            // RFC 3263 §4.2 with A/AAAA only (no NAPTR/SRV yet): the first address answers.
            guard let first = try await transport.resolve(host: host, port: port).first else {
                throw ProxyError.unroutable(host)
            }
            return SipDestination(transport: kind, remote: first)
        }
        return promise.futureResult
    }

    public func sentBy(transport kind: TransportKind, toward remote: SocketAddress) -> (host: String, port: Int) {
        let bound = stack.transport.boundAddresses(kind)
        let sameFamily = bound.first { $0.protocol == remote.protocol } ?? bound.first
        guard let address = sameFamily, let ip = address.ipAddress, let port = address.port else {
            return (Self.hostName(), kind.defaultPort)
        }
        guard Self.isUnspecified(ip) else { return (ip, port) }
        // Bound to every address: name the interface address that faces the peer.
        let remoteIsLoopback = remote.ipAddress.map { $0.hasPrefix("127.") || $0 == "::1" } ?? false
        if remoteIsLoopback { return (remote.protocol == .inet6 ? "::1" : "127.0.0.1", port) }
        let candidate = interfaceAddresses.first { i in
            i.protocol == remote.protocol && !(i.ipAddress.map { $0.hasPrefix("127.") || $0 == "::1" || $0.hasPrefix("fe80") } ?? true)
        }
        return (candidate?.ipAddress ?? Self.hostName(), port)
    }

    public func sendStatelessResponse(_ response: SipMessage) {
        guard let destination = stack.transport.responseDestination(for: response, requestSource: nil) else { return }
        stack.transport.send(response, to: destination, promise: nil)
    }
}
