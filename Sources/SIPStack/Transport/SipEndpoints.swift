import NIOCore

/// Identifies one stream connection (TCP or TLS) for the life of the process.
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public var description: String { "conn#\(rawValue)" }
}

/// Where a received message came from: enough to answer it the way RFC 3261 §18.2.2
/// requires (over the same connection for streams) and to reach a contact behind NAT.
public struct SipSource: Sendable, Hashable, CustomStringConvertible {
    public var transport: TransportKind
    /// Our address the message arrived on.
    public var local: SocketAddress
    /// The peer's address (the packet's source).
    public var remote: SocketAddress
    /// The stream connection it arrived on; nil for UDP.
    public var connection: ConnectionID?

    public init(transport: TransportKind, local: SocketAddress, remote: SocketAddress, connection: ConnectionID? = nil) {
        self.transport = transport
        self.local = local
        self.remote = remote
        self.connection = connection
    }

    public var description: String { "\(transport) \(remote.compactDescription)" }
}

/// Where to send a message: a transport and a remote address, and for streams
/// preferably an existing connection (RFC 3261 §18.2.2, RFC 5626 flows).
public struct SipDestination: Sendable, Hashable, CustomStringConvertible {
    public var transport: TransportKind
    public var remote: SocketAddress
    /// An existing connection to use if it is still open.
    public var connection: ConnectionID?

    public init(transport: TransportKind, remote: SocketAddress, connection: ConnectionID? = nil) {
        self.transport = transport
        self.remote = remote
        self.connection = connection
    }

    /// The destination that answers `source`: same transport, same peer, same connection.
    public init(replyingTo source: SipSource) {
        self.init(transport: source.transport, remote: source.remote, connection: source.connection)
    }

    public var description: String { "\(transport) \(remote.compactDescription)" }
}

extension SocketAddress {
    /// `1.2.3.4:5060` or `[::1]:5060`.
    public var compactDescription: String {
        guard let ip = ipAddress else { return description }
        let port = self.port ?? 0
        if case .v6 = self { return "[\(ip)]:\(port)" }
        return "\(ip):\(port)"
    }
}
