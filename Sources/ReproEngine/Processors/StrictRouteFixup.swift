import SIPCore

/// Undoes a strict router's rewrite (RFC 3261 §16.4): when the Request-URI is a
/// URI we put in a Record-Route, the real Request-URI is the last Route.
public final class StrictRouteFixup: Processor {
    public let name = "StrictRouteFixup"
    let isOurRoute: @Sendable (URI) -> Bool

    public init(isOurRoute: @escaping @Sendable (URI) -> Bool) {
        self.isOurRoute = isOurRoute
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        if Self.fixup(context.request, isOurRoute: isOurRoute) {
            context.note("previous hop was a strict router: Request-URI restored from the last Route")
        }
        return .continue
    }

    /// Applies the fixup; says whether it changed the request.
    static func fixup(_ request: SipMessage, isOurRoute: (URI) -> Bool) -> Bool {
        guard let uri = request.requestURI, isOurRoute(uri), uri.sipURI?.user == nil,
              let last = request.back(.routes)
        else { return false }
        request.popBack(.routes)
        request.requestURI = last.uri
        return true
    }
}
