import NIOCore
import ReproStore
import SIPCore
import SIPStack
import Synchronization
import XCTest
@testable import ReproEngine

/// A virtual clock: time moves only when a test says so.
final class TestClock: Sendable {
    private let state = Mutex<(nanos: UInt64, wall: Int)>((1_000_000_000_000, 1_700_000_000))

    var now: NIODeadline { NIODeadline.uptimeNanoseconds(state.withLock { $0.nanos }) }

    func advance(seconds: Int) {
        state.withLock {
            $0.nanos += UInt64(seconds) * 1_000_000_000
            $0.wall += seconds
        }
    }

    var engineClock: EngineClock {
        EngineClock(now: { self.now }, wallSeconds: { self.state.withLock { $0.wall } })
    }
}

enum Fixtures {
    static let domain = DomainRecord(name: "example.com")
    static let password = "secret"

    /// A store with example.com, alice (enabled), carol (disabled) and dave (MD5 HA1 only).
    static func store() throws -> DataStore {
        let store = DataStore.inMemory()
        try store.addDomain(domain)
        try store.addUser(UserRecord(user: "alice", domain: "example.com", realm: "example.com", password: password))
        try store.addUser(UserRecord(user: "carol", domain: "example.com", realm: "example.com", password: password,
                                     enabled: false))
        try store.addUser(UserRecord(user: "dave", domain: "example.com", realm: "example.com",
                                     ha1: Digest.ha1(username: "dave", realm: "example.com", password: password),
                                     ha1Sha256: ""))
        return store
    }

    static func source(_ ip: String = "192.0.2.10", port: Int = 5070, _ kind: TransportKind = .udp) -> SipSource {
        // Literal addresses: these cannot fail to parse.
        SipSource(transport: kind, local: try! SocketAddress(ipAddress: "192.0.2.1", port: 5060),
                  remote: try! SocketAddress(ipAddress: ip, port: port),
                  connection: kind == .udp ? nil : ConnectionID(7))
    }

    /// A REGISTER as it arrives from the network.
    static func register(user: String = "alice", requestURI: String = "sip:example.com", toHost: String = "example.com",
                         contacts: [String] = ["<sip:alice@192.0.2.10:5070>"], expires: Int? = nil,
                         callID: String = "reg-1", cseq: UInt32 = 1, headers: [String] = []) -> SipMessage {
        var lines = [
            "REGISTER \(requestURI) SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=\(Helper.newBranch())",
            "Max-Forwards: 70",
            "From: <sip:\(user)@\(toHost)>;tag=f1",
            "To: <sip:\(user)@\(toHost)>",
            "Call-ID: \(callID)",
            "CSeq: \(cseq) REGISTER",
        ]
        lines += contacts.map { "Contact: \($0)" }
        if let expires { lines.append("Expires: \(expires)") }
        lines += headers
        lines.append("Content-Length: 0")
        // Built from a fixed template: always parses.
        return try! SipMessage.parse(lines.joined(separator: "\r\n") + "\r\n\r\n")
    }

    /// `request` with credentials answering the challenge in `challenge` for `algorithm`.
    static func authorize(_ request: SipMessage, challenge: SipMessage, user: String = "alice",
                          password: String = Fixtures.password, algorithm: DigestAlgorithm = .md5,
                          nc: String = "00000001", uri: String? = nil, proxy: Bool = false) -> SipMessage {
        let challenges = challenge[proxy ? .proxyAuthenticates : .wwwAuthenticates]
        let c = challenges.first { $0.algorithm == algorithm } ?? challenges[0]
        let realm = c.realm ?? ""
        let nonce = c.nonce ?? ""
        let digestURI = uri ?? request.requestURI?.description ?? ""
        let cnonce = "0a4f113b"
        let ha1 = Digest.ha1(username: user, realm: realm, password: password, algorithm: algorithm)
        let ha2 = Digest.ha2(method: request.method.name, uri: digestURI, algorithm: algorithm)
        let response = Digest.response(ha1: ha1, nonce: nonce, nonceCount: nc, cnonce: cnonce, qop: "auth",
                                       ha2: ha2, algorithm: algorithm)
        let copy = request.copy()
        copy[proxy ? .proxyAuthorizations : .authorizations] = [
            AuthHeader.digestCredentials(username: user, realm: realm, nonce: nonce, uri: digestURI,
                                         response: response, algorithm: algorithm, cnonce: cnonce,
                                         qop: "auth", nc: nc),
        ]
        return reparsed(copy)
    }

    /// A copy of `message` as it would arrive again from the network.
    static func reparsed(_ message: SipMessage) -> SipMessage {
        try! SipMessage.parse(message.serialize())  // serialized by SIPCore itself: always parses
    }
}

/// A transaction transport that records what is sent and lets a test wait for it.
final class RecordingTransport: TransactionTransport, Sendable {
    private let state = Mutex<(sent: [SipMessage], waiter: (count: Int, expectation: XCTestExpectation)?)>(([], nil))

    func send(_ message: SipMessage, to destination: SipDestination, onFailure: @escaping @Sendable (any Error) -> Void) {
        let fulfil = state.withLock { s -> XCTestExpectation? in
            s.sent.append(message)
            guard let w = s.waiter, s.sent.count >= w.count else { return nil }
            s.waiter = nil
            return w.expectation
        }
        fulfil?.fulfill()
    }

    var sent: [SipMessage] { state.withLock { $0.sent } }

    /// An expectation fulfilled once `count` messages in all have been sent.
    func expectation(forTotal count: Int) -> XCTestExpectation {
        let e = XCTestExpectation(description: "\(count) messages sent")
        let already = state.withLock { s -> Bool in
            if s.sent.count >= count { return true }
            s.waiter = (count, e)
            return false
        }
        if already { e.fulfill() }
        return e
    }
}

/// Collects events from a sink closure.
final class EventRecorder<Event: Sendable>: Sendable {
    private let events = Mutex<[Event]>([])
    var sink: @Sendable (Event) -> Void { { e in self.events.withLock { $0.append(e) } } }
    var all: [Event] { events.withLock { $0 } }
}

extension AuthDecision {
    var response: SipMessage? {
        switch self {
        case .challenge(let r), .reject(let r): return r
        case .authenticated, .needsUser: return nil
        }
    }

    var isChallenge: Bool { if case .challenge = self { return true } else { return false } }
    var authenticatedUser: String? { if case .authenticated(let u) = self { return u.record.user } else { return nil } }
}
