import NIOCore

/// The timer values of RFC 3261 §17 (Table 4), configurable as the RFC allows.
public struct TransactionTimers: Sendable, Equatable {
    /// RTT estimate (default 500 ms).
    public var t1: TimeAmount = .milliseconds(500)
    /// The longest retransmit interval for non-INVITE requests and INVITE responses (default 4 s).
    public var t2: TimeAmount = .seconds(4)
    /// The longest time a message stays in the network (default 5 s).
    public var t4: TimeAmount = .seconds(5)
    /// Timer D: wait time for response retransmits over unreliable transports (at least 32 s).
    public var timerD: TimeAmount = .seconds(32)

    public init() {}

    /// Timers B, F, H, J, L and M: 64·T1.
    public var sixtyFourT1: TimeAmount { .nanoseconds(t1.nanoseconds * 64) }

    /// The next retransmit interval after `interval`: doubled, capped at T2 when `capped`.
    func next(after interval: TimeAmount, capped: Bool) -> TimeAmount {
        let doubled = TimeAmount.nanoseconds(interval.nanoseconds * 2)
        return capped && doubled > t2 ? t2 : doubled
    }
}
