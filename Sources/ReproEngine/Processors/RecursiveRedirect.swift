import SIPCore

/// Follows redirections (repro's RecursiveRedirect): the contacts of a 3xx become
/// new targets, at most `maxTargets` per request so a redirect loop cannot run away.
public final class RecursiveRedirect: Processor {
    public let name = "RecursiveRedirect"
    let maxTargets: Int

    public init(maxTargets: Int = 16) {
        self.maxTargets = maxTargets
    }

    public func process(_ context: RequestContext) -> ProcessorResult {
        guard let response = context.slots[Proxy.currentResponseSlot] as? SipMessage,
              (300...399).contains(response.statusCode)
        else { return .continue }
        let known = Set(context.targets.map(\.uri))
        var added = 0
        for contact in response[.contacts] where !contact.isWildcard && !known.contains(contact.uri) {
            guard context.targets.count < maxTargets else { break }
            context.addTarget(Target(uri: contact.uri, q: contact.q ?? .one, origin: "redirect \(response.statusCode)"))
            added += 1
        }
        if added > 0 { context.note("\(response.statusCode): \(added) contact(s) become targets") }
        return .continue
    }
}
