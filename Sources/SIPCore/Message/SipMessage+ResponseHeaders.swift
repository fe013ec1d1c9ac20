/// Copying a request's header lines into a response without re-encoding them.
extension SipMessage {
    /// The headers a response copies from its request (RFC 3261 §8.2.6.2).
    static let responseCopiedHeaders: [KnownHeader] = [.via, .from, .to, .callID, .cSeq]

    /// Copies every line of `kinds` from `request`, in the request's order, as they are:
    /// the lines keep pointing into the request's bytes (shared, not copied), and their
    /// parsed values come along. Only for a message built in code that has no lines yet.
    func copyHeaderLines(_ kinds: [KnownHeader], from request: SipMessage) {
        precondition(fields.isEmpty && bytes.isEmpty, "copyHeaderLines needs a message without lines")
        bytes = request.bytes
        fields.reserveCapacity(kinds.count + 4)
        // By index: a `for f in request.fields` loop copies (and retains) every line it looks at.
        let source = request.fields
        var i = 0
        while i < source.count {
            if kinds.contains(source[i].kind) { fields.append(adoptField(source[i], from: request)) }
            i += 1
        }
        isDirty = true
    }

    /// The raw text of the first `kind` line's value, whatever its syntax, with room for
    /// `extra` more bytes (what the caller appends, so that appending does not regrow it).
    func firstRawValue(_ kind: KnownHeader, extra: Int = 0) -> [UInt8]? {
        guard let i = firstIndex(kind) else { return nil }
        var raw: [UInt8] = []
        if let e = fieldWritten(i) {
            raw.reserveCapacity(e.count + extra)
            raw.append(contentsOf: e)
        } else {
            raw.reserveCapacity(fields[i].valueRange.count + extra)
            raw.append(contentsOf: bytes[fields[i].valueRange])
        }
        return raw
    }

    /// Replaces the first `kind` line's value with `value`, written as is (the parsed value
    /// is dropped and read again from the text when asked for).
    func replaceFirstRawValue(_ kind: KnownHeader, with value: [UInt8]) {
        guard let i = firstIndex(kind) else { return }
        fields[i] = makeField(kind: kind, name: nil, encoded: value)
        isDirty = true
    }
}
