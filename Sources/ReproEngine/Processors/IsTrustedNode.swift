/// Marks requests from trusted sources (repro's IsTrustedNode): an ACL match skips
/// authentication and lets the source relay to foreign domains.
public final class IsTrustedNode: Processor {
    public let name = "IsTrustedNode"
    let trusted: TrustedNodes

    public init(trusted: TrustedNodes) {
        self.trusted = trusted
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        if trusted.isTrusted(context.source) {
            context.isTrusted = true
            context.note("\(context.source.remote.compactDescription) matches an ACL: trusted")
        }
        return .continue
    }
}
