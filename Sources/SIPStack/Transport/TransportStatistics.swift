/// Counters of the transport layer since it started (a snapshot; see `TransportLayer.statistics`).
public struct TransportStatistics: Sendable, Equatable {
    /// Messages received and handed up (parsed and valid).
    public var messagesReceived = 0
    /// Requests among them.
    public var requestsReceived = 0
    /// Messages written to a socket.
    public var messagesSent = 0
    /// Responses among them by class: 1xx at index 0 … 6xx at index 5.
    public var responsesSent = [Int](repeating: 0, count: 6)
    /// Sends that failed (no route, connect failure, write error).
    public var sendFailures = 0
    /// Datagrams or stream messages dropped because they were not valid SIP.
    public var droppedUnparsable = 0
    /// Datagrams or stream messages dropped because they exceeded the size limits.
    public var droppedOversized = 0
    /// 400 (or 513) responses the transport layer sent itself for bad input.
    public var errorResponsesSent = 0
    /// CRLFCRLF keep-alives answered (RFC 5626 §4.4.1).
    public var keepAlivesAnswered = 0
    /// Stream connections open now.
    public var connectionsOpen = 0
    /// Stream connections accepted since start.
    public var connectionsAccepted = 0
    /// Stream connections opened by us since start.
    public var connectionsOpened = 0
    /// Accepts closed at once because the connection limit was reached.
    public var connectionsRefused = 0
    /// Connections closed because they were idle.
    public var connectionsTimedOut = 0

    /// All counters at zero.
    public init() {}
}
