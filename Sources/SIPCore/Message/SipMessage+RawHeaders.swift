/// Access to any header by name, as text: unknown headers, or known ones read raw.
extension SipMessage {
    private func matches(_ i: Int, _ kind: KnownHeader, _ name: String) -> Bool {
        if kind != .unknown { return fields[i].kind == kind }
        guard fields[i].kind == .unknown else { return false }
        if let n = fieldName(i) { return n.caseInsensitiveEquals(name) }
        let r = fields[i].nameRange
        guard r.count == name.utf8.count else { return false }
        return zip(bytes[r], name.utf8).allSatisfy { CharacterClass.lower($0) == CharacterClass.lower($1) }
    }

    /// The text of field `i`'s value, folded lines joined with single spaces.
    func rawValue(_ i: Int) -> String {
        if let e = fieldWritten(i) { return String(decoding: e, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(fields[i].valueRange.count)
        var inBreak = false
        for b in bytes[fields[i].valueRange] {
            if b == 0x0d || b == 0x0a {
                inBreak = true
                continue
            }
            if inBreak {
                inBreak = false
                if b == 0x20 || b == 0x09 {
                    // A fold right after the colon is leading white space, not a separator.
                    if !out.isEmpty && out.last != 0x20 { out.append(0x20) }
                    continue
                }
            }
            if (b == 0x20 || b == 0x09), out.last == 0x20 { continue }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The values of every line of the header `name` (case-insensitive, compact forms too), in order.
    public func headerValues(named name: String) -> [String] {
        let kind = KnownHeader.classify(name)
        return fields.indices.filter { matches($0, kind, name) }.map(rawValue)
    }

    /// The value of the first line of the header `name`.
    public func headerValue(named name: String) -> String? {
        let kind = KnownHeader.classify(name)
        return fields.indices.first { matches($0, kind, name) }.map(rawValue)
    }

    /// Whether a header called `name` is present.
    public func exists(named name: String) -> Bool {
        let kind = KnownHeader.classify(name)
        return fields.indices.contains { matches($0, kind, name) }
    }

    /// Adds a line `name: value` after the other lines of that header (or at the end).
    /// Throws if `name` is not a token or `value` holds a line break.
    public func addHeader(named name: String, value: String) throws(SipParseError) {
        try Self.validate(name: name, value: value)
        let kind = KnownHeader.classify(name)
        if kind != .unknown { return try addHeader(kind, value: Array(value.utf8)) }
        let at = fields.indices.last { matches($0, kind, name) }.map { $0 + 1 } ?? fields.count
        fields.insert(makeField(kind: kind, name: name, encoded: Array(value.utf8)), at: at)
        isDirty = true
    }

    /// Adds a line of the known header `kind` holding `value` as is, after the other lines
    /// of that header (or at the end): for text a program has already encoded, such as a
    /// stored Contact. Its typed value is parsed when first read, like a received line's.
    /// Throws if `value` holds a line break or `kind` is `.unknown` (add those by name).
    public func addHeader(_ kind: KnownHeader, value: [UInt8]) throws(SipParseError) {
        guard kind != .unknown else {
            throw SipParseError(.badHeaderLine, "a header without a known name is added by name")
        }
        guard !value.contains(where: { $0 == 0x0d || $0 == 0x0a }) else {
            throw SipParseError(.badHeaderValue, "a header value cannot hold a line break", header: kind.canonicalName)
        }
        var at = fields.count
        while at > 0 && fields[at - 1].kind != kind { at -= 1 }
        if at == 0 || at == fields.count {
            fields.append(makeField(kind: kind, name: nil, encoded: value))
        } else {
            fields.insert(makeField(kind: kind, name: nil, encoded: value), at: at)
        }
        isDirty = true
    }

    /// Replaces every line of the header `name` with one line holding `value`.
    public func setHeader(named name: String, value: String) throws(SipParseError) {
        try Self.validate(name: name, value: value)
        removeHeader(named: name)
        try addHeader(named: name, value: value)
    }

    /// Removes every line of the header `name`.
    public func removeHeader(named name: String) {
        let kind = KnownHeader.classify(name)
        let keep = fields.indices.filter { !matches($0, kind, name) }
        if keep.count != fields.count {
            fields = keep.map { fields[$0] }
            isDirty = true
        }
    }

    /// The names of all header lines, in order, as written.
    public var headerNames: [String] { fields.indices.map(headerDisplayName) }

    private static func validate(name: String, value: String) throws(SipParseError) {
        guard !name.isEmpty, name.utf8.allSatisfy(CharacterClass.isToken) else {
            throw SipParseError(.badHeaderLine, "invalid header name '\(name)'")
        }
        guard !value.utf8.contains(where: { $0 == 0x0d || $0 == 0x0a }) else {
            throw SipParseError(.badHeaderValue, "a header value cannot hold a line break", header: name)
        }
    }
}
