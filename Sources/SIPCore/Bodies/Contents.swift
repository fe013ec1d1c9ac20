/// A message or MIME part body in typed form, chosen by its Content-Type:
/// `application/sdp` → `.sdp`, `multipart/*` → `.multipart`, anything else → `.opaque`.
public enum Contents: Sendable, Hashable {
    /// A session description (RFC 4566).
    case sdp(SdpContents)
    /// A multipart MIME body (RFC 2046 §5.1).
    case multipart(MultipartContents)
    /// A body SIPCore does not interpret, with its media type when one was given.
    case opaque(mediaType: MediaType?, bytes: [UInt8])
    /// No body.
    case empty

    /// Types `bytes` by `mediaType`; throws `.badBody` when an SDP or multipart body is malformed.
    public init(bytes: [UInt8], mediaType: MediaType?) throws(SipParseError) {
        self = try Contents.parse(bytes, mediaType: mediaType, depth: 0)
    }

    static func parse(_ bytes: [UInt8], mediaType: MediaType?, depth: Int) throws(SipParseError) -> Contents {
        if bytes.isEmpty { return .empty }
        guard let mediaType else { return .opaque(mediaType: nil, bytes: bytes) }
        if mediaType.isSDP { return .sdp(try SdpContents(bytes)) }
        if mediaType.isMultipart {
            return .multipart(try MultipartContents(bytes, mediaType: mediaType, depth: depth))
        }
        return .opaque(mediaType: mediaType, bytes: bytes)
    }

    /// The media type to put in Content-Type; nil for `.empty` and an untyped opaque body.
    public var mediaType: MediaType? {
        switch self {
        case .sdp: return .sdp
        case .multipart(let m): return m.mediaType
        case .opaque(let t, _): return t
        case .empty: return nil
        }
    }

    /// The body bytes: SDP and multipart written canonically (CRLF), opaque bytes as they are.
    public var bytes: [UInt8] {
        switch self {
        case .sdp(let s): return s.bytes
        case .multipart(let m): return m.bytes
        case .opaque(_, let b): return b
        case .empty: return []
        }
    }

    /// The session description, when this is one.
    public var sdp: SdpContents? {
        if case .sdp(let s) = self { return s }
        return nil
    }

    /// The multipart body, when this is one.
    public var multipart: MultipartContents? {
        if case .multipart(let m) = self { return m }
        return nil
    }

    /// The first session description in the body: the body itself, or the first SDP part
    /// of a multipart body searched depth first (RFC 5621 §3 bodies carry SDP this way).
    public var firstSDP: SdpContents? {
        switch self {
        case .sdp(let s): return s
        case .multipart(let m):
            for p in m.parts { if let s = p.contents.firstSDP { return s } }
            return nil
        case .opaque, .empty: return nil
        }
    }
}
