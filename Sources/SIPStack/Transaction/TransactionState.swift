/// The states of the four RFC 3261 §17 state machines, with RFC 6026's Accepted.
public enum TransactionState: String, Sendable, Equatable {
    /// INVITE client before any response (§17.1.1.2).
    case calling
    /// Non-INVITE client or server before any response (§17.1.2.2, §17.2.2).
    case trying
    case proceeding
    case completed
    /// INVITE server after the ACK for a non-2xx (§17.2.1).
    case confirmed
    /// After a 2xx to an INVITE (RFC 6026 §7.1, §7.2).
    case accepted
    case terminated
}

/// Why a transaction ended, as the TU and the event stream see it.
public enum TransactionEnd: Sendable, Equatable {
    /// It ran its course.
    case normal
    /// A timer ran out (B, F, H): reported to the TU as a 408 (§17.1.1.2, §17.1.2.2).
    case timeout
    /// The transport failed (§17.1.4, §17.2.4): reported as a 503 (§8.1.3.1).
    case transportError(String)
}
