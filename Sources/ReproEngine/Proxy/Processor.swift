/// What a processor decided (repro's `Processor::processor_action_t`).
public enum ProcessorResult: String, Sendable, Equatable, Codable {
    /// Go on with the next processor.
    case `continue`
    /// Wait for an asynchronous result (a store lookup); the chain resumes at this same
    /// processor when `RequestContext.resume()` is called.
    case waitingForEvent
    /// Stop this chain and go on with the next chain.
    case skipThisChain
    /// Stop all chains: the processor has answered the request (or dropped it).
    case skipAllChains
}

/// The three chains a request passes through (repro's monkeys, baboons and lemurs).
public enum ChainKind: String, Sendable, CaseIterable, Codable {
    /// Request processors ("monkeys"): decide, add targets or respond.
    case request
    /// Target processors ("baboons"): order and start targets.
    case target
    /// Response processors ("lemurs"): act on responses.
    case response

    /// repro's nickname for the chain, shown in the console.
    public var alias: String {
        switch self {
        case .request: return "monkeys"
        case .target: return "baboons"
        case .response: return "lemurs"
        }
    }
}

/// One small step of request handling (RFC 3261 §16 as repro divides it).
///
/// `process` runs on the event loop of the request's transaction and must not
/// block; work that waits returns `.waitingForEvent` and resumes the context later.
public protocol Processor: AnyObject, Sendable {
    /// The name shown in chain traces.
    var name: String { get }
    func process(_ context: RequestContext) -> ProcessorResult
}
