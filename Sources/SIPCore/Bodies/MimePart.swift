/// One body part of a multipart body (RFC 2046 §5.1): its MIME headers in order and its
/// contents, typed by the part's Content-Type.
public struct MimePart: Sendable, Hashable {
    /// One `Name: value` MIME header of a part (RFC 2045 §3); folded lines are joined.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The part's headers in order: Content-Type, Content-ID, Content-Disposition, …
    public var headers: [Header]
    /// The part's body. Setting it rewrites the part's Content-Type to match.
    public var contents: Contents {
        didSet { syncContentType() }
    }

    /// A part holding `contents`; a Content-Type header is added first from the contents'
    /// media type unless `headers` has one.
    public init(contents: Contents, headers: [Header] = []) {
        self.headers = headers
        self.contents = contents
        if header(named: "Content-Type") == nil, let t = contents.mediaType {
            self.headers.insert(Header("Content-Type", t.headerText), at: 0)
        }
    }

    init(parsedHeaders: [Header], contents: Contents) {
        headers = parsedHeaders
        self.contents = contents
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(named name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Replaces the headers named `name` with one holding `value`; nil removes them.
    public mutating func setHeader(named name: String, _ value: String?) {
        let at = headers.firstIndex { $0.name.caseInsensitiveEquals(name) }
        headers.removeAll { $0.name.caseInsensitiveEquals(name) }
        guard let value else { return }
        headers.insert(Header(name, value), at: min(at ?? headers.count, headers.count))
    }

    /// The part's Content-Type, nil when absent or malformed (RFC 2045 §5.2 then means text/plain).
    public var contentType: MediaType? {
        header(named: "Content-Type").flatMap { try? MediaType($0) }
    }

    /// Content-ID (RFC 2045 §7), e.g. `<part1@example.com>`.
    public var contentID: String? { header(named: "Content-ID") }

    /// Content-Disposition as written (RFC 2183; RFC 3261 §20.11), e.g. `session;handling=required`.
    public var contentDisposition: String? { header(named: "Content-Disposition") }

    private mutating func syncContentType() {
        setHeader(named: "Content-Type", contents.mediaType?.headerText)
    }
}
