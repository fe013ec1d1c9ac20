/// One entry of the event hub's ring: an event ready to read, or a location event kept
/// as it was published and described only when a reader asks for it.
enum HubRecord: Sendable {
    case ready(EngineEvent)
    case location(PublishedLocationEvent)
    case trace(PublishedTrace)

    var event: EngineEvent {
        switch self {
        case .ready(let e): return e
        case .location(let l): return l.engineEvent
        case .trace(let t): return t.engineEvent
        }
    }
}

/// A finished chain trace and when it was published, described only when read.
final class PublishedTrace: Sendable {
    let trace: ChainTrace
    let time: Int64

    init(_ trace: ChainTrace, time: Int64) {
        self.trace = trace
        self.time = time
    }

    var engineEvent: EngineEvent {
        let final = trace.finalCode.map { "\($0) \(trace.finalReason ?? "")" } ?? "no final response"
        return EngineEvent(time: time, kind: .trace, summary: "\(trace.method) \(trace.requestURI) → \(final)",
                           what: trace.method, callID: trace.callID, traceID: trace.id)
    }
}

/// A location change and when it happened; a class, so the ring holds one reference.
final class PublishedLocationEvent: Sendable {
    let change: LocationChange?
    let published: LocationEvent?
    let time: Int64

    init(_ change: LocationChange, time: Int64) {
        self.change = change
        self.published = nil
        self.time = time
    }

    init(_ event: LocationEvent, time: Int64) {
        self.change = nil
        self.published = event
        self.time = time
    }

    /// The event as the console and the control API show it.
    var engineEvent: EngineEvent {
        let (what, b): (String, Binding)
        switch published ?? change!.event {
        case .added(let x): (what, b) = ("added", x)
        case .refreshed(let x): (what, b) = ("refreshed", x)
        case .removed(let x): (what, b) = ("removed", x)
        case .expired(let x): (what, b) = ("expired", x)
        }
        return EngineEvent(time: time, kind: .registration, summary: "\(what) \(b.aor) → \(b.contact.uri)",
                           direction: what, transport: b.source?.transport.rawValue,
                           peer: b.source?.remote.compactDescription, callID: b.callID)
    }
}
