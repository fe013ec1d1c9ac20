/// One Warning value (RFC 3261 §20.43): a three-digit code, the agent that added it and a
/// quoted text, such as `307 isi.edu "Session parameter 'foo' not understood"`.
public struct Warning: SipHeaderValue, Hashable, CustomStringConvertible {
    /// warn-code, 3DIGIT (RFC 3261 §20.43 lists 300–399).
    public var code: Int
    /// warn-agent: host[:port] (an IPv6 reference in brackets) or a pseudonym token.
    public var agent: String
    /// warn-text, unquoted and unescaped.
    public var text: String

    public init(code: Int, agent: String, text: String) {
        self.code = code
        self.agent = agent
        self.text = text
    }

    /// Parses a whole value such as `370 example.com "Insufficient bandwidth"`.
    public init(_ s: some StringProtocol) throws(SipParseError) {
        var sc = ByteScanner(s, header: "Warning")
        self = try Warning.parse(&sc)
        try sc.expectEnd()
    }

    /// hostport / pseudonym characters (RFC 3261 §25.1).
    static let agentChars: [Bool] = {
        var t = CharacterClass.token
        for c in ":[]".utf8 { t[Int(c)] = true }
        return t
    }()

    /// warning-value = warn-code SP warn-agent SP warn-text (RFC 3261 §25.1).
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> Warning {
        s.skipWhitespace()
        let from = s.position
        let code = try s.integer(maxDigits: 3, "a three-digit warn-code")
        guard s.position - from == 3 else { throw s.error("warn-code must have three digits") }
        guard s.peek().map(CharacterClass.isWhitespace) == true else { throw s.error("expected a space after the warn-code") }
        s.skipWhitespace()
        let r = s.scan(agentChars)
        guard !r.isEmpty else { throw s.error("expected a warn-agent") }
        guard s.peek().map(CharacterClass.isWhitespace) == true else { throw s.error("expected a space after the warn-agent") }
        s.skipWhitespace()
        return Warning(code: code, agent: s.string(r), text: try s.quotedString())
    }

    public func write(to out: inout [UInt8]) {
        // Out-of-range codes are clamped so that what is written always parses.
        let c = min(max(code, 0), 999)
        if c < 100 { out.append(contentsOf: (c < 10 ? "00" : "0").utf8) }
        out.append(contentsOf: String(c).utf8)
        out.append(0x20)
        out.append(contentsOf: agent.utf8)
        out.append(0x20)
        QuotedString.write(text, to: &out)
    }

    public var description: String { headerText }
}
