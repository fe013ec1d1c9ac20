/// A session description (RFC 4566): the body of `application/sdp`.
///
/// Parsing accepts CRLF or LF line ends and keeps every line: the known ones typed,
/// the others (`z=`, `k=`, and types this model does not know) in order as raw lines.
/// Writing uses CRLF and RFC 4566 §5's order: v o s i u e p c b t r, other lines, a, then media.
public struct SdpContents: Sendable, Hashable, CustomStringConvertible {
    /// `v=` (RFC 4566 §5.1): 0.
    public var version: Int
    /// `o=` (RFC 4566 §5.2).
    public var origin: Origin
    /// `s=` (RFC 4566 §5.3); "-" or " " when the session has no name.
    public var sessionName: String
    /// `i=` (RFC 4566 §5.4).
    public var information: String?
    /// `u=` (RFC 4566 §5.5).
    public var uri: String?
    /// `e=` lines (RFC 4566 §5.6).
    public var emails: [String]
    /// `p=` lines (RFC 4566 §5.6).
    public var phones: [String]
    /// The session-level `c=` (RFC 4566 §5.7); media may have their own.
    public var connection: Connection?
    /// Session-level `b=` lines (RFC 4566 §5.8).
    public var bandwidths: [Bandwidth]
    /// `t=` lines, each with its `r=` lines (RFC 4566 §5.9, §5.10).
    public var timings: [Timing]
    /// Session-level lines of other types (`z=`, `k=`, unknown letters), in order.
    public var otherLines: [Line]
    /// Session-level `a=` lines in order (RFC 4566 §5.13).
    public var attributes: [Attribute]
    /// The media descriptions, in order (RFC 4566 §5.14).
    public var media: [SdpMedia]

    /// A session description with the required lines; add media and attributes after.
    public init(origin: Origin, sessionName: String = "-", connection: Connection? = nil,
                timings: [Timing] = [Timing(start: 0, stop: 0)], media: [SdpMedia] = []) {
        version = 0
        self.origin = origin
        self.sessionName = sessionName
        emails = []
        phones = []
        self.connection = connection
        bandwidths = []
        self.timings = timings
        otherLines = []
        attributes = []
        self.media = media
    }

    /// Parses a session description; throws `.badBody` naming the offending line.
    public init(_ bytes: [UInt8]) throws(SipParseError) {
        var parser = SdpParser(bytes)
        self = try parser.parse()
    }

    /// Parses a session description from text.
    public init(_ text: String) throws(SipParseError) {
        try self.init(Array(text.utf8))
    }

    // MARK: Helpers

    /// The first session-level attribute named `name` (case-sensitive, RFC 4566 §5.13).
    public func attribute(named name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }

    /// Every session-level attribute named `name`.
    public func attributes(named name: String) -> [Attribute] {
        attributes.filter { $0.name == name }
    }

    /// The session-level direction attribute (RFC 3264 §5.1), nil when none is given.
    /// Setting replaces any direction attribute; nil removes them.
    public var direction: SdpDirection? {
        get { SdpDirection.find(in: attributes) }
        set { SdpDirection.replace(in: &attributes, with: newValue) }
    }

    /// The direction that applies to `media`: its own, else the session's, else sendrecv
    /// (RFC 3264 §5.1).
    public func effectiveDirection(of media: SdpMedia) -> SdpDirection {
        media.direction ?? direction ?? .sendrecv
    }

    /// The connection that applies to `media`: its own first `c=`, else the session's (RFC 4566 §5.7).
    public func effectiveConnection(of media: SdpMedia) -> Connection? {
        media.connection ?? connection
    }

    // MARK: Writing

    /// Writes the description with CRLF line ends.
    public func write(to out: inout [UInt8]) {
        Self.line("v", String(version), &out)
        Self.line("o", origin.text, &out)
        Self.line("s", sessionName, &out)
        if let information { Self.line("i", information, &out) }
        if let uri { Self.line("u", uri, &out) }
        for e in emails { Self.line("e", e, &out) }
        for p in phones { Self.line("p", p, &out) }
        if let connection { Self.line("c", connection.text, &out) }
        for b in bandwidths { Self.line("b", b.text, &out) }
        for t in timings {
            Self.line("t", "\(t.start) \(t.stop)", &out)
            for r in t.repeats { Self.line("r", r, &out) }
        }
        for l in otherLines { Self.line(l.type, l.value, &out) }
        for a in attributes { Self.line("a", a.text, &out) }
        for m in media { m.write(to: &out) }
    }

    /// The description as bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes `type=value` and CRLF; a line break inside `value` is dropped so the
    /// line structure cannot be broken from a field.
    static func line(_ type: Character, _ value: String, _ out: inout [UInt8]) {
        out.append(contentsOf: String(type).utf8)
        out.append(UInt8(ascii: "="))
        out.append(contentsOf: value.utf8.lazy.filter { $0 != 0x0d && $0 != 0x0a })
        out.append(0x0d)
        out.append(0x0a)
    }
}
