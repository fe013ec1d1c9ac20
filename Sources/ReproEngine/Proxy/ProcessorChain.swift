import NIOCore

/// An ordered list of processors that is itself a processor (repro's `ProcessorChain`).
///
/// The chain remembers, per request, where it stopped when a processor waited,
/// and resumes at that same processor. Each processor's result and time go into
/// the request's chain trace.
public final class ProcessorChain: Processor, @unchecked Sendable {
    public let name: String
    public let kind: ChainKind
    public let processors: [any Processor]

    public init(kind: ChainKind, processors: [any Processor]) {
        self.kind = kind
        self.name = "\(kind.rawValue) chain (\(kind.alias))"
        self.processors = processors
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        var index = context.resumeIndex[kind] ?? 0
        context.resumeIndex[kind] = nil
        while index < processors.count {
            let processor = processors[index]
            let started = NIODeadline.now()
            let targetsBefore = context.targets.count
            let result = processor.process(context)
            context.trace.recordProcessor(
                chain: kind, name: processor.name, result: result,
                elapsed: NIODeadline.now() - started,
                targetsAdded: context.targets.dropFirst(targetsBefore).map(\.uri.description),
                response: context.pendingResponseSummary, note: context.takeNote())
            switch result {
            case .continue:
                index += 1
            case .waitingForEvent:
                context.resumeIndex[kind] = index
                return .waitingForEvent
            case .skipThisChain:
                return .continue
            case .skipAllChains:
                return .skipAllChains
            }
        }
        return .continue
    }
}
