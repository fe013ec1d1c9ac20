/// The transports SIP runs over (RFC 3261 §18; TLS per §26.2).
public enum TransportKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case udp = "UDP"
    case tcp = "TCP"
    case tls = "TLS"

    /// Whether the transport is reliable, so that transactions do not retransmit (RFC 3261 §17.1.1.2).
    public var isReliable: Bool { self != .udp }

    /// Whether the transport is a byte stream that needs Content-Length framing (RFC 3261 §18.3).
    public var isStream: Bool { self != .udp }

    /// The default port (RFC 3261 §19.1.2): 5060, or 5061 for TLS.
    public var defaultPort: Int { self == .tls ? 5061 : 5060 }

    /// The kind named by a Via transport or URI `transport` parameter, ignoring case.
    public init?(token: some StringProtocol) {
        switch token.uppercased() {
        case "UDP": self = .udp
        case "TCP": self = .tcp
        case "TLS": self = .tls
        default: return nil
        }
    }

    public var description: String { rawValue }
}
