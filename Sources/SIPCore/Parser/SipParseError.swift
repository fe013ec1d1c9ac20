/// A malformed SIP message or header value: what was wrong and where.
///
/// Thrown by every parser in SIPCore; never a trap. `offset` is the byte
/// position in the text that was being parsed (the whole message for message
/// errors, the header value for typed-header errors).
public struct SipParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem was found.
    public enum Kind: Sendable, Equatable {
        case emptyMessage
        case badStartLine
        case unsupportedVersion
        case badHeaderLine
        case missingHeader
        case badHeaderValue
        case badURI
        case badBody
        case messageTooLarge
        case tooManyHeaders
        case headerLineTooLong
        case bodyTooLarge
        case badContentLength
        case incompleteMessage
    }

    /// The kind of problem.
    public var kind: Kind
    /// The byte offset where the problem was found.
    public var offset: Int
    /// A short human-readable explanation, e.g. "Via: expected SIP/2.0/transport".
    public var detail: String
    /// The header the problem is in, when it is in one.
    public var header: String?
    /// For a request that failed to index: the lines needed to answer it with a 400.
    public var replyContext: ReplyContext?

    public init(_ kind: Kind, at offset: Int = 0, _ detail: String, header: String? = nil) {
        self.kind = kind
        self.offset = offset
        self.detail = detail
        self.header = header
    }

    public var description: String {
        if let header { return "\(header): \(detail) (at byte \(offset))" }
        return "\(detail) (at byte \(offset))"
    }

    /// The reason phrase for a 400 answering this error (RFC 3261 §21.4.1 lets the phrase say why).
    public var reasonPhrase: String {
        var text = header.map { "Bad \($0) header: \(detail)" } ?? "Bad Request: \(detail)"
        // A reason phrase cannot hold CR or LF; keep it to one short line.
        text = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.prefix(120))
        return text
    }
}
