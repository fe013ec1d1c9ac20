import NIOCore

/// How a `SipStack` is built: threads, transaction timers and transport settings.
public struct SipStackConfiguration: Sendable {
    /// Event loops (threads) doing I/O and transactions; one per core by default.
    public var eventLoopCount: Int = System.coreCount
    public var timers = TransactionTimers()
    public var transport = TransportConfiguration()
    /// Whether INVITE server transactions answer 100 Trying at once (a proxy wants that).
    public var sendsTryingImmediately = true

    public init() {}
}
