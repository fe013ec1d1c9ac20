import ReproStore
import SIPCore

/// Every matching static route becomes a target, then the request chain stops
/// (repro's StaticRoute). The route table is an immutable snapshot the engine
/// replaces when the store reports a change, so matching takes no store call.
public final class StaticRouteProcessor: Processor {
    public let name = "StaticRoute"
    let table: @Sendable () -> RouteTable?

    public init(table: @escaping @Sendable () -> RouteTable?) {
        self.table = table
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        guard let table = table(), let uri = context.request.requestURI else { return .continue }
        let event = context.request[.event]?.package
        let matches = table.matches(requestURI: uri.description, method: context.request.method.name, event: event)
        guard !matches.isEmpty else { return .continue }
        var added = 0
        for m in matches {
            guard let target = try? URI(m.target) else {
                context.note("route \(m.route.id) rewrote to an invalid URI: \(m.target)")
                continue
            }
            context.addTarget(Target(uri: target, origin: "static route \(m.route.id)"))
            added += 1
        }
        guard added > 0 else { return .continue }
        context.note("matched route(s) \(matches.map { String($0.route.id) }.joined(separator: ", "))")
        return .skipThisChain
    }
}
