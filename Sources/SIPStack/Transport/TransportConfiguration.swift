import NIOCore
import SIPCore

/// Settings of a `TransportLayer`. Every field has a default an operator can keep.
public struct TransportConfiguration: Sendable {
    /// Limits on a message's size and headers; oversized UDP datagrams are dropped and
    /// oversized stream messages answered 513 and the connection closed (RFC 3261 §18.1.1, §21.5.14).
    public var parseLimits: ParseLimits = .default
    /// A TCP or TLS connection that has neither read nor written for this long is closed.
    public var streamIdleTimeout: TimeAmount = .seconds(300)
    /// The most stream connections open at once (accepted and opened together);
    /// further accepts are closed at once and counted as refused.
    public var maxConnections: Int = 10_000
    /// How long opening an outbound connection may take.
    public var connectTimeout: TimeAmount = .seconds(10)
    /// How many datagrams one wake-up reads with `recvmmsg` (Linux; NIO's `datagramVectorReadMessageCount`).
    public var datagramVectorReadMessageCount: Int = 32
    /// Whether UDP listens with one socket per event loop on the same port (`SO_REUSEPORT`,
    /// Linux only) so the kernel spreads datagrams across cores.
    public var reusePortPerEventLoop: Bool = true
    /// How many messages the message log keeps before the oldest are dropped.
    public var messageLogCapacity: Int = 4_096
    /// The least time between two log lines about bad input (the rest are counted, not logged).
    public var badInputLogInterval: TimeAmount = .seconds(10)

    /// The defaults; change fields after.
    /// UDP socket receive and send buffer sizes (SO_RCVBUF/SO_SNDBUF); bursts of datagrams
    /// are queued here while the loop is busy instead of being dropped by the kernel.
    public var datagramSocketBufferSize: Int = 4 << 20

    public init() {}

    /// The defaults.
    public static let `default` = TransportConfiguration()
}
