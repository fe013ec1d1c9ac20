/// One `;name[=value]` parameter of a header or URI.
public struct Parameter: Sendable, Equatable, Hashable {
    /// The name as written; compared case-insensitively.
    public var name: String
    /// The value (unquoted, unescaped), or nil for a flag such as `lr`.
    public var value: String?
    /// Whether the value is written as a quoted-string.
    public var quoted: Bool

    public init(name: String, value: String? = nil, quoted: Bool = false) {
        self.name = name
        self.value = value
        self.quoted = quoted
    }
}

/// An ordered list of parameters with case-insensitive lookup by name
/// (RFC 3261 §7.3.1: parameter names are case-insensitive).
public struct Parameters: Sendable, Equatable, Hashable, RandomAccessCollection {
    public private(set) var items: [Parameter]

    public init(_ items: [Parameter] = []) { self.items = items }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(position: Int) -> Parameter { items[position] }

    /// The position of `name`: a plain loop over the stored items, which reads each name in
    /// place (a closure over the elements copied and retained every one it looked at).
    private func index(of name: String) -> Int? {
        var i = 0
        let n = items.count
        while i < n {
            if items[i].name.caseInsensitiveEquals(name) { return i }
            i &+= 1
        }
        return nil
    }

    /// Whether a parameter named `name` is present (with or without a value).
    public func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// The value of `name`: nil when absent, "" for a flag without value.
    /// Setting nil removes it; setting a value adds or replaces it.
    public subscript(name: String) -> String? {
        get { index(of: name).map { items[$0].value ?? "" } }
        set {
            if let newValue { set(name, newValue) } else { remove(name) }
        }
    }

    /// Adds or replaces `name` with `value` (nil makes it a flag).
    public mutating func set(_ name: String, _ value: String?, quoted: Bool = false) {
        if let i = index(of: name) {
            items[i].value = value
            items[i].quoted = quoted
        } else {
            items.append(Parameter(name: name, value: value, quoted: quoted))
        }
    }

    /// Adds or replaces the flag parameter `name` (no value).
    public mutating func setFlag(_ name: String) { set(name, nil) }

    /// Removes `name`; says whether it was there.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard let i = index(of: name) else { return false }
        items.remove(at: i)
        return true
    }

    /// Makes room for `count` parameters.
    public mutating func reserveCapacity(_ count: Int) { items.reserveCapacity(count) }

    /// Appends a parameter without checking for duplicates (as received).
    public mutating func append(_ p: Parameter) { items.append(p) }

    /// gen-value = token / host / quoted-string (RFC 3261 §25.1): outside quotes, a token
    /// or a host, whose IPv6 reference adds "[", "]" and ":".
    @inline(__always) static func isValueChar(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: ":") || CharacterClass.isToken(b)
    }
    static let valueChars: [Bool] = (0..<256).map { isValueChar(UInt8($0)) }

    /// Parses `*( SEMI generic-param )` (RFC 3261 §25.1) for a header.
    /// Stops before anything that is not a `;` (a comma, the end).
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> Parameters {
        var params = Parameters()
        while true {
            s.skipWhitespace()
            guard s.consume(UInt8(ascii: ";")) else { break }
            // Room for the usual few (tag; branch and rport; lr …) without regrowing.
            if params.items.isEmpty { params.items.reserveCapacity(4) }
            s.skipWhitespace()
            let name = try s.expectToken("a parameter name")
            s.skipWhitespace()
            if s.consume(UInt8(ascii: "=")) {
                s.skipWhitespace()
                if s.peek() == UInt8(ascii: "\"") {
                    params.items.append(Parameter(name: name, value: try s.quotedString(), quoted: true))
                } else {
                    let r = s.scan(while: isValueChar)
                    guard !r.isEmpty else { throw s.error("parameter \(name) has an empty value") }
                    params.items.append(Parameter(name: name, value: s.string(r)))
                }
            } else {
                params.items.append(Parameter(name: name))
            }
        }
        return params
    }

    /// Writes `;name=value…` as header parameters.
    public func write(to out: inout [UInt8]) {
        // By index, reading each parameter in place rather than copying it.
        var i = 0
        while i < items.count {
            out.append(UInt8(ascii: ";"))
            out.appendUTF8(items[i].name)
            if let v = items[i].value {
                out.append(UInt8(ascii: "="))
                if items[i].quoted { QuotedString.write(v, to: &out) } else { out.appendUTF8(v) }
            }
            i += 1
        }
    }
}

/// Writing quoted-strings (RFC 3261 §25.1: `\` and `"` are escaped as quoted-pairs).
public enum QuotedString {
    public static func write(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            // CR and LF cannot appear in a quoted-string; drop them rather than break framing.
            if b == 0x0d || b == 0x0a { continue }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension StringProtocol {
    /// ASCII case-insensitive equality, as SIP compares names and tokens.
    public func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        var a = utf8.makeIterator()
        var b = other.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case let (x?, y?) where CharacterClass.lower(x) == CharacterClass.lower(y): continue
            default: return false
            }
        }
    }
}

extension String {
    /// ASCII case-insensitive equality of two Strings: lengths first, then the contiguous
    /// UTF-8 bytes (parameter lookups compare names this way for every header read).
    /// Reads both strings in place: no copy of either, so no reference counting.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let fast = utf8.withContiguousStorageIfAvailable { pa in
            other.utf8.withContiguousStorageIfAvailable { pb in
                var i = 0
                while i < pa.count {
                    let x = pa[i], y = pb[i]
                    if x != y && CharacterClass.lower(x) != CharacterClass.lower(y) { return false }
                    i &+= 1
                }
                return true
            }
        }
        if let fast, let result = fast { return result }
        return zip(utf8, other.utf8).allSatisfy { CharacterClass.lower($0) == CharacterClass.lower($1) }
    }
}
