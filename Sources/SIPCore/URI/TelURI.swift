/// A `tel:` URI (RFC 3966 §3): a global (`+`…) or local number with parameters
/// such as `phone-context`, `ext` and `isub`.
public struct TelURI: Sendable, Hashable, CustomStringConvertible {
    /// The number as written, visual separators included.
    public var number: String
    public var parameters: Parameters

    public init(number: String, parameters: Parameters = Parameters()) {
        self.number = number
        self.parameters = parameters
    }

    /// Whether the number is global (starts with `+`, RFC 3966 §5.1.4).
    public var isGlobal: Bool { number.hasPrefix("+") }

    /// The number without visual separators (`-`, `.`, `(`, `)`), as compared (RFC 3966 §4).
    public var digits: String { Self.withoutSeparators(number) }

    static func withoutSeparators(_ text: String) -> String {
        String(text.unicodeScalars.filter { !"-.()".unicodeScalars.contains($0) }).lowercased()
    }

    public var phoneContext: String? { parameters["phone-context"] }

    static let numberChars: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "0123456789abcdefABCDEF*#-.()+".utf8 { t[Int(c)] = true }
        return t
    }()
    static let paramChars: [Bool] = {
        var t = CharacterClass.unreserved
        for c in "%[]/:&+$".utf8 { t[Int(c)] = true }
        return t
    }()

    static func parseAfterScheme(_ s: inout ByteScanner, end: Int) throws(SipParseError) -> TelURI {
        let from = s.position
        while s.position < end, numberChars[Int(s.bytes[s.position])] { s.position += 1 }
        let numberRange = from..<s.position
        guard !numberRange.isEmpty else { throw s.error("empty telephone number", kind: .badURI) }
        let number = s.string(numberRange)
        if number.hasPrefix("+") {
            guard number.dropFirst().contains(where: \.isNumber),
                  number.dropFirst().allSatisfy({ $0.isNumber || "-.()".contains($0) })
            else { throw s.error("a global number has only digits and separators", kind: .badURI) }
        } else if number.contains("+") {
            throw s.error("'+' only starts a global number", kind: .badURI)
        }
        var params = Parameters()
        while s.position < end, s.bytes[s.position] == UInt8(ascii: ";") {
            s.position += 1
            let n0 = s.position
            while s.position < end, paramChars[Int(s.bytes[s.position])], s.bytes[s.position] != UInt8(ascii: "=") {
                s.position += 1
            }
            guard s.position > n0 else { throw s.error("empty tel parameter", kind: .badURI) }
            let name = s.string(n0..<s.position)
            if s.position < end, s.bytes[s.position] == UInt8(ascii: "=") {
                s.position += 1
                let v0 = s.position
                while s.position < end, paramChars[Int(s.bytes[s.position])] { s.position += 1 }
                params.append(Parameter(name: name, value: try URIEscaping.unescape(s.bytes, v0..<s.position, scanner: s)))
            } else {
                params.append(Parameter(name: name))
            }
        }
        // RFC 3966 §5.1.5: a local number must carry a phone-context.
        if !number.hasPrefix("+") && !params.contains("phone-context") {
            throw s.error("a local number needs a phone-context parameter", kind: .badURI)
        }
        return TelURI(number: number, parameters: params)
    }

    public func write(to out: inout [UInt8]) {
        out.append(contentsOf: "tel:".utf8)
        out.append(contentsOf: number.utf8)
        for p in parameters {
            out.append(UInt8(ascii: ";"))
            out.append(contentsOf: p.name.utf8)
            if let v = p.value {
                out.append(UInt8(ascii: "="))
                URIEscaping.write(v, allowed: Self.paramChars, to: &out)
            }
        }
    }

    public var description: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 3966 §4: numbers equal without visual separators; parameters equal in any order,
    /// `ext` and a global-number `phone-context` also without visual separators.
    public static func == (a: TelURI, b: TelURI) -> Bool {
        guard a.digits == b.digits, a.parameters.count == b.parameters.count else { return false }
        for p in a.parameters {
            guard let v = b.parameters[p.name] else { return false }
            let mine = p.value ?? ""
            let digitsOnly = p.name.caseInsensitiveEquals("ext")
                || (p.name.caseInsensitiveEquals("phone-context") && mine.hasPrefix("+"))
            if digitsOnly {
                guard withoutSeparators(v) == withoutSeparators(mine) else { return false }
            } else if !v.caseInsensitiveEquals(mine) {
                return false
            }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digits) }
}
