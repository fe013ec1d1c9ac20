import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One SIP message as it crossed the wire, for the console's message log and for tracing.
public struct MessageLogEntry: Sendable {
    /// Whether the message was received or sent.
    public enum Direction: String, Sendable {
        case inbound = "in"
        case outbound = "out"
    }

    /// Wall-clock time, since the Unix epoch.
    public var time: Duration
    public var direction: Direction
    public var transport: TransportKind
    /// Our address: where it arrived, or where it left from (nil when unknown).
    public var local: SocketAddress? {
        get { compactLocal?.socketAddress }
        set { compactLocal = newValue.flatMap(CompactEndpoint.init) }
    }
    /// The peer's address.
    public var remote: SocketAddress {
        get { compactRemote?.socketAddress ?? Self.unknownAddress }
        set { compactRemote = CompactEndpoint(newValue) }
    }
    /// The addresses as stored: plain values, so that logging a message copies no
    /// `SocketAddress` box (the listener's is shared by every message of both loops).
    var compactLocal: CompactEndpoint?
    var compactRemote: CompactEndpoint?
    /// The stream connection it used; nil for UDP.
    public var connection: ConnectionID?
    /// The bytes as received or sent (for a received message, exactly as it arrived).
    public var bytes: [UInt8]

    /// An entry; `time` defaults to now.
    public init(time: Duration = MessageLogEntry.now(), direction: Direction, transport: TransportKind,
                local: SocketAddress?, remote: SocketAddress, connection: ConnectionID? = nil, bytes: [UInt8]) {
        self.time = time
        self.direction = direction
        self.transport = transport
        self.compactLocal = local.flatMap(CompactEndpoint.init)
        self.compactRemote = CompactEndpoint(remote)
        self.connection = connection
        self.bytes = bytes
    }

    static let unknownAddress = try! SocketAddress(ipAddress: "0.0.0.0", port: 0)

    /// The message's size in bytes.
    public var size: Int { bytes.count }

    /// The current wall-clock time since the Unix epoch.
    public static func now() -> Duration {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return .seconds(Int64(ts.tv_sec)) + .nanoseconds(Int64(ts.tv_nsec))
    }
}
