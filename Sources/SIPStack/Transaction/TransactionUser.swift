import SIPCore

/// A transaction user (RFC 3261 §5): the registrar, the proxy, a test UA.
///
/// Its methods are called on the event loop that owns the transaction; it must
/// not block there (hand blocking work to a thread pool and come back).
public protocol TransactionUser: AnyObject, Sendable {
    /// A new request. `transaction` is nil for an ACK to a 2xx, which has no
    /// transaction of its own (RFC 3261 §17.2.3, RFC 6026 §7.1); for a CANCEL its
    /// `cancelledInvite` is the INVITE transaction it matched, if any.
    func handleRequest(_ request: SipMessage, transaction: ServerTransaction?, source: SipSource)

    /// A response that matched no client transaction. A proxy forwards it
    /// statelessly (RFC 3261 §16.7 step 1); a UA drops it.
    func handleStrayResponse(_ response: SipMessage, source: SipSource)

    /// A server transaction ended without the ACK (Timer H) or on a transport error.
    func serverTransactionFailed(_ transaction: ServerTransaction, end: TransactionEnd)
}

extension TransactionUser {
    public func handleStrayResponse(_ response: SipMessage, source: SipSource) {}
    public func serverTransactionFailed(_ transaction: ServerTransaction, end: TransactionEnd) {}
}

/// One entry of the transaction log: a state change of one transaction.
public struct TransactionEvent: Sendable {
    public enum Role: String, Sendable { case client, server }
    public var time: NIODeadlineTimestamp
    public var role: Role
    public var key: TransactionKey
    public var state: TransactionState
    /// Set when the transaction ended.
    public var end: TransactionEnd?
    public var callID: String?
}

import NIOCore
public typealias NIODeadlineTimestamp = NIODeadline
