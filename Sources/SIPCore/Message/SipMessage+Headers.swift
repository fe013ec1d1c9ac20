/// Typed header access: `msg[.to]?.tag`, `msg[.cSeq]?.sequence += 1`, `msg[.vias].first?.branch`.
extension SipMessage {
    // MARK: Parsing one field

    @usableFromInline func headerDisplayName(_ i: Int) -> String {
        if let n = fieldName(i) { return n }
        if fields[i].kind != .unknown { return fields[i].kind.canonicalName }
        return String(decoding: bytes[fields[i].nameRange], as: UTF8.self)
    }

    /// The typed values cached for field `i`, or nil when none are, or they are of another type.
    @inlinable @inline(__always) func cachedValues<T>(_ i: Int, _: T.Type) -> FieldValues<T>? {
        let tag = fields[i].scalarTag
        if tag != HeaderField.ScalarTag.none {
            // After specialization these casts between concrete types fold away.
            if T.self == Int.self, tag == HeaderField.ScalarTag.int || tag == HeaderField.ScalarTag.intWritten {
                return FieldValues(first: Int(fields[i].scalar) as! T, rest: [])
            }
            if T.self == CSeq.self, tag >= HeaderField.ScalarTag.cSeqMethods {
                let method = SipMethod.compact(Int(tag - HeaderField.ScalarTag.cSeqMethods))
                return FieldValues(first: CSeq(fields[i].scalar, method) as! T, rest: [])
            }
            return nil
        }
        let slot = Int(fields[i].slot)
        guard slot != 0 else { return nil }
        if T.self == String.self, let text = fieldReferences[slot - 1].text {
            return FieldValues(first: text as! T, rest: [])
        }
        guard let cache = fieldReferences[slot - 1].cache else { return nil }
        return FieldValues(cache: cache)
    }

    /// Caches `values` for field `i`: in the field itself when they fit (`FieldValues.scalar`),
    /// a lone `String` in the field's table entry, anything else as an object there.
    @inlinable @inline(__always) func store<T>(_ values: FieldValues<T>, at i: Int) {
        if let s = values.scalar {
            setFieldCache(i, nil, scalarTag: s.tag, scalar: s.value)
        } else if T.self == String.self, values.rest.isEmpty {
            setFieldText(i, values.first as! String)
        } else {
            setFieldCache(i, values.cache, scalarTag: HeaderField.ScalarTag.none, scalar: 0)
        }
    }

    /// The typed values of field `i`, parsed and cached on first use.
    ///
    /// A list header's line is `value *(COMMA value)` (RFC 3261 §7.3.1); empty elements
    /// (",,"), which some peers send, are tolerated.
    @inlinable func fieldValues<T>(_ i: Int, commaSeparated: Bool,
                        parse: (inout ByteScanner) throws(SipParseError) -> T) throws(SipParseError) -> FieldValues<T> {
        if let cached = cachedValues(i, T.self) { return cached }
        var s = valueScanner(i)
        s.skipWhitespace()
        if commaSeparated {
            while s.consume(UInt8(ascii: ",")) { s.skipWhitespace() }
            if s.isAtEnd { throw s.error("empty header value") }
        }
        let first = try parse(&s)
        var rest: [T] = []
        s.skipWhitespace()
        while commaSeparated && s.consume(UInt8(ascii: ",")) {
            s.skipWhitespace()
            while s.consume(UInt8(ascii: ",")) { s.skipWhitespace() }
            if s.isAtEnd { break }
            rest.append(try parse(&s))
            s.skipWhitespace()
        }
        try s.expectEnd()
        let values = FieldValues(first: first, rest: rest)
        store(values, at: i)
        return values
    }

    /// Room reserved for a header value encoded anew, so that writing one rarely regrows the buffer.
    @usableFromInline static var encodedCapacity: Int { 96 }

    /// `value` written by `write` into a new buffer with that room.
    @inlinable static func encoding<V>(_ value: V, _ write: (V, inout [UInt8]) -> Void) -> [UInt8] {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(encodedCapacity)
        write(value, &encoded)
        return encoded
    }

    /// A scanner over the value of field `i`: its received bytes, or the text the program set
    /// (a line added by name has no range in `bytes`).
    @inlinable func valueScanner(_ i: Int) -> ByteScanner {
        if let e = fieldWritten(i) {
            return ByteScanner(e, range: 0..<e.count, header: headerDisplayName(i))
        }
        return ByteScanner(bytes, range: fields[i].valueRange, header: headerDisplayName(i))
    }

    /// Calls `body` with a scanner over the value of each line of `kind`, in order: for a
    /// reader that takes a few parts of a value once, without building and caching its
    /// typed form (a registrar reading the credentials of every REGISTER).
    public func scanLines(of kind: KnownHeader,
                          _ body: (inout ByteScanner) throws(SipParseError) -> Void) throws(SipParseError) {
        var i = 0
        while i < fields.count {
            if fields[i].kind == kind {
                var s = valueScanner(i)
                try body(&s)
            }
            i += 1
        }
    }

    @inlinable func firstIndex(_ kind: KnownHeader) -> Int? {
        var i = 0
        let n = fields.count
        while i < n {
            if fields[i].kind == kind { return i }
            i += 1
        }
        return nil
    }

    // MARK: Single-valued headers

    /// The typed value of a single-valued header, or the error that makes it unreadable.
    @inlinable public func get<V>(_ key: HeaderKey<V>) throws(SipParseError) -> V {
        guard let i = firstIndex(key.header) else {
            throw SipParseError(.missingHeader, "missing header", header: key.header.canonicalName)
        }
        return try fieldValues(i, commaSeparated: false, parse: key.parse).first
    }

    /// The typed value of a single-valued header: nil when absent or malformed.
    /// Setting a value replaces the header (re-encoded canonically); setting nil removes it.
    @inlinable public subscript<V>(key: HeaderKey<V>) -> V? {
        get { try? get(key) }
        set {
            guard let newValue else {
                remove(key)
                return
            }
            let values = FieldValues(first: newValue, rest: [])
            // A number written as plain decimal is kept as the number, with no encoding.
            let number = key.writesDecimal ? values.scalar.flatMap { $0.tag == HeaderField.ScalarTag.int ? $0.value : nil } : nil
            if let i = firstIndex(key.header) {
                if let old = cachedValues(i, V.self), old.rest.isEmpty, old.first == newValue { return }
                if let number {
                    setFieldNumber(i, number)
                } else {
                    store(values, at: i)
                    setFieldEncoded(i, Self.encoding(newValue, key.write))
                }
                var j = fields.count - 1
                while j > i {
                    if fields[j].kind == key.header { fields.remove(at: j) }
                    j -= 1
                }
            } else if let number {
                var f = HeaderField(kind: key.header, slot: 0)
                f.scalarTag = HeaderField.ScalarTag.intWritten
                f.scalar = number
                fields.append(f)
            } else {
                fields.append(makeField(kind: key.header, encoded: Self.encoding(newValue, key.write), values: values))
            }
            isDirty = true
        }
    }

    // MARK: Multi-valued headers

    /// All values of a list header, in order across lines, or the first error met.
    @inlinable public func values<E>(_ key: ListHeaderKey<E>) throws(SipParseError) -> [E] {
        guard let first = firstIndex(key.header) else { return [] }
        let firstValues = try fieldValues(first, commaSeparated: key.commaSeparated, parse: key.parse)
        // One line holding one value, as a request's Via or Route usually is: an array made
        // at its size, with no growth along the way.
        if firstValues.rest.isEmpty, !fields[(first + 1)...].contains(where: { $0.kind == key.header }) {
            return [firstValues.first]
        }
        var result: [E] = []
        firstValues.append(to: &result)
        var i = first + 1
        while i < fields.count {
            if fields[i].kind == key.header {
                try fieldValues(i, commaSeparated: key.commaSeparated, parse: key.parse).append(to: &result)
            }
            i += 1
        }
        return result
    }

    /// The number of values of a list header across its lines, or the first error met:
    /// reads (and caches) every line as `values` does, without building an array.
    @inlinable public func valueCount<E>(_ key: ListHeaderKey<E>) throws(SipParseError) -> Int {
        var count = 0
        var i = 0
        while i < fields.count {
            if fields[i].kind == key.header {
                count += try fieldValues(i, commaSeparated: key.commaSeparated, parse: key.parse).count
            }
            i += 1
        }
        return count
    }

    /// All values of a list header: empty when absent or malformed. Setting replaces the
    /// header's values; lines whose values are unchanged keep their original bytes.
    @inlinable public subscript<E>(key: ListHeaderKey<E>) -> [E] {
        get { (try? values(key)) ?? [] }
        set { setValues(key, newValue) }
    }

    @usableFromInline func setValues<E>(_ key: ListHeaderKey<E>, _ newValues: [E]) {
        let lineIndexes = fields.indices.filter { fields[$0].kind == key.header }
        var perLine: [[E]] = []
        for i in lineIndexes {
            guard let v = try? fieldValues(i, commaSeparated: key.commaSeparated, parse: key.parse) else {
                perLine = []
                break
            }
            perLine.append(v.all)
        }
        if perLine.count == lineIndexes.count, perLine.reduce(0, { $0 + $1.count }) == newValues.count {
            // Same shape: rewrite only the lines whose values changed.
            var k = 0
            for (n, i) in lineIndexes.enumerated() {
                let slice = Array(newValues[k..<(k + perLine[n].count)])
                k += slice.count
                if slice != perLine[n] { replaceLine(i, key, slice) }
            }
            return
        }
        let position = lineIndexes.first ?? defaultPosition(for: key.header)
        for i in lineIndexes.reversed() { fields.remove(at: i) }
        let newFields = newValues.map { makeField(key, single: $0) }
        fields.insert(contentsOf: newFields, at: min(position, fields.count))
        isDirty = true
    }

    private func replaceLine<E>(_ i: Int, _ key: ListHeaderKey<E>, _ values: [E]) {
        fields[i] = makeField(key, values)
        isDirty = true
    }

    private func makeField<E>(_ key: ListHeaderKey<E>, _ values: [E]) -> HeaderField {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(Self.encodedCapacity * values.count)
        for (n, v) in values.enumerated() {
            if n > 0 { encoded.append(contentsOf: ", ".utf8) }
            key.write(v, &encoded)
        }
        guard let made = FieldValues.make(values) else { return makeField(kind: key.header, name: nil, encoded: encoded) }
        return makeField(kind: key.header, encoded: encoded, values: made)
    }

    /// A line holding one value (no array around it, as a proxy's pushed Via or Record-Route).
    private func makeField<E>(_ key: ListHeaderKey<E>, single value: E) -> HeaderField {
        makeField(kind: key.header, encoded: Self.encoding(value, key.write), values: FieldValues(first: value, rest: []))
    }

    /// Where a header goes when the message has none yet: Via first, others at the end.
    private func defaultPosition(for kind: KnownHeader) -> Int {
        kind == .via ? 0 : fields.count
    }

    /// The first value of a list header, nil when it has none, or the error that makes
    /// its first line unreadable. Reads only that line, and builds no array.
    public func firstValue<E>(_ key: ListHeaderKey<E>) throws(SipParseError) -> E? {
        guard let i = firstIndex(key.header) else { return nil }
        return try fieldValues(i, commaSeparated: key.commaSeparated, parse: key.parse).first
    }

    /// The first value of a list header: nil when it has none or its first line is malformed.
    public func front<E>(_ key: ListHeaderKey<E>) -> E? {
        (try? firstValue(key)) ?? nil
    }

    /// The last value of a list header.
    public func back<E>(_ key: ListHeaderKey<E>) -> E? {
        guard let i = fields.lastIndex(where: { $0.kind == key.header }) else { return nil }
        return (try? fieldValues(i, commaSeparated: key.commaSeparated, parse: key.parse))?.last
    }

    /// Adds `value` before every other value of the header, on a line of its own,
    /// leaving the existing lines untouched (RFC 3261 §16.6 step 8 pushes a Via this way).
    public func pushFront<E>(_ key: ListHeaderKey<E>, _ value: E) {
        let at = firstIndex(key.header) ?? defaultPosition(for: key.header)
        fields.insert(makeField(key, single: value), at: at)
        isDirty = true
    }

    /// Adds `value` after every other value of the header.
    public func pushBack<E>(_ key: ListHeaderKey<E>, _ value: E) {
        let at = fields.lastIndex(where: { $0.kind == key.header }).map { $0 + 1 } ?? defaultPosition(for: key.header)
        fields.insert(makeField(key, single: value), at: at)
        isDirty = true
    }

    /// Removes and returns the first value (RFC 3261 §16.4 removes our own top Route this way).
    @discardableResult
    public func popFront<E>(_ key: ListHeaderKey<E>) -> E? {
        guard let i = firstIndex(key.header),
              let values = try? fieldValues(i, commaSeparated: key.commaSeparated, parse: key.parse)
        else { return nil }
        if values.rest.isEmpty {
            fields.remove(at: i)
        } else {
            replaceLine(i, key, values.rest)
        }
        isDirty = true
        return values.first
    }

    /// Removes and returns the last value.
    @discardableResult
    public func popBack<E>(_ key: ListHeaderKey<E>) -> E? {
        guard let i = fields.lastIndex(where: { $0.kind == key.header }),
              let values = try? fieldValues(i, commaSeparated: key.commaSeparated, parse: key.parse)
        else { return nil }
        if values.rest.isEmpty {
            fields.remove(at: i)
        } else {
            replaceLine(i, key, Array(values.all.dropLast()))
        }
        isDirty = true
        return values.last
    }

    // MARK: Presence and removal

    /// Whether the header appears at least once.
    public func exists<V>(_ key: HeaderKey<V>) -> Bool { exists(kind: key.header) }
    /// Whether the list header appears at least once.
    public func exists<E>(_ key: ListHeaderKey<E>) -> Bool { exists(kind: key.header) }
    /// Removes every line of the header.
    public func remove<V>(_ key: HeaderKey<V>) { remove(kind: key.header) }
    /// Removes every line of the list header.
    public func remove<E>(_ key: ListHeaderKey<E>) { remove(kind: key.header) }

    func exists(kind: KnownHeader) -> Bool {
        fields.contains { $0.kind == kind }
    }

    func remove(kind: KnownHeader) {
        let before = fields.count
        fields.removeAll { $0.kind == kind }
        if fields.count != before { isDirty = true }
    }
}
