/// The raw Via, From, To, Call-ID and CSeq lines of a request that failed to
/// parse, enough to answer it with a 400 (RFC 3261 §8.2.6, §16.3).
public struct ReplyContext: Sendable, Equatable {
    public var vias: [String]
    public var from: String
    public var to: String
    public var callID: String
    public var cSeq: String

    /// Scans `bytes` line by line, tolerating the lines that broke the parser.
    /// Nil unless the message is a request and all five headers are present.
    static func scan(_ bytes: [UInt8]) -> ReplyContext? {
        let physical = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        guard let first = physical.first, !first.starts(with: Array("SIP/".utf8)) else { return nil }
        // Join folded continuations to their header line (RFC 3261 §7.3.1), up to the empty line.
        var lines: [[UInt8]] = []
        for raw in physical.dropFirst() {
            let line = raw.last == 0x0d ? raw.dropLast() : raw[...]
            if line.isEmpty { break }
            if let f = line.first, f == 0x20 || f == 0x09, !lines.isEmpty {
                lines[lines.count - 1].append(0x20)
                lines[lines.count - 1].append(contentsOf: line.drop { $0 == 0x20 || $0 == 0x09 })
            } else {
                lines.append(Array(line))
            }
        }
        var vias: [String] = []
        var from: String?, to: String?, callID: String?, cSeq: String?
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
                .trimmingWhitespace()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace()
            // A value that could break the response's framing is not echoed.
            guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\t" }) else { continue }
            switch KnownHeader.classify(name) {
            case .via: vias.append(value)
            case .from: from = value
            case .to: to = value
            case .callID: callID = value
            case .cSeq: cSeq = value
            default: break
            }
        }
        guard !vias.isEmpty, let from, let to, let callID, let cSeq else { return nil }
        return ReplyContext(vias: vias, from: from, to: to, callID: callID, cSeq: cSeq)
    }
}
