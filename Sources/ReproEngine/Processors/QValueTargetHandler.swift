import SIPCore

/// Orders targets by q-value (RFC 3261 §16.6, repro's QValueTargetHandler): targets
/// with equal q ring in parallel, groups of distinct q one after the other, highest first.
public final class QValueTargetHandler: Processor {
    public let name = "QValueTargetHandler"

    public init() {}

    public func process(_ context: RequestContext) -> ProcessorResult {
        let candidates = context.targets.filter { $0.status == .candidate }
        guard candidates.count > 1 else { return .continue }
        let qs = Set(candidates.map(\.q))
        guard qs.count > 1 else { return .continue }  // one q: SimpleTargetHandler rings them together
        let groups = qs.sorted(by: >).map { q in candidates.filter { $0.q == q } }
        context.serialQueue = groups
        context.note("serial fork over \(groups.count) q groups: " + groups.map { g in
            "q=\(g[0].q) ×\(g.count)"
        }.joined(separator: " → "))
        return .skipThisChain
    }
}
