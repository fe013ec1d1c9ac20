import NIOCore
import NIOEmbedded
import SIPCore
@testable import SIPStack

/// A transport that records what the transactions send, and can be told to fail.
final class RecordingTransport: TransactionTransport, @unchecked Sendable {
    var sent: [(message: SipMessage, destination: SipDestination)] = []
    var failSends = false

    func send(_ message: SipMessage, to destination: SipDestination, onFailure: @escaping @Sendable (any Error) -> Void) {
        if failSends {
            onFailure(TestTransportError.unreachable)
            return
        }
        sent.append((message, destination))
    }

    func sentCount(where predicate: (SipMessage) -> Bool) -> Int { sent.filter { predicate($0.message) }.count }
    var requestsSent: [SipMessage] { sent.map(\.message).filter(\.isRequest) }
    var responsesSent: [SipMessage] { sent.map(\.message).filter(\.isResponse) }
}

enum TestTransportError: Error { case unreachable }

/// A TU that records what the transaction layer hands it.
final class RecordingTU: TransactionUser, @unchecked Sendable {
    var requests: [(request: SipMessage, transaction: ServerTransaction?)] = []
    var strays: [SipMessage] = []
    var failures: [TransactionEnd] = []
    /// Answers every new request with this code when set.
    var autoRespond: Int?

    func handleRequest(_ request: SipMessage, transaction: ServerTransaction?, source: SipSource) {
        requests.append((request, transaction))
        if let code = autoRespond, let transaction {
            transaction.respond(Helper.makeResponse(to: request, code: code))
        }
    }

    func handleStrayResponse(_ response: SipMessage, source: SipSource) { strays.append(response) }

    func serverTransactionFailed(_ transaction: ServerTransaction, end: TransactionEnd) { failures.append(end) }
}

enum TransactionFixtures {
    static let peer = try! SocketAddress(ipAddress: "127.0.0.1", port: 5070)  // literal address: cannot fail
    static let local = try! SocketAddress(ipAddress: "127.0.0.1", port: 5060)  // literal address: cannot fail

    static func source(_ kind: TransportKind = .udp) -> SipSource {
        SipSource(transport: kind, local: local, remote: peer, connection: kind == .udp ? nil : ConnectionID(1))
    }

    static func destination(_ kind: TransportKind = .udp) -> SipDestination {
        SipDestination(transport: kind, remote: peer)
    }

    static func request(_ method: SipMethod, branch: String = Helper.newBranch(), transport: String = "UDP",
                        callID: String = "call-1", cseq: UInt32 = 1) -> SipMessage {
        let target = URI.sip(SipURI(user: "bob", host: "example.com"))
        return Helper.makeRequest(
            method: method, target: target,
            from: NameAddr(uri: .sip(SipURI(user: "alice", host: "example.com"))),
            to: NameAddr(uri: target),
            via: Via(transport: transport, host: "127.0.0.1", port: 5070, branch: branch),
            callID: callID, cseq: cseq)
    }

    /// A copy of `request` as it would arrive again from the network.
    static func reparsed(_ message: SipMessage) -> SipMessage {
        try! SipMessage.parse(message.serialize())  // serialized by SIPCore itself: always parses
    }
}
