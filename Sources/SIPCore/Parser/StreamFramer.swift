#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// How far the headers of the message at `start` have been read: the next header line to
    /// look at, and the Content-Length found before it. Headers arriving in pieces are read
    /// once, not again from the message's start on every append.
    private var scanFrom = 0
    private var lengthSoFar: Int?

    public init(limits: ParseLimits = .default) { self.limits = limits }

    /// The number of buffered bytes not yet framed.
    public var bufferedCount: Int { buffer.count - start }

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            scanFrom = max(scanFrom - start, 0)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The first bytes (at most `maxCount`) of what is buffered and not framed: the start of
    /// the message that could not be framed, once `next()` threw.
    public func unframedPrefix(_ maxCount: Int) -> [UInt8] {
        Array(buffer[start..<min(buffer.count, start + maxCount)])
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
        guard let (headerEnd, length) = try readHeaders() else {
            if available > limits.maxMessageSize {
                throw SipParseError(.messageTooLarge, at: limits.maxMessageSize,
                                    "no end of headers within \(limits.maxMessageSize) bytes")
            }
            return nil
        }
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
        scanFrom = end
        lengthSoFar = nil
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanFrom = 0
        }
        return .message(message)
    }

    /// Reads the header lines of the message at `start` from `scanFrom` on (RFC 3261 §7.3.1,
    /// folded lines taken with the line they continue): the index just past the empty line
    /// that ends them, and the message's Content-Length; nil while they have not all arrived.
    private mutating func readHeaders() throws(SipParseError) -> (headerEnd: Int, length: Int)? {
        let end = min(buffer.count, start + limits.maxMessageSize + 4)
        var line = max(scanFrom, start)
        while line < end {
            // An empty line (CRLF, or a bare LF) ends the headers.
            if buffer[line] == 0x0a || buffer[line] == 0x0d {
                if buffer[line] == 0x0d && line + 1 == end { return nil }
                if buffer[line] == 0x0a || buffer[line + 1] == 0x0a {
                    guard let length = lengthSoFar else {
                        throw SipParseError(.badContentLength, at: 0,
                                            "a message on a stream must carry Content-Length", header: "Content-Length")
                    }
                    return (line + (buffer[line] == 0x0a ? 1 : 2), length)
                }
            }
            // The line ends at a line feed not followed by white space (which would fold the
            // next line into it); until the byte after a line feed arrives, that is unknown.
            var from = line
            var lineEnd: Int?
            while let lf = lineFeed(from: from, to: end), lf + 1 < end {
                if buffer[lf + 1] == 0x20 || buffer[lf + 1] == 0x09 {
                    from = lf + 1
                } else {
                    lineEnd = lf
                    break
                }
            }
            guard let lineEnd else { return nil }
            let first = CharacterClass.lower(buffer[line])
            if first == UInt8(ascii: "c") || first == UInt8(ascii: "l") { try readContentLength(line..<lineEnd) }
            line = lineEnd + 1
            scanFrom = line
        }
        return nil
    }

    /// The index of the first line feed in `from..<to`.
    private func lineFeed(from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        return buffer.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress, let p = memchr(base + from, 0x0a, to - from) else { return nil }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Notes the Content-Length (or `l`) of the header line `line`, if it is one. Error offsets
    /// count from the message's start.
    private mutating func readContentLength(_ line: Range<Int>) throws(SipParseError) {
        guard let colon = buffer[line].firstIndex(of: UInt8(ascii: ":")) else { return }
        var nameEnd = colon
        while nameEnd > line.lowerBound, buffer[nameEnd - 1] == 0x20 || buffer[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        guard Self.isContentLength(buffer[line.lowerBound..<nameEnd]) else { return }
        var v = colon + 1
        var e = line.upperBound
        while v < e, CharacterClass.isWhitespace(buffer[v]) { v += 1 }
        while e > v, CharacterClass.isWhitespace(buffer[e - 1]) { e -= 1 }
        guard v < e, e - v <= 9, buffer[v..<e].allSatisfy(CharacterClass.isDigit) else {
            throw SipParseError(.badContentLength, at: v - start, "malformed Content-Length", header: "Content-Length")
        }
        var n = 0
        for b in buffer[v..<e] { n = n * 10 + Int(b - 0x30) }
        // Two different lengths would frame the body two ways (the parser rejects it too).
        if let found = lengthSoFar, found != n {
            throw SipParseError(.badContentLength, at: line.lowerBound - start,
                                "conflicting Content-Length values", header: "Content-Length")
        }
        lengthSoFar = n
    }

    private static func isContentLength(_ name: ArraySlice<UInt8>) -> Bool {
        if name.count == 1 { return CharacterClass.lower(name[name.startIndex]) == UInt8(ascii: "l") }
        return name.count == 14 && zip(name, "content-length".utf8).allSatisfy { CharacterClass.lower($0) == $1 }
    }
}
