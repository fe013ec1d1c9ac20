/// A multipart MIME body (RFC 2046 §5.1): `multipart/mixed`, `multipart/alternative`,
/// `multipart/related`, … Parts are separated by the boundary from the Content-Type;
/// the preamble and epilogue are ignored. Nested multiparts are read to a depth of
/// `maxDepth`, so no body can make the parser recurse without bound.
public struct MultipartContents: Sendable, Hashable {
    /// The multipart media type with its `boundary` (and e.g. `type` for related).
    public var mediaType: MediaType
    /// The body parts in order.
    public var parts: [MimePart]

    /// How deeply multiparts may nest.
    public static let maxDepth = 8

    /// A multipart body of `subtype` whose parts are separated by `boundary`.
    public init(subtype: String = "mixed", boundary: String, parts: [MimePart] = []) {
        mediaType = .multipart(subtype, boundary: boundary)
        self.parts = parts
    }

    /// Parses `bytes` as the body of `mediaType`, which must carry a boundary.
    public init(_ bytes: [UInt8], mediaType: MediaType) throws(SipParseError) {
        try self.init(bytes, mediaType: mediaType, depth: 0)
    }

    init(_ bytes: [UInt8], mediaType: MediaType, depth: Int) throws(SipParseError) {
        guard depth < Self.maxDepth else {
            throw SipParseError(.badBody, "multipart nested more than \(Self.maxDepth) deep")
        }
        guard let boundary = mediaType.boundary, !boundary.isEmpty else {
            throw SipParseError(.badBody, "multipart Content-Type has no boundary parameter")
        }
        self.mediaType = mediaType
        var parser = MultipartParser(bytes: bytes, boundary: boundary, depth: depth)
        parts = try parser.parse()
    }

    /// The boundary (RFC 2046 §5.1.1); "" if the media type lacks one.
    public var boundary: String {
        get { mediaType.boundary ?? "" }
        set { mediaType.boundary = newValue }
    }

    /// Writes the parts, each introduced by `--boundary`, and the close delimiter, with CRLF.
    public func write(to out: inout [UInt8]) {
        let delimiter = Array("--\(boundary)".utf8)
        for p in parts {
            out.append(contentsOf: delimiter)
            out.append(contentsOf: [0x0d, 0x0a])
            for h in p.headers {
                out.append(contentsOf: h.name.utf8)
                out.append(contentsOf: ": ".utf8)
                out.append(contentsOf: h.value.utf8.lazy.filter { $0 != 0x0d && $0 != 0x0a })
                out.append(contentsOf: [0x0d, 0x0a])
            }
            out.append(contentsOf: [0x0d, 0x0a])
            out.append(contentsOf: p.contents.bytes)
            // RFC 2046 §5.1.1: the CRLF before a delimiter belongs to the delimiter.
            out.append(contentsOf: [0x0d, 0x0a])
        }
        out.append(contentsOf: delimiter)
        out.append(contentsOf: "--\r\n".utf8)
    }

    /// The body as bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }
}
