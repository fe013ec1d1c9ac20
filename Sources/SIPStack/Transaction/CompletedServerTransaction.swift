import NIOCore
import SIPCore

/// A non-INVITE server transaction in Completed over an unreliable transport, reduced to
/// what RFC 3261 §17.2.2 still asks of it until Timer J (64·T1) fires: answer every
/// retransmission of the request with the final response again, and nothing else.
///
/// Under a UDP REGISTER storm a shard holds hundreds of thousands of transactions waiting
/// out Timer J. Kept as the whole `ServerTransaction` (its request let go, a timer and a
/// closure each), one took about 1.2 KB and its memory stayed cold until Timer J freed it;
/// this record keeps the key, the response's bytes and where they go. The layer swaps the
/// record into the shard's table when the final response is sent (`retire`), and expires
/// records in the order they were made, as they all wait the same 64·T1
/// (`TransactionShard.retired`).
final class CompletedServerTransaction: @unchecked Sendable {
    let key: TransactionKey
    /// The final response as sent.
    let response: [UInt8]
    /// Where the response goes, without the heap box of a `SocketAddress` when the address
    /// fits a `CompactEndpoint` (always for IPv4; IPv6 without a scope).
    private let compactRemote: CompactEndpoint?
    private let fullDestination: SipDestination?
    /// The request's Call-ID, for the event that ends the transaction; kept only while the
    /// layer publishes events.
    let callID: String?
    /// When Timer J fires.
    let expiry: NIODeadline

    init(key: TransactionKey, response: [UInt8], destination: SipDestination, callID: String?,
         expiry: NIODeadline) {
        self.key = key
        self.response = response
        if destination.transport == .udp, destination.connection == nil,
           let compact = CompactEndpoint(destination.remote),
           Self.roundTrips(destination.remote) {
            compactRemote = compact
            fullDestination = nil
        } else {
            compactRemote = nil
            fullDestination = destination
        }
        self.callID = callID
        self.expiry = expiry
    }

    /// Where retransmissions of the response go.
    var destination: SipDestination {
        if let fullDestination { return fullDestination }
        return SipDestination(transport: .udp, remote: compactRemote!.socketAddress)
    }

    /// Whether `CompactEndpoint` keeps all of the address (an IPv6 scope or flow label it drops).
    private static func roundTrips(_ address: SocketAddress) -> Bool {
        guard case .v6(let a) = address else { return true }
        return a.address.sin6_scope_id == 0 && a.address.sin6_flowinfo == 0
    }
}

/// What a shard's table of server transactions holds under a key.
enum ServerTableEntry {
    /// A transaction with its state machine: waiting for the TU's answer, an INVITE, or over
    /// a reliable transport.
    case live(ServerTransaction)
    /// A non-INVITE transaction in Completed over UDP, waiting out Timer J.
    case completed(CompletedServerTransaction)

    /// The live transaction, nil for a completed record.
    var live: ServerTransaction? {
        if case .live(let t) = self { return t }
        return nil
    }
}
