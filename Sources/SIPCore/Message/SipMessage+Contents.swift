/// The body in typed form: `msg.contents` (SDP, multipart MIME, or opaque bytes).
extension SipMessage {
    /// The body typed by Content-Type. A malformed body or Content-Type reads as `.opaque`
    /// with the body bytes; `parsedContents()` says what is wrong instead.
    /// The body is parsed on each read, so keep the value rather than read it twice.
    ///
    /// Setting writes the body (Content-Length follows) and sets Content-Type to the
    /// contents' media type, or removes it for `.empty` and an untyped opaque body.
    public var contents: Contents {
        get {
            if let c = try? parsedContents() { return c }
            return .opaque(mediaType: self[.contentType], bytes: body)
        }
        set {
            body = newValue.bytes
            self[.contentType] = newValue.mediaType
        }
    }

    /// The body typed by Content-Type, or the error that makes it unreadable:
    /// a malformed Content-Type (`.badHeaderValue`) or body (`.badBody`).
    public func parsedContents() throws(SipParseError) -> Contents {
        let bytes = body
        if bytes.isEmpty { return .empty }
        let type: MediaType? = exists(.contentType) ? try get(.contentType) : nil
        return try Contents(bytes: bytes, mediaType: type)
    }
}
