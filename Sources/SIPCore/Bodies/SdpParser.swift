/// Reads a session description line by line (RFC 4566 §5).
///
/// Lenient where peers commonly are (LF line ends, blank lines, runs of spaces between
/// fields, lines in an unusual order), strict about the structure: `v=` first, `o=` and
/// `s=` present, every line `<letter>=<value>`, numbers that are numbers. Each error is a
/// `.badBody` that names the line number.
struct SdpParser {
    let bytes: [UInt8]
    /// The line being read, counted from 1, and the byte offset where it starts.
    private var lineNumber = 0
    private var lineOffset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(SipParseError) -> SdpContents {
        var sdp = SdpContents(origin: .init(sessionID: "", sessionVersion: "", addrType: "", address: ""), timings: [])
        var sawVersion = false, sawOrigin = false, sawName = false
        var position = 0
        while position < bytes.count {
            lineNumber += 1
            lineOffset = position
            var end = position
            while end < bytes.count, bytes[end] != 0x0a { end += 1 }
            let next = end + 1
            if end > position, bytes[end - 1] == 0x0d { end -= 1 }
            let range = position..<end
            position = next
            if range.isEmpty { continue }  // blank lines, e.g. a trailing one, carry nothing
            guard range.count >= 2, bytes[range.lowerBound + 1] == UInt8(ascii: "="),
                  Self.isLetter(bytes[range.lowerBound])
            else { throw error("expected <type>=<value>") }
            let type = Character(Unicode.Scalar(bytes[range.lowerBound]))
            let value = String(decoding: bytes[(range.lowerBound + 2)..<range.upperBound], as: UTF8.self)
            if !sawVersion {
                // RFC 4566 §5: the description starts with v=.
                guard type == "v" else { throw error("a session description must start with v=") }
                sdp.version = try number(value, maxDigits: 9, "version")
                sawVersion = true
                continue
            }
            if type == "m" {
                sdp.media.append(try media(value))
                continue
            }
            if sdp.media.isEmpty {
                try sessionLine(type, value, &sdp, &sawOrigin, &sawName)
            } else {
                // The media array is non-empty here, so its last index is valid.
                try mediaLine(type, value, &sdp.media[sdp.media.count - 1])
            }
        }
        // What is missing is missing at the end, after the last line.
        lineOffset = bytes.count
        lineNumber += 1
        guard sawVersion else { throw error("empty session description") }
        guard sawOrigin else { throw error("missing o= line") }
        guard sawName else { throw error("missing s= line") }
        return sdp
    }

    private mutating func sessionLine(_ type: Character, _ value: String, _ sdp: inout SdpContents,
                                      _ sawOrigin: inout Bool, _ sawName: inout Bool) throws(SipParseError) {
        switch type {
        case "v": throw error("a second v= line")
        case "o":
            guard !sawOrigin else { throw error("a second o= line") }
            sdp.origin = try origin(value)
            sawOrigin = true
        case "s":
            guard !sawName else { throw error("a second s= line") }
            sdp.sessionName = value
            sawName = true
        case "i": sdp.information = value
        case "u": sdp.uri = value
        case "e": sdp.emails.append(value)
        case "p": sdp.phones.append(value)
        case "c": sdp.connection = try connection(value)
        case "b": sdp.bandwidths.append(try bandwidth(value))
        case "t":
            let f = fields(value)
            guard f.count == 2 else { throw error("t= needs a start and a stop time") }
            sdp.timings.append(.init(start: try number(f[0], maxDigits: 18, "start time"),
                                     stop: try number(f[1], maxDigits: 18, "stop time")))
        case "r":
            guard !sdp.timings.isEmpty else { throw error("r= before any t= line") }
            sdp.timings[sdp.timings.count - 1].repeats.append(value)
        case "a": sdp.attributes.append(attribute(value))
        default: sdp.otherLines.append(.init(type: type, value: value))
        }
    }

    private mutating func mediaLine(_ type: Character, _ value: String, _ m: inout SdpMedia) throws(SipParseError) {
        switch type {
        case "v", "o", "s", "t", "r":
            throw error("\(type)= belongs to the session, not inside a media description")
        case "i": m.information = value
        case "c": m.connections.append(try connection(value))
        case "b": m.bandwidths.append(try bandwidth(value))
        case "a": m.attributes.append(attribute(value))
        default: m.otherLines.append(.init(type: type, value: value))
        }
    }

    // MARK: Line grammars

    private func origin(_ v: String) throws(SipParseError) -> SdpContents.Origin {
        let f = fields(v)
        guard f.count == 6 else { throw error("o= needs six fields") }
        guard Self.isNumeric(f[1]), Self.isNumeric(f[2]) else {
            throw error("o= session id and version must be numbers")
        }
        return .init(username: f[0], sessionID: f[1], sessionVersion: f[2], netType: f[3], addrType: f[4], address: f[5])
    }

    private func connection(_ v: String) throws(SipParseError) -> SdpContents.Connection {
        let f = fields(v)
        guard f.count == 3 else { throw error("c= needs <nettype> <addrtype> <address>") }
        return .init(netType: f[0], addrType: f[1], address: f[2])
    }

    private func bandwidth(_ v: String) throws(SipParseError) -> SdpContents.Bandwidth {
        let parts = v.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty else { throw error("b= needs <bwtype>:<bandwidth>") }
        return .init(type: String(parts[0]), value: try number(String(parts[1]), maxDigits: 18, "bandwidth"))
    }

    private func attribute(_ v: String) -> SdpContents.Attribute {
        guard let colon = v.firstIndex(of: ":") else { return .init(v) }
        return .init(String(v[..<colon]), String(v[v.index(after: colon)...]))
    }

    /// m=<media> <port>[/<number of ports>] <proto> <fmt> ... (RFC 4566 §5.14).
    private func media(_ v: String) throws(SipParseError) -> SdpMedia {
        let f = fields(v)
        guard f.count >= 3 else { throw error("m= needs <media> <port> <proto> <fmt> ...") }
        let portParts = f[1].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let port = try number(String(portParts[0]), maxDigits: 5, "port")
        guard port <= 65535 else { throw error("port out of range") }
        var m = SdpMedia(media: f[0], port: port, proto: f[2], formats: Array(f.dropFirst(3)))
        if portParts.count == 2 { m.portCount = try number(String(portParts[1]), maxDigits: 5, "number of ports") }
        return m
    }

    // MARK: Pieces

    /// The space-separated fields of a value (runs of spaces or tabs count as one).
    private func fields(_ v: String) -> [String] {
        v.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// A decimal number of at most `maxDigits` digits, so no value can overflow.
    private func number(_ text: String, maxDigits: Int, _ what: String) throws(SipParseError) -> Int {
        guard Self.isNumeric(text) else { throw error("\(what) is not a number") }
        guard text.utf8.count <= maxDigits else { throw error("\(what) is too large") }
        var n = 0
        for b in text.utf8 { n = n * 10 + Int(b - UInt8(ascii: "0")) }
        return n
    }

    private static func isNumeric(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy(CharacterClass.isDigit)
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    private func error(_ detail: String) -> SipParseError {
        SipParseError(.badBody, at: lineOffset, "SDP line \(lineNumber): \(detail)", header: nil)
    }
}
