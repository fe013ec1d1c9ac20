/// Starts every candidate target at once (repro's SimpleTargetHandler): a parallel fork.
public final class SimpleTargetHandler: Processor {
    public let name = "SimpleTargetHandler"

    public init() {}

    public func process(_ context: RequestContext) -> ProcessorResult {
        let candidates = context.targets.filter { $0.status == .candidate }
        guard !candidates.isEmpty else { return .continue }
        context.serialQueue = [candidates]
        context.note(candidates.count == 1 ? "one target" : "parallel fork to \(candidates.count) targets")
        return .continue
    }
}
