/// The Event header (RFC 6665 §8.2.1, RFC 3265 §7.2.1): an event package with optional
/// dot-separated templates (`presence.winfo`) and parameters such as `id`.
public struct EventHeader: SipHeaderValue, Hashable, CustomStringConvertible {
    /// The whole event-type as written: `presence`, `presence.winfo`, `dialog`, `refer`.
    public var eventType: String
    /// The parameters: `id` and any others.
    public var parameters: Parameters

    public init(type eventType: String, id: String? = nil) {
        self.eventType = eventType
        parameters = Parameters()
        if let id { parameters["id"] = id }
    }

    /// Parses a whole value such as `presence.winfo;id=1`.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Event")
        self = try EventHeader.parse(&s)
        try s.expectEnd()
    }

    /// The event package: the event-type up to its first dot (RFC 6665 §8.2.1).
    public var package: String {
        String(eventType.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The event templates after the package (RFC 6665 §8.2.1), e.g. `["winfo"]`.
    public var templates: [String] {
        eventType.split(separator: ".", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }

    /// The `id` parameter that tells subscriptions in one dialog apart (RFC 6665 §8.2.1).
    public var id: String? {
        get { parameters["id"] }
        set { parameters["id"] = newValue }
    }

    /// event-type = event-package *( "." event-template ), each a token without dots.
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> EventHeader {
        s.skipWhitespace()
        let type = try s.expectToken("an event type")
        // A dot at either end or two in a row leaves an empty package or template.
        guard !type.hasPrefix("."), !type.hasSuffix("."), !type.contains("..") else {
            throw s.error("empty event package or template in '\(type)'")
        }
        var e = EventHeader(type: type)
        e.parameters = try Parameters.parse(&s)
        return e
    }

    public func write(to out: inout [UInt8]) {
        out.append(contentsOf: eventType.utf8)
        parameters.write(to: &out)
    }

    public var description: String { headerText }
}
