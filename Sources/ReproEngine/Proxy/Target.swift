import NIOCore
import SIPCore
import SIPStack

/// A place a request may be forwarded to (repro's `Target`), and the branch that carries it.
public final class Target: @unchecked Sendable {
    /// Where a target is in its life (repro's Candidate / Started / Terminated).
    public enum Status: String, Sendable {
        case candidate
        case started
        case terminated
    }

    public let uri: URI
    public var q: QValue
    /// Route set from the binding's Path (RFC 3327 §5.3: sent as Route headers).
    public var path: [NameAddr]
    /// The source of the registration: the proxy sends to it when the contact is behind NAT.
    public var flow: SipSource?
    /// Where the target came from, for the trace ("location", "static route 3", "redirect").
    public var origin: String
    public internal(set) var status: Status = .candidate

    // Branch state, set once started.
    public internal(set) var branch: String?
    var transaction: ClientTransaction?
    var forwarded: SipMessage?
    var destination: SipDestination?
    var timerC: TimerHandle?
    var gotProvisional = false
    var cancelWanted = false
    var cancelSent = false
    var cancelReason: String?
    var finalResponse: SipMessage?
    var traceIndex: Int?
    var startedAt: NIODeadline?

    public init(uri: URI, q: QValue = .one, path: [NameAddr] = [], flow: SipSource? = nil, origin: String) {
        self.uri = uri
        self.q = q
        self.path = path
        self.flow = flow
        self.origin = origin
    }

    /// Whether the branch is still waiting for a final response.
    var isPending: Bool { status == .started && finalResponse == nil }
}
