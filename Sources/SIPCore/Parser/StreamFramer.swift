/// Splits a byte stream (TCP, TLS) into SIP messages (RFC 3261 §18.3) and
/// keep-alives (RFC 5626 §3.5.1: a CRLFCRLF ping, a CRLF pong).
///
/// On a stream every message must carry Content-Length; a missing or bad one,
/// or headers longer than the message limit, is an error after which the
/// stream cannot be resynchronised and should be closed.
public struct StreamFramer: Sendable {
    /// One unit taken from the stream.
    public enum Item: Sendable, Equatable {
        /// The bytes of one whole message, ready for `SipMessage.parse`.
        case message([UInt8])
        /// A CRLFCRLF keep-alive ping, to be answered with a CRLF pong.
        case ping
        /// A lone CRLF (a pong, or stray line break between messages).
        case pong
    }

    public let limits: ParseLimits
    private var buffer: [UInt8] = []
    private var start = 0

    public init(limits: ParseLimits = .default) { self.limits = limits }

    /// The number of buffered bytes not yet framed.
    public var bufferedCount: Int { buffer.count - start }

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete item, or nil when more bytes are needed.
    public mutating func next() throws(SipParseError) -> Item? {
        let available = buffer.count - start
        guard available > 0 else { return nil }
        if buffer[start] == 0x0d || buffer[start] == 0x0a {
            if available >= 4, buffer[start] == 0x0d, buffer[start + 1] == 0x0a,
               buffer[start + 2] == 0x0d, buffer[start + 3] == 0x0a {
                start += 4
                return .ping
            }
            if available >= 2, buffer[start] == 0x0d, buffer[start + 1] == 0x0a {
                // CRLF then something else than CR: a pong (or a stray line break).
                if available == 2 { return nil }  // could still become a ping
                if buffer[start + 2] != 0x0d {
                    start += 2
                    return .pong
                }
                if available == 3 { return nil }
                start += 2
                return .pong
            }
            if buffer[start] == 0x0a {
                start += 1
                return .pong
            }
            // A CR not followed by LF can start neither a keep-alive nor a message; waiting
            // for more bytes would stall the stream for good.
            if available >= 2 { throw SipParseError(.badStartLine, at: 0, "stray CR before a message") }
            return nil
        }
        guard let headerEnd = findHeaderEnd() else {
            if available > limits.maxMessageSize {
                throw SipParseError(.messageTooLarge, at: limits.maxMessageSize,
                                    "no end of headers within \(limits.maxMessageSize) bytes")
            }
            return nil
        }
        let length = try contentLength(in: start..<headerEnd)
        guard length <= limits.maxBodySize else {
            throw SipParseError(.bodyTooLarge, at: headerEnd - start, "body of \(length) bytes exceeds \(limits.maxBodySize)")
        }
        let end = headerEnd + length
        guard end - start <= limits.maxMessageSize else {
            throw SipParseError(.messageTooLarge, at: 0, "message exceeds \(limits.maxMessageSize) bytes")
        }
        guard end <= buffer.count else { return nil }
        let message = Array(buffer[start..<end])
        start = end
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        return .message(message)
    }

    /// The index just past the CRLFCRLF ending the headers.
    private func findHeaderEnd() -> Int? {
        var i = start
        let limit = min(buffer.count, start + limits.maxMessageSize + 4)
        while i + 3 < limit {
            if buffer[i + 3] == 0x0a {
                if buffer[i] == 0x0d, buffer[i + 1] == 0x0a, buffer[i + 2] == 0x0d { return i + 4 }
            }
            i += 1
        }
        return nil
    }

    /// The value of Content-Length (or `l`) in the header block. Error offsets count from its start.
    private func contentLength(in range: Range<Int>) throws(SipParseError) -> Int {
        var lineStart = range.lowerBound
        var found: Int?
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound, buffer[lineEnd] != 0x0a { lineEnd += 1 }
            // Take folded continuations with the line (RFC 3261 §7.3.1).
            while lineEnd + 1 < range.upperBound, buffer[lineEnd + 1] == 0x20 || buffer[lineEnd + 1] == 0x09 {
                lineEnd += 1
                while lineEnd < range.upperBound, buffer[lineEnd] != 0x0a { lineEnd += 1 }
            }
            if let colon = buffer[lineStart..<lineEnd].firstIndex(of: UInt8(ascii: ":")) {
                var nameEnd = colon
                while nameEnd > lineStart, buffer[nameEnd - 1] == 0x20 || buffer[nameEnd - 1] == 0x09 { nameEnd -= 1 }
                let name = buffer[lineStart..<nameEnd]
                if Self.isContentLength(name) {
                    var v = colon + 1
                    var e = lineEnd
                    while v < e, CharacterClass.isWhitespace(buffer[v]) { v += 1 }
                    while e > v, CharacterClass.isWhitespace(buffer[e - 1]) { e -= 1 }
                    guard v < e, e - v <= 9, buffer[v..<e].allSatisfy(CharacterClass.isDigit) else {
                        throw SipParseError(.badContentLength, at: v - range.lowerBound, "malformed Content-Length",
                                            header: "Content-Length")
                    }
                    var n = 0
                    for b in buffer[v..<e] { n = n * 10 + Int(b - 0x30) }
                    // Two different lengths would frame the body two ways (the parser rejects it too).
                    if let found, found != n {
                        throw SipParseError(.badContentLength, at: lineStart - range.lowerBound,
                                            "conflicting Content-Length values", header: "Content-Length")
                    }
                    found = n
                }
            }
            lineStart = lineEnd + 1
        }
        guard let found else {
            throw SipParseError(.badContentLength, at: 0,
                                "a message on a stream must carry Content-Length", header: "Content-Length")
        }
        return found
    }

    private static func isContentLength(_ name: ArraySlice<UInt8>) -> Bool {
        if name.count == 1 { return CharacterClass.lower(name[name.startIndex]) == UInt8(ascii: "l") }
        return name.count == 14 && zip(name, "content-length".utf8).allSatisfy { CharacterClass.lower($0) == $1 }
    }
}
