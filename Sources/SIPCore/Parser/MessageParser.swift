#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a `SipMessage` index in one pass over the bytes (RFC 3261 §7).
///
/// Only the start line's shape and the header lines' boundaries are checked
/// here; header values are parsed later, when they are first read.
public struct MessageParser: Sendable {
    public var limits: ParseLimits

    public init(limits: ParseLimits = .default) { self.limits = limits }


    /// Parses one message. Extra bytes past Content-Length are ignored (RFC 3261 §18.3).
    public func parse(_ bytes: [UInt8]) throws(SipParseError) -> SipMessage {
        // The index keeps 32-bit offsets, so no limit admits a message of 4 GiB or more.
        let maxSize = min(limits.maxMessageSize, Int(UInt32.max))
        guard bytes.count <= maxSize else {
            throw SipParseError(.messageTooLarge, at: maxSize, "message of \(bytes.count) bytes exceeds \(maxSize)")
        }
        let result: Result<SipMessage, SipParseError> = bytes.withUnsafeBufferPointer { buf in
            do throws(SipParseError) { return .success(try index(buf, bytes)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let m): return m
        case .failure(var error):
            error.replyContext = ReplyContext.scan(bytes)
            throw error
        }
    }

    /// The end of the line starting at `from`: (index of the LF or count, index after it).
    @inline(__always)
    private func lineEnd(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> (content: Int, next: Int) {
        guard from < buf.count, let base = buf.baseAddress else { return (buf.count, buf.count) }
        guard let p = memchr(base + from, 0x0a, buf.count - from) else { return (buf.count, buf.count) }
        let lf = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        let content = (lf > from && buf[lf - 1] == 0x0d) ? lf - 1 : lf
        return (content, lf + 1)
    }

    private func index(_ buf: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) throws(SipParseError) -> SipMessage {
        let names = KnownHeader.table
        var pos = 0
        // RFC 3261 §7.5: CRLFs before the start line are ignored.
        while pos < buf.count, buf[pos] == 0x0d || buf[pos] == 0x0a { pos += 1 }
        guard pos < buf.count else { throw SipParseError(.emptyMessage, "empty message") }
        let startLineStart = pos
        let (slEnd, afterStart) = lineEnd(buf, from: pos)
        guard afterStart <= buf.count, slEnd < buf.count || afterStart > slEnd else {
            throw SipParseError(.incompleteMessage, at: pos, "no line break after the start line")
        }
        var isRequest = true
        var method = SipMethod("")
        var uriRange = 0..<0
        var statusCode = 0
        var reasonRange = 0..<0
        try parseStartLine(buf, pos..<slEnd, isRequest: &isRequest, method: &method, uriRange: &uriRange,
                           statusCode: &statusCode, reasonRange: &reasonRange)
        pos = afterStart
        var fields: [HeaderField] = []
        fields.reserveCapacity(16)
        var contentLengthField = -1
        var contentLengthCount = 0
        var headersEnded = false
        while pos < buf.count {
            let (content, next) = lineEnd(buf, from: pos)
            if content == pos {  // the empty line ends the headers
                pos = next
                headersEnded = true
                break
            }
            let first = buf[pos]
            if first == 0x20 || first == 0x09 {  // a folded continuation (RFC 3261 §7.3.1)
                guard !fields.isEmpty else {
                    throw SipParseError(.badHeaderLine, at: pos, "continuation line before any header")
                }
                let i = fields.count - 1
                fields[i].valueRange = fields[i].valueRange.lowerBound..<trimEnd(buf, fields[i].valueRange.lowerBound, content)
                fields[i].lineRange = fields[i].lineRange.lowerBound..<next
                guard fields[i].lineRange.count <= limits.maxHeaderLineLength else {
                    throw SipParseError(.headerLineTooLong, at: pos, "header line longer than \(limits.maxHeaderLineLength) bytes")
                }
                pos = next
                continue
            }
            guard next - pos <= limits.maxHeaderLineLength else {
                throw SipParseError(.headerLineTooLong, at: pos, "header line longer than \(limits.maxHeaderLineLength) bytes")
            }
            guard fields.count < limits.maxHeaderCount else {
                throw SipParseError(.tooManyHeaders, at: pos, "more than \(limits.maxHeaderCount) header lines")
            }
            // header-name HCOLON (RFC 3261 §7.3.1): a token, optional white space, ':'.
            var nameEnd = pos
            while nameEnd < content, CharacterClass.isToken(buf[nameEnd]) { nameEnd += 1 }
            var colon = nameEnd
            while colon < content, buf[colon] == 0x20 || buf[colon] == 0x09 { colon += 1 }
            guard nameEnd > pos, colon < content, buf[colon] == UInt8(ascii: ":") else {
                throw Self.headerNameError(buf, line: pos..<content)
            }
            var valueStart = colon + 1
            while valueStart < content, buf[valueStart] == 0x20 || buf[valueStart] == 0x09 { valueStart += 1 }
            let kind = KnownHeader.classify(buf, pos..<nameEnd, table: names)
            if kind == .contentLength {
                if contentLengthField < 0 { contentLengthField = fields.count }
                contentLengthCount += 1
            }
            fields.append(HeaderField(kind: kind, nameRange: pos..<nameEnd,
                                      valueRange: valueStart..<trimEnd(buf, valueStart, content),
                                      lineRange: pos..<next))
            pos = next
        }
        guard headersEnded else {
            throw SipParseError(.incompleteMessage, at: pos, "headers not ended by an empty line")
        }
        var bodyEnd = buf.count
        if contentLengthField >= 0 {
            let length = try Self.contentLength(buf, fields[contentLengthField].valueRange)
            // Two different lengths would frame the body two ways; typed reads use the first.
            if contentLengthCount > 1 {
                for f in fields[(contentLengthField + 1)...] where f.kind == .contentLength {
                    guard try Self.contentLength(buf, f.valueRange) == length else {
                        throw SipParseError(.badContentLength, at: f.lineRange.lowerBound,
                                            "conflicting Content-Length values", header: "Content-Length")
                    }
                }
            }
            guard length <= limits.maxBodySize else {
                throw SipParseError(.bodyTooLarge, at: pos, "body of \(length) bytes exceeds \(limits.maxBodySize)")
            }
            guard pos + length <= buf.count else {
                throw SipParseError(.badContentLength, at: pos,
                                    "Content-Length \(length) is more than the \(buf.count - pos) bytes received")
            }
            bodyEnd = pos + length
        } else if buf.count - pos > limits.maxBodySize {
            throw SipParseError(.bodyTooLarge, at: pos, "body exceeds \(limits.maxBodySize) bytes")
        }
        return SipMessage(bytes: bytes, isRequest: isRequest, method: method, uriRange: uriRange,
                          statusCode: statusCode, reasonRange: reasonRange,
                          startLineRange: startLineStart..<afterStart, fields: fields, bodyRange: pos..<bodyEnd)
    }

    /// What is wrong with a header line whose name is not a token followed by ':'.
    private static func headerNameError(_ buf: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> SipParseError {
        guard let colon = buf[line].firstIndex(of: UInt8(ascii: ":")) else {
            return SipParseError(.badHeaderLine, at: line.lowerBound, "header line without ':'")
        }
        var n = line.lowerBound
        while n < colon, CharacterClass.isToken(buf[n]) { n += 1 }
        return SipParseError(.badHeaderLine, at: n, "invalid header name")
    }

    @inline(__always)
    private func trimEnd(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 || buf[e - 1] == 0x0d { e -= 1 }
        return e
    }

    static func contentLength(_ buf: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) throws(SipParseError) -> Int {
        // The value starts after the colon's white space, which may be folded (RFC 3261 §7.3.1).
        var first = value.lowerBound
        while first < value.upperBound, CharacterClass.isWhitespace(buf[first]) { first += 1 }
        let range = first..<value.upperBound
        guard !range.isEmpty, range.count <= 9 else {
            throw SipParseError(.badContentLength, at: range.lowerBound, "malformed Content-Length", header: "Content-Length")
        }
        var v = 0
        for i in range {
            let b = buf[i]
            guard CharacterClass.isDigit(b) else {
                throw SipParseError(.badContentLength, at: i, "malformed Content-Length", header: "Content-Length")
            }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    private func parseStartLine(_ buf: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, isRequest: inout Bool,
                                method: inout SipMethod, uriRange: inout Range<Int>, statusCode: inout Int,
                                reasonRange: inout Range<Int>) throws(SipParseError) {
        if line.count >= 4, isVersionPrefix(buf, line.lowerBound) {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2)
            isRequest = false
            guard line.count >= 11, isVersion20(buf, line.lowerBound),
                  buf[line.lowerBound + 7] == 0x20
            else { throw SipParseError(.unsupportedVersion, at: line.lowerBound, "unsupported SIP version") }
            var code = 0
            for i in (line.lowerBound + 8)..<(line.lowerBound + 11) {
                guard CharacterClass.isDigit(buf[i]) else {
                    throw SipParseError(.badStartLine, at: i, "malformed status code")
                }
                code = code * 10 + Int(buf[i] - 0x30)
            }
            guard code >= 100, code <= 699 else { throw SipParseError(.badStartLine, at: line.lowerBound + 8, "status code out of range") }
            guard line.count == 11 || buf[line.lowerBound + 11] == 0x20 else {
                throw SipParseError(.badStartLine, at: line.lowerBound + 11, "expected a space after the status code")
            }
            statusCode = code
            reasonRange = min(line.lowerBound + 12, line.upperBound)..<line.upperBound
            return
        }
        // Request-Line = Method SP Request-URI SP SIP-Version (RFC 3261 §7.1)
        var p = line.lowerBound
        while p < line.upperBound, CharacterClass.isToken(buf[p]) { p += 1 }
        guard p > line.lowerBound, p < line.upperBound, buf[p] == 0x20 else {
            throw SipParseError(.badStartLine, at: p, "malformed request line")
        }
        method = SipMethod.from(buf, line.lowerBound..<p)
        let uriStart = p + 1
        var uriEnd = uriStart
        while uriEnd < line.upperBound, buf[uriEnd] != 0x20 { uriEnd += 1 }
        guard uriEnd > uriStart, uriEnd < line.upperBound else {
            throw SipParseError(.badStartLine, at: uriEnd, "malformed request line")
        }
        let v = uriEnd + 1
        guard line.upperBound - v == 7, isVersion20(buf, v) else {
            throw SipParseError(.unsupportedVersion, at: v, "unsupported SIP version")
        }
        uriRange = uriStart..<uriEnd
    }

    /// Whether `buf[at...]` starts with `SIP/2.0`, the letters in either case (RFC 3261 §7.1).
    @inline(__always)
    private func isVersion20(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard at >= 0, at + 7 <= buf.count, let base = buf.baseAddress else { return false }
        // Seven bytes in one word; bit 0x20 set in the three letters only, where it is the
        // whole difference between the cases.
        var word: UInt64 = 0
        for i in 0..<7 { word |= UInt64(base[at + i]) << UInt64(i * 8) }
        return word | 0x20_2020 == 0x30_2e32_2f70_6973  // "sip/2.0"
    }

    /// Whether `buf[at...]` starts with `SIP/`, the letters in either case.
    @inline(__always)
    private func isVersionPrefix(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard at + 4 <= buf.count else { return false }
        let word = UInt32(buf[at]) | UInt32(buf[at + 1]) << 8 | UInt32(buf[at + 2]) << 16 | UInt32(buf[at + 3]) << 24
        return word | 0x20_2020 == 0x2f70_6973  // "sip/"
    }
}
