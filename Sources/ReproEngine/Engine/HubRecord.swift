/// One entry of the event hub's ring: an event ready to read, or a location change or
/// chain trace kept as it was published and described only when a reader asks for it
/// (a registration storm must not format text).
///
/// The two large payloads are boxed (`indirect`), so that a record is a few words and a
/// location change — one per REGISTER — moves two words in and out of the ring rather
/// than the size of the largest case (an `EngineEvent` is about 200 bytes).
enum HubRecord: Sendable {
    indirect case ready(EngineEvent)
    case location(LocationChange, time: Int64)
    indirect case trace(ChainTrace, time: Int64)

    /// The record as the console and the control API show it.
    var event: EngineEvent {
        switch self {
        case .ready(let e):
            return e
        case .location(let change, let time):
            let (what, b): (String, Binding)
            switch change.event {
            case .added(let x): (what, b) = ("added", x)
            case .refreshed(let x): (what, b) = ("refreshed", x)
            case .removed(let x): (what, b) = ("removed", x)
            case .expired(let x): (what, b) = ("expired", x)
            }
            return EngineEvent(time: time, kind: .registration, summary: "\(what) \(b.aor) → \(b.contact.uri)",
                               direction: what, transport: b.source?.transport.rawValue,
                               peer: b.source?.remote.compactDescription, callID: b.callID)
        case .trace(let trace, let time):
            let final = trace.finalCode.map { "\($0) \(trace.finalReason ?? "")" } ?? "no final response"
            return EngineEvent(time: time, kind: .trace, summary: "\(trace.method) \(trace.requestURI) → \(final)",
                               what: trace.method, callID: trace.callID, traceID: trace.id)
        }
    }
}
