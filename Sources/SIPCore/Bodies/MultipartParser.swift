/// Splits a multipart body into parts (RFC 2046 §5.1.1) and reads each part's headers.
///
/// A delimiter is `--boundary` at the start of a line, followed by optional `--` (the close
/// delimiter), optional transport padding and a line end. LF alone is accepted for CRLF.
struct MultipartParser {
    let bytes: [UInt8]
    let delimiter: [UInt8]
    let depth: Int

    init(bytes: [UInt8], boundary: String, depth: Int) {
        self.bytes = bytes
        delimiter = Array("--\(boundary)".utf8)
        self.depth = depth
    }

    private struct Delimiter {
        /// Where `--boundary` starts.
        var start: Int
        /// Just past the delimiter line's line end.
        var next: Int
        var isClose: Bool
    }

    mutating func parse() throws(SipParseError) -> [MimePart] {
        guard let first = findDelimiter(from: 0) else {
            throw SipParseError(.badBody, "multipart body has no boundary delimiter")
        }
        guard !first.isClose else {
            throw SipParseError(.badBody, at: first.start, "multipart body has no parts")
        }
        var parts: [MimePart] = []
        var position = first.next
        while true {
            guard let d = findDelimiter(from: position) else {
                throw SipParseError(.badBody, at: bytes.count, "unterminated multipart: no close delimiter")
            }
            parts.append(try part(position..<contentEnd(before: d.start, from: position)))
            if d.isClose { return parts }
            position = d.next
        }
    }

    /// Where a part's content ends: before the line end that precedes the delimiter.
    private func contentEnd(before start: Int, from: Int) -> Int {
        var e = start
        if e > from, bytes[e - 1] == 0x0a { e -= 1 }
        if e > from, bytes[e - 1] == 0x0d { e -= 1 }
        return e
    }

    private func findDelimiter(from: Int) -> Delimiter? {
        var p = from
        while p + delimiter.count <= bytes.count {
            if (p == 0 || bytes[p - 1] == 0x0a), matches(at: p) {
                var q = p + delimiter.count
                var isClose = false
                if q + 1 < bytes.count, bytes[q] == UInt8(ascii: "-"), bytes[q + 1] == UInt8(ascii: "-") {
                    isClose = true
                    q += 2
                }
                while q < bytes.count, bytes[q] == 0x20 || bytes[q] == 0x09 { q += 1 }
                if q < bytes.count, bytes[q] == 0x0d { q += 1 }
                if q == bytes.count { return Delimiter(start: p, next: q, isClose: isClose) }
                if bytes[q] == 0x0a { return Delimiter(start: p, next: q + 1, isClose: isClose) }
                // Anything else: the text only starts like our delimiter (another boundary).
            }
            p += 1
        }
        return nil
    }

    private func matches(at p: Int) -> Bool {
        for i in 0..<delimiter.count where bytes[p + i] != delimiter[i] { return false }
        return true
    }

    /// body-part = MIME-part-headers [CRLF *OCTET] (RFC 2046 §5.1.1).
    private func part(_ range: Range<Int>) throws(SipParseError) -> MimePart {
        var headers: [MimePart.Header] = []
        var p = range.lowerBound
        var bodyStart = range.upperBound
        while p < range.upperBound {
            var e = p
            while e < range.upperBound, bytes[e] != 0x0a { e += 1 }
            let next = min(e + 1, range.upperBound)
            var lineEnd = e
            if lineEnd > p, bytes[lineEnd - 1] == 0x0d { lineEnd -= 1 }
            if lineEnd == p {  // the blank line ending the headers
                bodyStart = next
                break
            }
            if bytes[p] == 0x20 || bytes[p] == 0x09 {
                // A folded continuation of the previous header (RFC 5322 §2.2.3).
                guard !headers.isEmpty else { throw SipParseError(.badBody, at: p, "part starts with a folded line") }
                let more = String(decoding: bytes[p..<lineEnd], as: UTF8.self).trimmingWhitespace()
                headers[headers.count - 1].value += " " + more
            } else {
                headers.append(try header(p..<lineEnd))
            }
            p = next
        }
        let body = Array(bytes[min(bodyStart, range.upperBound)..<range.upperBound])
        return MimePart(parsedHeaders: headers, contents: try contents(body, headers: headers, at: range.lowerBound))
    }

    private func header(_ r: Range<Int>) throws(SipParseError) -> MimePart.Header {
        var colon = r.lowerBound
        while colon < r.upperBound, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        let name = String(decoding: bytes[r.lowerBound..<colon], as: UTF8.self).trimmingWhitespace()
        guard colon < r.upperBound, !name.isEmpty, name.utf8.allSatisfy(CharacterClass.isToken) else {
            throw SipParseError(.badBody, at: r.lowerBound, "malformed part header line")
        }
        let value = String(decoding: bytes[(colon + 1)..<r.upperBound], as: UTF8.self).trimmingWhitespace()
        return MimePart.Header(name, value)
    }

    private func contents(_ body: [UInt8], headers: [MimePart.Header], at offset: Int) throws(SipParseError) -> Contents {
        let value = { (name: String) in headers.first { $0.name.caseInsensitiveEquals(name) }?.value }
        // An encoded part (base64, quoted-printable) is kept as it is: RFC 2045 §6.
        if let cte = value("Content-Transfer-Encoding"),
           !["7bit", "8bit", "binary"].contains(where: { $0.caseInsensitiveEquals(cte) }) {
            return .opaque(mediaType: value("Content-Type").flatMap { try? MediaType($0) }, bytes: body)
        }
        // Without Content-Type a part is text/plain (RFC 2045 §5.2), which stays opaque.
        guard let ct = value("Content-Type") else { return try Contents.parse(body, mediaType: nil, depth: depth + 1) }
        let type: MediaType
        do {
            type = try MediaType(ct)
        } catch {
            throw SipParseError(.badBody, at: offset, "part has a malformed Content-Type: \(error.detail)")
        }
        return try Contents.parse(body, mediaType: type, depth: depth + 1)
    }
}
