import NIOCore
import SIPCore
import SIPStack

/// Everything about one request the proxy handles (repro's `RequestContext`):
/// the request, its transaction, the targets, slots processors share, and the trace.
///
/// Lives on the event loop of its server transaction; processors run there.
public final class RequestContext: @unchecked Sendable {
    public let request: SipMessage
    public let transaction: ServerTransaction?
    public let source: SipSource
    public let loop: any EventLoop
    /// The timers of `loop` (fork delays, serial branch timeouts, Timer C).
    let timerQueue: TimerQueue
    public internal(set) var targets: [Target] = []
    /// Set by IsTrustedNode when the source matches an ACL.
    public var isTrusted = false
    /// Set by the digest authenticator.
    public var authenticatedUser: String?
    /// The response a processor decided on; the proxy sends it when the chains stop.
    public var response: SipMessage?
    /// Values processors share, by name (repro's KeyValueStore).
    public var slots: [String: any Sendable] = [:]
    public internal(set) var trace: ChainTrace
    var resumeIndex: [ChainKind: Int] = [:]
    var currentChain: ChainKind = .request
    var pendingNote: String?
    var onResume: ((RequestContext) -> Void)?
    var cancelled = false
    var finished = false
    var collectedContacts: [NameAddr] = []
    var bestResponse: SipMessage?
    var sent2xx = false
    var serialQueue: [[Target]] = []

    init(request: SipMessage, transaction: ServerTransaction?, source: SipSource, loop: any EventLoop,
         timerQueue: TimerQueue, traceID: UInt64) {
        self.request = request
        self.transaction = transaction
        self.source = source
        self.loop = loop
        self.timerQueue = timerQueue
        self.trace = ChainTrace(
            id: traceID, arrivedAt: WallClock.milliseconds(), method: request.method.name,
            requestURI: request.requestURI?.description ?? "?", callID: request[.callID] ?? "?",
            from: request[.from]?.uri.description ?? "?", source: source.description)
    }

    /// Adds a target (repro's `addTarget`).
    public func addTarget(_ target: Target) {
        targets.append(target)
    }

    /// Answers the request with `code`; the proxy sends it when the chains stop.
    @discardableResult
    public func respond(_ code: Int, reason: String? = nil) -> SipMessage {
        let r = Helper.makeResponse(to: request, code: code, reason: reason)
        response = r
        return r
    }

    /// A short explanation for the trace entry of the processor now running.
    public func note(_ text: String) { pendingNote = text }

    func takeNote() -> String? {
        defer { pendingNote = nil }
        return pendingNote
    }

    var pendingResponseSummary: String? {
        response.map { "\($0.statusCode) \($0.reasonPhrase)" }
    }

    /// Continues the chains after a processor returned `.waitingForEvent`. Safe from any
    /// thread: hops to the context's loop.
    public func resume() {
        if loop.inEventLoop {
            onResume?(self)
        } else {
            loop.execute { self.onResume?(self) }
        }
    }
}

/// Wall-clock time for traces.
enum WallClock {
    static func milliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

#if canImport(Glibc)
import Glibc
#endif
