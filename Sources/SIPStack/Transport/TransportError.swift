import NIOCore

/// Why the transport layer could not listen or send.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The transport is not implemented yet (TLS).
    case unsupported(TransportKind)
    /// No UDP socket of the destination's address family is listening, so there is no
    /// source port to send from (RFC 3261 §18.1.1 wants responses to reach our listening port).
    case noListener(TransportKind, family: String)
    /// The connection limit (`TransportConfiguration.maxConnections`) is reached.
    case connectionLimitReached
    /// The given connection is closed and the destination has no other.
    case connectionClosed(ConnectionID)
    /// A host name did not resolve.
    case unresolvable(host: String)
    /// A message is larger than the limit for the transport (`ParseLimits.maxMessageSize`).
    case messageTooLarge(Int)
    /// The transport layer was shut down.
    case shutdown

    public var description: String {
        switch self {
        case .unsupported(let kind): return "\(kind) is not supported yet"
        case .noListener(let kind, let family): return "no \(kind) listener for \(family)"
        case .connectionLimitReached: return "connection limit reached"
        case .connectionClosed(let id): return "\(id) is closed"
        case .unresolvable(let host): return "cannot resolve \(host)"
        case .messageTooLarge(let size): return "message of \(size) bytes is too large"
        case .shutdown: return "transport layer is shut down"
        }
    }
}
