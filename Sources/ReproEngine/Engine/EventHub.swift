import NIOCore
import SIPCore
import SIPStack
import Synchronization

/// Gathers what the engine does into one bounded stream of `EngineEvent`s for the
/// console and the control API, and keeps the counters.
///
/// Registration, trace and lockout events are published as they happen. The SIP
/// message and transaction logs are pulled from the stack's rings by a periodic
/// pump, so the message path never formats text; text is made only while a reader
/// has asked for events recently. When a reader falls behind, the oldest events
/// are dropped and counted (the ring does that).
public final class EventHub: Sendable {
    /// The events, some kept in the raw form they were published in and turned into an
    /// `EngineEvent` only when read (a registration storm must not format text).
    private let ring: EventRing<HubRecord>
    private struct PumpState {
        var messageCursor: UInt64 = 0
        var transactionCursor: UInt64 = 0
        var lastReader: NIODeadline = .distantPast
        var counters = EngineCounters()
        /// The transport's counters at the previous pump.
        var lastStatistics = TransportStatistics()
        var lastRequestCount: UInt64 = 0
        var requestsPerSecond: Double = 0
        var problems: [String] = []
    }
    private let state = Mutex(PumpState())

    public init(capacity: Int) {
        ring = EventRing(capacity: capacity)
    }

    static func wallMilliseconds() -> Int64 { WallClock.milliseconds() }

    /// Publishes an event now.
    public func publish(_ event: EngineEvent) {
        var e = event
        e.sequence = 0
        ring.append(.ready(e))
    }

    /// Called by readers: events after `cursor`.
    public func events(after cursor: UInt64, limit: Int) -> EventBatch {
        state.withLock { $0.lastReader = .now() }
        let snap = ring.snapshot(after: cursor, limit: limit)
        let events = snap.entries.map { entry -> EngineEvent in
            var e = entry.element.event
            e.sequence = entry.sequenceNumber
            return e
        }
        return EventBatch(events: events, nextCursor: snap.entries.last?.sequenceNumber ?? max(cursor, snap.lastSequenceNumber),
                          dropped: snap.dropped)
    }

    // MARK: Sinks for the engine's parts

    /// A location change in stored form, described only when read.
    func locationChange(_ change: LocationChange) {
        ring.append(.location(change, time: Self.wallMilliseconds()))
    }

    public func trace(_ trace: ChainTrace) {
        ring.append(.trace(trace, time: Self.wallMilliseconds()))
    }

    public func auth(_ event: AuthEvent) {
        switch event {
        case .failed:
            state.withLock { $0.counters.authFailures += 1 }
        case .lockout(let source, let user, _):
            state.withLock {
                $0.counters.authLockouts += 1
                $0.problems.append("lockout of \(source)\(user.map { " (user \($0))" } ?? "")")
                if $0.problems.count > 50 { $0.problems.removeFirst() }
            }
            publish(EngineEvent(time: Self.wallMilliseconds(), kind: .lockout,
                                summary: "locked out \(source)\(user.map { " (user \($0))" } ?? "")", peer: source))
        }
    }

    /// Records a warning or error for the status pane.
    public func problem(_ text: String) {
        state.withLock {
            $0.problems.append(text)
            if $0.problems.count > 50 { $0.problems.removeFirst() }
        }
        publish(EngineEvent(time: Self.wallMilliseconds(), kind: .log, summary: text))
    }

    // MARK: The pump

    /// Starts pulling the stack's logs every `interval` on `loop`.
    public func startPump(stack: SipStack, on loop: any EventLoop, every interval: TimeAmount = .milliseconds(100)) -> RepeatedTask {
        loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in
            self?.pump(stack, seconds: Double(interval.nanoseconds) / 1e9)
        }
    }

    func pump(_ stack: SipStack, seconds: Double) {
        let (mCursor, tCursor, readerActive, previous) = state.withLock { s in
            (s.messageCursor, s.transactionCursor, NIODeadline.now() - s.lastReader < .seconds(10), s.lastStatistics)
        }
        // The counters come from the transport, which counts as it sends and receives; the
        // message and transaction logs are read only while someone watches the events.
        let statistics = stack.transport.statistics
        var counters = EngineCounters()
        counters.requestsReceived = UInt64(max(0, statistics.requestsReceived - previous.requestsReceived))
        let sent = zip(statistics.responsesSent, previous.responsesSent).map { UInt64(max(0, $0 - $1)) }
        counters.responsesSent1xx = sent[0]
        counters.responsesSent2xx = sent[1]
        counters.responsesSent3xx = sent[2]
        counters.responsesSent4xx = sent[3]
        counters.responsesSent5xx = sent[4]
        counters.responsesSent6xx = sent[5]
        // Nothing recorded while nobody reads is ever read (the cursors skip it), so the stack
        // records only while a reader is active; a new reader's first messages arrive with
        // the next pump.
        if stack.recordsLogs != readerActive { stack.recordsLogs = readerActive }
        var messageCursor = stack.transport.messageLog.lastSequenceNumber
        var transactionCursor = stack.transactionLog.lastSequenceNumber
        if readerActive {
            let messages = stack.transport.messageLog.snapshot(after: mCursor)
            let transactions = stack.transactionLog.snapshot(after: tCursor)
            for entry in messages.entries { publish(Self.messageEvent(entry.element)) }
            for entry in transactions.entries { publish(Self.transactionEvent(entry.element)) }
            messageCursor = messages.lastSequenceNumber
            transactionCursor = transactions.lastSequenceNumber
        }
        let dropped = UInt64(statistics.droppedUnparsable + statistics.droppedOversized)
        state.withLock { s in
            s.messageCursor = messageCursor
            s.transactionCursor = transactionCursor
            s.lastStatistics = statistics
            s.counters.requestsReceived += counters.requestsReceived
            s.counters.responsesSent1xx += counters.responsesSent1xx
            s.counters.responsesSent2xx += counters.responsesSent2xx
            s.counters.responsesSent3xx += counters.responsesSent3xx
            s.counters.responsesSent4xx += counters.responsesSent4xx
            s.counters.responsesSent5xx += counters.responsesSent5xx
            s.counters.responsesSent6xx += counters.responsesSent6xx
            s.counters.messagesDropped = dropped
            let rate = Double(counters.requestsReceived) / max(seconds, 0.001)
            s.requestsPerSecond = s.requestsPerSecond * 0.8 + rate * 0.2
        }
    }

    static func messageEvent(_ m: MessageLogEntry) -> EngineEvent {
        let text = String(decoding: m.bytes, as: UTF8.self)
        // Cut at the first CR or LF byte: as Characters, "\r\n" is one grapheme that equals
        // neither "\r" nor "\n", so a Character scan would run past the start line.
        let lineEnd = m.bytes.firstIndex { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") } ?? m.bytes.endIndex
        let firstLine = String(decoding: m.bytes[..<lineEnd], as: UTF8.self)
        var what = firstLine
        if firstLine.hasPrefix("SIP/2.0 ") { what = String(firstLine.dropFirst(8)) } else if let sp = firstLine.firstIndex(of: " ") {
            what = String(firstLine[..<sp])
        }
        let parsed = try? SipMessage.parse(m.bytes)
        let cseq = parsed?[.cSeq].map { "\($0.sequence) \($0.method.name)" }
        let ms = Int64(m.time.components.seconds) * 1000 + Int64(m.time.components.attoseconds / 1_000_000_000_000_000)
        let dir = m.direction == .inbound ? "in" : "out"
        return EngineEvent(time: ms, kind: .message,
                           summary: "\(dir) \(m.transport) \(m.remote.compactDescription) \(firstLine)",
                           direction: dir, transport: m.transport.rawValue, peer: m.remote.compactDescription,
                           what: what, callID: parsed?[.callID], cseq: cseq, raw: text)
    }

    static func transactionEvent(_ t: TransactionEvent) -> EngineEvent {
        EngineEvent(time: WallClock.milliseconds(), kind: .transaction,
                    summary: "\(t.role.rawValue) \(t.key.method.name) \(t.state.rawValue)",
                    what: t.key.method.name, callID: t.callID, state: t.state.rawValue)
    }

    /// The counters and rate so far.
    public var counters: (EngineCounters, Double, [String]) {
        state.withLock { ($0.counters, $0.requestsPerSecond, $0.problems) }
    }
}
