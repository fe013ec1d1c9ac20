/// A media type: the value of Content-Type (RFC 3261 §20.15, RFC 2045 §5.1),
/// such as `application/sdp` or `multipart/mixed;boundary="b1"`.
///
/// Type and subtype compare case-insensitively (RFC 2045 §5.1); parameters
/// keep their order and quoting.
public struct MediaType: SipHeaderValue, Hashable, CustomStringConvertible {
    /// The top-level type, e.g. `application`, `multipart`.
    public var type: String
    /// The subtype, e.g. `sdp`, `mixed`.
    public var subtype: String
    /// The parameters: `boundary`, `charset`, `type`, …
    public var parameters: Parameters

    public init(type: String, subtype: String, parameters: Parameters = Parameters()) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Parses a whole Content-Type value such as `text/plain;charset=UTF-8`.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Content-Type")
        self = try MediaType.parse(&s)
        try s.expectEnd()
    }

    /// `application/sdp` (RFC 4566 §8.2.1).
    public static var sdp: MediaType { MediaType(type: "application", subtype: "sdp") }

    /// `multipart/<subtype>;boundary="<boundary>"` (RFC 2046 §5.1.1).
    public static func multipart(_ subtype: String = "mixed", boundary: String) -> MediaType {
        var m = MediaType(type: "multipart", subtype: subtype)
        m.boundary = boundary
        return m
    }

    /// Whether this is `type/subtype`, ignoring case.
    public func matches(type: String, subtype: String) -> Bool {
        self.type.caseInsensitiveEquals(type) && self.subtype.caseInsensitiveEquals(subtype)
    }

    /// Whether this is `application/sdp`.
    public var isSDP: Bool { matches(type: "application", subtype: "sdp") }

    /// Whether the top-level type is `multipart` (RFC 2046 §5.1).
    public var isMultipart: Bool { type.caseInsensitiveEquals("multipart") }

    /// The `boundary` parameter of a multipart type (RFC 2046 §5.1.1).
    /// Set, it is quoted when it holds characters a token cannot.
    public var boundary: String? {
        get { parameters["boundary"] }
        set { setMaybeQuoted("boundary", newValue) }
    }

    /// The `charset` parameter (RFC 2046 §4.1.2).
    public var charset: String? {
        get { parameters["charset"] }
        set { setMaybeQuoted("charset", newValue) }
    }

    private mutating func setMaybeQuoted(_ name: String, _ value: String?) {
        guard let value else {
            parameters.remove(name)
            return
        }
        let isToken = !value.isEmpty && value.utf8.allSatisfy(CharacterClass.isToken)
        parameters.set(name, value, quoted: !isToken)
    }

    // MARK: Parsing and writing

    /// media-type = m-type SLASH m-subtype *(SEMI m-parameter) (RFC 3261 §25.1).
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> MediaType {
        s.skipWhitespace()
        let type = try s.expectToken("a media type")
        try s.expect(UInt8(ascii: "/"), "'/' after the media type")
        let subtype = try s.expectToken("a media subtype")
        return MediaType(type: type, subtype: subtype, parameters: try Parameters.parse(&s))
    }

    public func write(to out: inout [UInt8]) {
        out.append(contentsOf: type.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: subtype.utf8)
        parameters.write(to: &out)
    }

    public var description: String { headerText }

    // MARK: Equality

    /// Equal when type and subtype match ignoring case and the parameters are equal.
    public static func == (a: MediaType, b: MediaType) -> Bool {
        a.matches(type: b.type, subtype: b.subtype) && a.parameters == b.parameters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type.lowercased())
        hasher.combine(subtype.lowercased())
        hasher.combine(parameters)
    }
}
