/// The Retry-After header (RFC 3261 §20.33): a delay in seconds, an optional comment
/// and parameters such as `duration`. Example: `18000;duration=3600`, `120 (I'm in a meeting)`.
public struct RetryAfter: SipHeaderValue, Hashable, CustomStringConvertible {
    /// delta-seconds.
    public var seconds: Int
    /// The comment without its outer parentheses, quoted-pairs unescaped; nil when absent.
    public var comment: String?
    public var parameters: Parameters

    public init(seconds: Int, comment: String? = nil, duration: Int? = nil) {
        self.seconds = seconds
        self.comment = comment
        parameters = Parameters()
        if let duration { parameters["duration"] = String(duration) }
    }

    /// Parses a whole value such as `120 (busy);duration=60`.
    public init(_ text: some StringProtocol) throws(SipParseError) {
        var s = ByteScanner(text, header: "Retry-After")
        self = try RetryAfter.parse(&s)
        try s.expectEnd()
    }

    /// The `duration` parameter in seconds (RFC 3261 §20.33); nil when absent or not a number.
    public var duration: Int? {
        get { parameters["duration"].flatMap { $0.utf8.count <= 10 ? Int($0) : nil } }
        set { parameters["duration"] = newValue.map(String.init) }
    }

    /// How deep comments may nest: RFC 3261 sets no limit, we set one so that no input
    /// can make the parser work without bound.
    static let maxCommentDepth = 16

    /// Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261 §25.1).
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> RetryAfter {
        s.skipWhitespace()
        var r = RetryAfter(seconds: try s.integer(maxDigits: 10, "delta-seconds"))
        s.skipWhitespace()
        if s.peek() == UInt8(ascii: "(") { r.comment = try comment(&s) }
        r.parameters = try Parameters.parse(&s)
        if let d = r.parameters["duration"], d.isEmpty || !d.utf8.allSatisfy(CharacterClass.isDigit) {
            throw s.error("duration must be delta-seconds")
        }
        return r
    }

    /// comment = LPAREN *(ctext / quoted-pair / comment) RPAREN (RFC 3261 §25.1).
    /// Nested parentheses are kept in the text; the outer pair is removed.
    static func comment(_ s: inout ByteScanner) throws(SipParseError) -> String {
        guard s.consume(UInt8(ascii: "(")) else { throw s.error("expected '('") }
        var depth = 1
        var out: [UInt8] = []
        while let b = s.peek() {
            s.position += 1
            switch b {
            case UInt8(ascii: "\\"):
                guard let next = s.peek() else { throw s.error("unterminated escape in comment") }
                s.position += 1
                out.append(next)
                continue
            case UInt8(ascii: "("):
                depth += 1
                guard depth <= maxCommentDepth else { throw s.error("comment nested too deeply") }
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return String(decoding: out, as: UTF8.self) }
            default:
                break
            }
            out.append(b)
        }
        throw s.error("unterminated comment")
    }

    public func write(to out: inout [UInt8]) {
        out.append(contentsOf: String(seconds).utf8)
        if let comment {
            out.append(contentsOf: " (".utf8)
            for b in comment.utf8 where b != 0x0d && b != 0x0a {
                // Escaping every parenthesis keeps unbalanced ones from ending the comment early.
                if b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "\\") {
                    out.append(UInt8(ascii: "\\"))
                }
                out.append(b)
            }
            out.append(UInt8(ascii: ")"))
        }
        parameters.write(to: &out)
    }

    public var description: String { headerText }
}
