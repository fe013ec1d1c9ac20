/// A SIP request or response (RFC 3261 §7).
///
/// Parsing builds an index over the received bytes; headers are typed on first
/// read and cached, and untouched parts are written back byte for byte.
///
/// A message has one owner at a time: reads fill a cache, so a message must not
/// be read from two threads at once. Hand it over (e.g. to another event loop)
/// rather than share it; `copy()` is cheap (copy-on-write storage).
public final class SipMessage: @unchecked Sendable, CustomStringConvertible {
    /// The received bytes the index points into (empty for a message built in code).
    @usableFromInline var bytes: [UInt8]
    public let isRequest: Bool
    var storedMethod: SipMethod
    var uriRange: Range<Int>
    var cachedURI: URI?
    var storedStatusCode: Int
    var reasonRange: Range<Int>
    var storedReason: String?
    /// The bytes of the start line including its line break.
    var startLineRange: Range<Int>
    var startLineModified = false
    @usableFromInline var fields: [HeaderField]
    /// What the fields refer to (cached objects, encodings, names), at their `slot`s;
    /// empty until a line is typed or changed (see SipMessage+FieldReferences).
    @usableFromInline var fieldReferences: [HeaderField.References] = []
    var bodyRange: Range<Int>
    var replacedBody: [UInt8]?
    /// Whether anything differs from `bytes` (so serialization must rebuild).
    @usableFromInline var isDirty = false

    init(bytes: [UInt8], isRequest: Bool, method: SipMethod, uriRange: Range<Int>, statusCode: Int,
         reasonRange: Range<Int>, startLineRange: Range<Int>, fields: [HeaderField], bodyRange: Range<Int>) {
        self.bytes = bytes
        self.isRequest = isRequest
        self.storedMethod = method
        self.uriRange = uriRange
        self.storedStatusCode = statusCode
        self.reasonRange = reasonRange
        self.startLineRange = startLineRange
        self.fields = fields
        self.bodyRange = bodyRange
    }

    /// A new request with no headers.
    public init(method: SipMethod, uri: URI) {
        bytes = []
        isRequest = true
        storedMethod = method
        uriRange = 0..<0
        cachedURI = uri
        storedStatusCode = 0
        reasonRange = 0..<0
        startLineRange = 0..<0
        startLineModified = true
        fields = []
        bodyRange = 0..<0
        replacedBody = []
        isDirty = true
    }

    /// A new response with no headers.
    public init(statusCode: Int, reason: String? = nil) {
        bytes = []
        isRequest = false
        storedMethod = SipMethod("")
        uriRange = 0..<0
        storedStatusCode = statusCode
        storedReason = reason ?? ReasonPhrase.standard(for: statusCode)
        reasonRange = 0..<0
        startLineRange = 0..<0
        startLineModified = true
        fields = []
        bodyRange = 0..<0
        replacedBody = []
        isDirty = true
    }

    /// Parses a message from bytes (a datagram, or one message framed from a stream).
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) throws(SipParseError) -> SipMessage {
        try MessageParser(limits: limits).parse(bytes)
    }

    /// Parses a message from text.
    public static func parse(_ text: String, limits: ParseLimits = .default) throws(SipParseError) -> SipMessage {
        try parse(Array(text.utf8), limits: limits)
    }

    /// An independent copy; storage is shared until either side changes.
    public func copy() -> SipMessage {
        let m = SipMessage(bytes: bytes, isRequest: isRequest, method: storedMethod, uriRange: uriRange,
                           statusCode: storedStatusCode, reasonRange: reasonRange,
                           startLineRange: startLineRange, fields: fields, bodyRange: bodyRange)
        m.fieldReferences = fieldReferences
        m.cachedURI = cachedURI
        m.storedReason = storedReason
        m.startLineModified = startLineModified
        m.replacedBody = replacedBody
        m.isDirty = isDirty
        return m
    }

    // MARK: Start line

    public var isResponse: Bool { !isRequest }

    /// The request's method; for a response, the method of its CSeq.
    public var method: SipMethod {
        if isRequest { return storedMethod }
        return self[.cSeq]?.method ?? SipMethod("")
    }

    /// The Request-URI, parsed on first access; nil for a response or a malformed URI.
    public var requestURI: URI? {
        get { try? parsedRequestURI() }
        set {
            guard isRequest, let newValue else { return }
            cachedURI = newValue
            startLineModified = true
            isDirty = true
        }
    }

    /// The Request-URI, or the error that makes it unreadable.
    public func parsedRequestURI() throws(SipParseError) -> URI {
        if let cachedURI { return cachedURI }
        guard isRequest else { throw SipParseError(.badStartLine, "a response has no Request-URI") }
        var s = ByteScanner(bytes, range: uriRange, header: "Request-URI")
        let uri = try URI.parse(&s, end: uriRange.upperBound)
        try s.expectEnd(kind: .badURI)
        cachedURI = uri
        return uri
    }

    /// The response's status code (0 for a request).
    public var statusCode: Int {
        get { storedStatusCode }
        set {
            storedStatusCode = newValue
            startLineModified = true
            isDirty = true
        }
    }

    /// The response's reason phrase.
    public var reasonPhrase: String {
        get {
            if let storedReason { return storedReason }
            return String(decoding: bytes[reasonRange], as: UTF8.self)
        }
        set {
            storedReason = newValue
            startLineModified = true
            isDirty = true
        }
    }

    /// The start line in its typed form.
    public var startLine: StartLine? {
        if isRequest {
            guard let uri = requestURI else { return nil }
            return .request(method: storedMethod, uri: uri)
        }
        return .response(code: storedStatusCode, reason: reasonPhrase)
    }

    // MARK: Body

    /// The body bytes. Setting it makes the serializer recompute Content-Length.
    public var body: [UInt8] {
        get { replacedBody ?? Array(bytes[bodyRange]) }
        set {
            replacedBody = newValue
            isDirty = true
            self[.contentLength] = newValue.count
        }
    }

    /// The number of bytes in the body.
    public var bodyCount: Int { replacedBody?.count ?? bodyRange.count }

    // MARK: Description

    /// A one-line summary for logs: method or status, Call-ID and CSeq.
    public var brief: String {
        let first = isRequest ? "\(storedMethod.name) \(requestURI.map(\.description) ?? "?")"
                              : "\(storedStatusCode) \(reasonPhrase)"
        let cseq = self[.cSeq].map { "\($0.sequence) \($0.method.name)" } ?? "?"
        return "\(first) call-id=\(self[.callID] ?? "?") cseq=\(cseq)"
    }

    /// The whole message as text.
    public var description: String { String(decoding: serialize(), as: UTF8.self) }
}
