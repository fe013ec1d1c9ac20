/// A cursor over a range of bytes, with the small vocabulary the SIP grammar needs.
///
/// Every typed header and URI parser is written against this scanner. It never
/// traps on bad input: each `expect…` throws a `SipParseError` carrying the
/// byte offset and, when known, the header being parsed.
public struct ByteScanner {
    let bytes: [UInt8]
    /// The current position (an index into `bytes`).
    public internal(set) var position: Int
    /// One past the last byte the scanner may read.
    public let end: Int
    let start: Int
    /// The header the scanner parses, named in errors.
    public var header: String?

    /// A scanner over `bytes[range]`.
    public init(_ bytes: [UInt8], range: Range<Int>, header: String? = nil) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.start = range.lowerBound
        self.header = header
    }

    /// A scanner over the UTF-8 bytes of `text`.
    public init(_ text: some StringProtocol, header: String? = nil) {
        let b = Array(text.utf8)
        self.init(b, range: 0..<b.count, header: header)
    }

    public var isAtEnd: Bool { position >= end }

    @inline(__always) public func peek() -> UInt8? {
        position < end ? bytes[position] : nil
    }

    @inline(__always) public func peek(ahead n: Int) -> UInt8? {
        position + n < end ? bytes[position + n] : nil
    }

    /// Skips linear white space, including folded line breaks (RFC 3261 §7.3.1).
    @inline(__always) public mutating func skipWhitespace() {
        while position < end, CharacterClass.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Consumes `byte` if it is next; says whether it did.
    @inline(__always) public mutating func consume(_ byte: UInt8) -> Bool {
        if position < end && bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    /// Consumes `byte` (after optional white space on both sides), or throws.
    public mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(SipParseError) {
        skipWhitespace()
        guard consume(byte) else { throw error("expected \(what())") }
        skipWhitespace()
    }

    /// Consumes the ASCII text `literal`, ignoring case, if it is next.
    @inline(__always)
    public mutating func consumeCaseInsensitive(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - position >= count else { return false }
        guard literal.hasPointerRepresentation else {
            // A one-scalar literal: compare its encoding.
            let matched = literal.withUTF8Buffer { matches(caseInsensitive: $0) }
            if matched { position += count }
            return matched
        }
        guard matches(caseInsensitive: UnsafeBufferPointer(start: literal.utf8Start, count: count)) else { return false }
        position += count
        return true
    }

    /// Whether the bytes at the current position are `lit`, ignoring ASCII case.
    @inline(__always)
    private func matches(caseInsensitive lit: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < lit.count {
            if CharacterClass.lower(bytes[position + i]) != CharacterClass.lower(lit[i]) { return false }
            i += 1
        }
        return true
    }

    /// The range of the longest run of bytes in `table`.
    @inline(__always) public mutating func scan(_ table: [Bool]) -> Range<Int> {
        let from = position
        while position < end, table[Int(bytes[position])] { position += 1 }
        return from..<position
    }

    /// The range of the longest run of bytes for which `member` holds.
    @inline(__always) public mutating func scan(while member: (UInt8) -> Bool) -> Range<Int> {
        let from = position
        while position < end, member(bytes[position]) { position += 1 }
        return from..<position
    }

    /// The range of bytes up to (not including) the first of `stops`, or to the end.
    public mutating func scan(until stops: UInt8...) -> Range<Int> {
        let from = position
        while position < end, !stops.contains(bytes[position]) { position += 1 }
        return from..<position
    }

    /// A token (RFC 3261 §25.1), or nil when none is next.
    public mutating func token() -> String? {
        let r = scan(while: CharacterClass.isToken)
        return r.isEmpty ? nil : string(r)
    }

    /// A token, or throws naming `what`.
    public mutating func expectToken(_ what: @autoclosure () -> String) throws(SipParseError) -> String {
        string(try expectTokenRange(what()))
    }

    /// The range of a token, or throws naming `what`.
    public mutating func expectTokenRange(_ what: @autoclosure () -> String) throws(SipParseError) -> Range<Int> {
        let r = scan(while: CharacterClass.isToken)
        guard !r.isEmpty else { throw error("expected \(what())") }
        return r
    }

    /// Whether the bytes in `range` are exactly `literal` (same case).
    @inline(__always) public func matches(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount == range.count else { return false }
        let p = literal.utf8Start
        var k = 0
        while k < range.count {
            if bytes[range.lowerBound + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    /// A quoted-string with its quotes removed and quoted-pairs unescaped.
    public mutating func quotedString() throws(SipParseError) -> String {
        // Most quoted strings hold no quoted-pair: their text is the bytes up to the closing
        // quote, made into a String at once, without a buffer to unescape into.
        if let inside = plainQuotedString() { return string(inside) }
        guard consume(UInt8(ascii: "\"")) else { throw error("expected a quoted string") }
        var out: [UInt8] = []
        out.reserveCapacity(end - position)
        while position < end {
            let b = bytes[position]
            position += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < end else { throw error("unterminated escape in quoted string") }
                out.append(bytes[position])
                position += 1
            default:
                out.append(b)
            }
        }
        throw error("unterminated quoted string")
    }

    /// The inside of the quoted-string at the position when it holds no quoted-pair, moving
    /// past its closing quote; nil, with the position untouched, for any other text.
    mutating func plainQuotedString() -> Range<Int>? {
        guard position < end, bytes[position] == UInt8(ascii: "\"") else { return nil }
        var close = position + 1
        while close < end, bytes[close] != UInt8(ascii: "\""), bytes[close] != UInt8(ascii: "\\") { close += 1 }
        guard close < end, bytes[close] == UInt8(ascii: "\"") else { return nil }
        defer { position = close + 1 }
        return (position + 1)..<close
    }

    /// A decimal integer of at most `maxDigits` digits.
    public mutating func integer(maxDigits: Int = 10, _ what: @autoclosure () -> String = "a number")
        throws(SipParseError) -> Int
    {
        let r = scan(while: CharacterClass.isDigit)
        guard !r.isEmpty else { throw error("expected \(what())") }
        guard r.count <= maxDigits else { throw error("\(what()) is too large") }
        var value = 0
        for i in r { value = value * 10 + Int(bytes[i] &- 0x30) }
        return value
    }

    /// The text of `range` as a String.
    @inline(__always) public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The rest of the scanned range, trimmed, with folded line breaks read as one space.
    public mutating func rest() -> String {
        var e = end
        while e > position, CharacterClass.isWhitespace(bytes[e - 1]) { e -= 1 }
        defer { position = end }
        guard bytes[position..<e].contains(where: { $0 == 0x0d || $0 == 0x0a }) else {
            return string(position..<e)
        }
        var out: [UInt8] = []
        var pendingSpace = false
        for b in bytes[position..<e] {
            if CharacterClass.isWhitespace(b) && (b == 0x0d || b == 0x0a || pendingSpace) {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                if b != 0x20 && b != 0x09 { out.append(0x20) }
                pendingSpace = false
                if b == 0x20 || b == 0x09 { out.append(0x20); continue }
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Throws (an error of `kind`) unless only white space remains.
    public mutating func expectEnd(kind: SipParseError.Kind = .badHeaderValue) throws(SipParseError) {
        skipWhitespace()
        if !isAtEnd { throw error("unexpected '\(Character(Unicode.Scalar(bytes[position])))'", kind: kind) }
    }

    /// An error at the current position.
    public func error(_ detail: String, kind: SipParseError.Kind = .badHeaderValue) -> SipParseError {
        SipParseError(kind, at: position - start, detail, header: header)
    }
}
