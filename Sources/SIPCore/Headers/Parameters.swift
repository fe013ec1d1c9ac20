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
///
/// A list read from a message in its plain form — `;name[=value]…` with no white space,
/// quotes or escapes, as nearly every list is — is kept as those bytes of the message
/// (`ReceivedText`: the message's buffer and a range, no copy), and a lookup scans them.
/// The list is built only when it is changed or walked; a change first makes the text a
/// String of its own. Holding a header's parameters therefore costs no allocation; a lookup
/// makes a String of the one value asked for.
public struct Parameters: Sendable, RandomAccessCollection {
    @usableFromInline enum Storage: Sendable {
        case list([Parameter])
        /// The plain text of the list, starting with its first ';'.
        case text(String)
        /// The plain text of the list in a received message's bytes, starting with its first ';'.
        case received(ReceivedText)
    }
    @usableFromInline var storage: Storage

    public init(_ items: [Parameter] = []) { storage = .list(items) }

    /// A list in plain text form (`;a=1;b`): only for text a parser checked as plain.
    init(plainText: String) { storage = plainText.isEmpty ? .list([]) : .text(plainText) }

    /// A list in plain form in `bytes[range]`: only for bytes a parser checked as plain.
    init(plainBytes bytes: [UInt8], _ range: Range<Int>) {
        if range.isEmpty {
            storage = .list([])
        } else if let r = ReceivedText(bytes, range) {
            storage = .received(r)
        } else {
            storage = .text(String(decoding: bytes[range], as: UTF8.self))
        }
    }

    /// Calls `body` with the plain text of the list, or returns nil for a built list.
    @inline(__always)
    private func withPlainText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        switch storage {
        case .list: return nil
        case .text(let text): return text.withUTF8Bytes(body)
        case .received(let r): return r.withBytes(body)
        }
    }

    /// The parameters in order.
    public var items: [Parameter] {
        if case .list(let items) = storage { return items }
        return withPlainText(Self.split) ?? []
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        if case .list(let items) = storage { return items.count }
        return withPlainText(Self.count) ?? 0
    }
    public subscript(position: Int) -> Parameter { items[position] }
    public func makeIterator() -> IndexingIterator<[Parameter]> { items.makeIterator() }

    /// Whether the list is empty, without splitting text.
    public var isEmpty: Bool {
        switch storage {
        case .list(let items): return items.isEmpty
        case .text, .received: return false
        }
    }

    /// The position of `name` in the list: a plain loop over the stored items, which reads
    /// each name in place (a closure over the elements copied and retained every one it
    /// looked at).
    private static func index(of name: String, in items: [Parameter]) -> Int? {
        var i = 0
        let n = items.count
        while i < n {
            if items[i].name.caseInsensitiveEquals(name) { return i }
            i &+= 1
        }
        return nil
    }

    /// Whether a parameter named `name` is present (with or without a value).
    public func contains(_ name: String) -> Bool {
        if case .list(let items) = storage { return Self.index(of: name, in: items) != nil }
        return withPlainText { Self.find(name, in: $0) != nil } ?? false
    }

    /// The value of `name`: nil when absent, "" for a flag without value.
    /// Setting nil removes it; setting a value adds or replaces it.
    public subscript(name: String) -> String? {
        get {
            if case .list(let items) = storage { return Self.index(of: name, in: items).map { items[$0].value ?? "" } }
            return withPlainText { Self.lookup(name, in: $0) } ?? nil
        }
        set {
            if let newValue { set(name, newValue) } else { remove(name) }
        }
    }

    /// Calls `body` with the bytes of `name`'s value (empty for a flag), or with nil when it is
    /// absent: read in place from a plain list, with no String made.
    func withValueBytes<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        func answer(_ b: UnsafeBufferPointer<UInt8>) -> R {
            guard let found = Self.find(name, in: b) else { return body(nil) }
            guard let value = found.value else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(rebasing: b[value]))
        }
        switch storage {
        case .list(let items):
            guard let i = Self.index(of: name, in: items) else { return body(nil) }
            return (items[i].value ?? "").withUTF8Bytes { body($0) }
        case .text(let text): return text.withUTF8Bytes(answer)
        case .received(let r): return r.withBytes(answer)
        }
    }

    /// The stored list, built from the text first when the list is held as text.
    private mutating func withList<R>(_ body: (inout [Parameter]) -> R) -> R {
        var items = self.items
        storage = .list([])  // leaves `items` the only reference, so changing it does not copy
        defer { storage = .list(items) }
        return body(&items)
    }

    /// Adds or replaces `name` with `value` (nil makes it a flag).
    public mutating func set(_ name: String, _ value: String?, quoted: Bool = false) {
        // A plain list (as text or as received) gets its new text in one String, written
        // from the old text's bytes where they lie.
        if !quoted, Self.isPlain(name), value.map(Self.isPlain) ?? true,
           let text = withPlainText({ Self.replacing(Edit(name: name, value: value, found: Self.find(name, in: $0)), in: $0) }) {
            storage = .text(text)
            return
        }
        withList { items in
            if let i = Self.index(of: name, in: items) {
                items[i].value = value
                items[i].quoted = quoted
            } else {
                items.append(Parameter(name: name, value: value, quoted: quoted))
            }
        }
    }

    /// Adds or replaces two parameters with plain values in one change: a plain list gets its
    /// new text in one String (a request's Via stamped with `rport` and `received`, RFC 3581 §4).
    public mutating func set(_ first: (name: String, value: String?), _ second: (name: String, value: String?)) {
        if Self.isPlain(first.name), Self.isPlain(second.name), !first.name.caseInsensitiveEquals(second.name),
           first.value.map(Self.isPlain) ?? true, second.value.map(Self.isPlain) ?? true,
           let text = withPlainText({ b in
               Self.replacing(Edit(name: first.name, value: first.value, found: Self.find(first.name, in: b)),
                              Edit(name: second.name, value: second.value, found: Self.find(second.name, in: b)), in: b)
           }) {
            storage = .text(text)
            return
        }
        set(first.name, first.value)
        set(second.name, second.value)
    }

    /// Adds or replaces the flag parameter `name` (no value).
    public mutating func setFlag(_ name: String) { set(name, nil) }

    /// Removes `name`; says whether it was there.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        if let rest = withPlainText({ b in
            Self.find(name, in: b).map { Self.replacing(Edit(name: name, value: nil, removes: true, found: $0), in: b) }
        }) {
            guard let rest else { return false }
            storage = rest.isEmpty ? .list([]) : .text(rest)
            return true
        }
        return withList { items in
            guard let i = Self.index(of: name, in: items) else { return false }
            items.remove(at: i)
            return true
        }
    }

    /// Makes room for `count` parameters.
    public mutating func reserveCapacity(_ count: Int) {
        if case .list = storage { withList { $0.reserveCapacity(count) } }
    }

    /// Appends a parameter without checking for duplicates (as received).
    public mutating func append(_ p: Parameter) { withList { $0.append(p) } }

    // MARK: The text form

    /// Walks the `;name[=value]` items of plain `text`, calling `body` with the byte ranges
    /// of each name and value until it returns true.
    private static func forEachItem(
        in b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>, Range<Int>?) -> Bool
    ) {
        do {
            var i = 0
            let n = b.count
            while i < n {
                i += 1  // the ';'
                let nameStart = i
                while i < n, b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ";") { i += 1 }
                let nameRange = nameStart..<i
                var valueRange: Range<Int>?
                if i < n, b[i] == UInt8(ascii: "=") {
                    i += 1
                    let valueStart = i
                    while i < n, b[i] != UInt8(ascii: ";") { i += 1 }
                    valueRange = valueStart..<i
                }
                if body(b, nameRange, valueRange) { return }
            }
        }
    }

    /// Where an item sits in plain text: the whole item from its ';', the end of its name,
    /// and its value.
    private struct Found {
        let item: Range<Int>
        let nameEnd: Int
        let value: Range<Int>?
    }

    /// Where the first item named `name` (compared ignoring case) sits in plain `text`; nil
    /// when absent.
    private static func find(_ name: String, in text: UnsafeBufferPointer<UInt8>) -> Found? {
        var found: Found?
        name.withUTF8Bytes { wanted in
            forEachItem(in: text) { b, nameRange, valueRange in
                guard nameRange.count == wanted.count else { return false }
                var k = 0
                while k < wanted.count {
                    let x = b[nameRange.lowerBound + k], y = wanted[k]
                    if x != y && CharacterClass.lower(x) != CharacterClass.lower(y) { return false }
                    k += 1
                }
                found = Found(item: (nameRange.lowerBound - 1)..<(valueRange?.upperBound ?? nameRange.upperBound),
                              nameEnd: nameRange.upperBound, value: valueRange)
                return true
            }
        }
        return found
    }

    /// The value of the first item named `name` in plain `text`: nil when absent, "" for a flag.
    private static func lookup(_ name: String, in text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let found = find(name, in: text) else { return nil }
        guard let r = found.value else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: text[r]), as: UTF8.self)
    }

    /// Whether `text` may go into a plain list of either kind as it is: every byte is one
    /// that both a header parameter (token, or a host's "[", "]", ":") and a URI parameter
    /// (paramchar) take unescaped — an address, a port, a tag or a branch.
    static func isPlain(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        for b in text.utf8 where !(isValueChar(b) && CharacterClass.isURIParamChar(b)) { return false }
        return true
    }

    /// One change `replacing` makes to plain text: the item `name` (where `find` found it, or
    /// nil) given `value` (nil: a flag), or removed.
    private struct Edit {
        let name: String
        let value: String?
        var removes = false
        let found: Found?

        /// The bytes the edit may add.
        var room: Int { 2 + name.utf8.count + (value?.utf8.count ?? 0) }
    }

    /// Plain text `b` with `first` and `second` applied in one pass: a found item rewritten in
    /// place (its name's spelling kept) or dropped; an item not found appended at the end.
    /// The two edits name different items.
    private static func replacing(_ first: Edit, _ second: Edit? = nil, in b: UnsafeBufferPointer<UInt8>) -> String {
        // The edits of found items in the order they sit in the text.
        var a: Edit? = first.found != nil ? first : nil
        var c: Edit? = second?.found != nil ? second : nil
        if let x = a?.found, let y = c?.found, y.item.lowerBound < x.item.lowerBound { swap(&a, &c) }
        if a == nil { swap(&a, &c) }
        return String(unsafeUninitializedCapacity: b.count + first.room + (second?.room ?? 0)) { buffer in
            var out = MessageWriter(buffer)
            func putValue(_ value: String?) {
                guard let value else { return }
                out.put(UInt8(ascii: "="))
                out.put(value)
            }
            var from = 0
            func rewrite(_ edit: Edit?) {
                guard let edit, let found = edit.found else { return }
                out.put(UnsafeBufferPointer(rebasing: b[from..<found.item.lowerBound]))
                if !edit.removes {
                    out.put(UnsafeBufferPointer(rebasing: b[found.item.lowerBound..<found.nameEnd]))
                    putValue(edit.value)
                }
                from = found.item.upperBound
            }
            func append(_ edit: Edit?) {
                guard let edit, edit.found == nil, !edit.removes else { return }
                out.put(UInt8(ascii: ";"))
                out.put(edit.name)
                putValue(edit.value)
            }
            rewrite(a)
            rewrite(c)
            out.put(UnsafeBufferPointer(rebasing: b[from...]))
            append(first)
            append(second)
            return out.count
        }
    }

    private static func count(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in text where b == UInt8(ascii: ";") { n += 1 }
        return n
    }

    private static func split(_ text: UnsafeBufferPointer<UInt8>) -> [Parameter] {
        var items: [Parameter] = []
        items.reserveCapacity(count(text))
        forEachItem(in: text) { b, nameRange, valueRange in
            items.append(Parameter(
                name: String(decoding: UnsafeBufferPointer(rebasing: b[nameRange]), as: UTF8.self),
                value: valueRange.map { String(decoding: UnsafeBufferPointer(rebasing: b[$0]), as: UTF8.self) }))
            return false
        }
        return items
    }

    /// gen-value = token / host / quoted-string (RFC 3261 §25.1): outside quotes, a token
    /// or a host, whose IPv6 reference adds "[", "]" and ":".
    @inline(__always) static func isValueChar(_ b: UInt8) -> Bool { CharacterClass.isGenericValueChar(b) }
    static let valueChars: [Bool] = (0..<256).map { isValueChar(UInt8($0)) }

    /// Parses `*( SEMI generic-param )` (RFC 3261 §25.1) for a header.
    /// Stops before anything that is not a `;` (a comma, the end).
    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> Parameters {
        s.skipWhitespace()
        guard s.peek() == UInt8(ascii: ";") else { return Parameters() }
        if let plain = plainHeaderParameters(&s) { return plain }
        var items: [Parameter] = []
        items.reserveCapacity(4)
        while true {
            s.skipWhitespace()
            guard s.consume(UInt8(ascii: ";")) else { break }
            s.skipWhitespace()
            let name = try s.expectToken("a parameter name")
            s.skipWhitespace()
            if s.consume(UInt8(ascii: "=")) {
                s.skipWhitespace()
                if s.peek() == UInt8(ascii: "\"") {
                    items.append(Parameter(name: name, value: try s.quotedString(), quoted: true))
                } else {
                    let r = s.scan(while: isValueChar)
                    guard !r.isEmpty else { throw s.error("parameter \(name) has an empty value") }
                    items.append(Parameter(name: name, value: s.string(r)))
                }
            } else {
                items.append(Parameter(name: name))
            }
        }
        return Parameters(items)
    }

    /// The parameters at `s` (which is at a ';') when they are written plainly — each
    /// `;token[=value]` with no white space inside, no quoted value — as one text, leaving
    /// `s` where `parse` would; nil, with `s` untouched, for any other form (which `parse`
    /// then reads, or rejects, item by item).
    private static func plainHeaderParameters(_ s: inout ByteScanner) -> Parameters? {
        let start = s.position
        let end = s.end
        let stop = plainRunEnd(s.bytes, from: start, to: end, emptyValues: false,
                               name: CharacterClass.isToken, value: isValueChar)
        guard let i = stop else { return nil }
        // What follows must end the list for `parse` too: white space then ';' or '=' would
        // continue it.
        var j = i
        while j < end, CharacterClass.isWhitespace(s.bytes[j]) { j += 1 }
        if j < end, s.bytes[j] == UInt8(ascii: ";") || s.bytes[j] == UInt8(ascii: "=") { return nil }
        s.position = j
        return Parameters(plainBytes: s.bytes, start..<i)
    }

    /// Where the run of `;name[=value]` items at `start` ends, each name made of bytes
    /// `name` accepts and each value of bytes `value` accepts; nil when a name is empty, or
    /// a value is and `emptyValues` is false. The caller checks that what follows ends the
    /// list in its grammar.
    @inline(__always)
    static func plainRunEnd(_ bytes: [UInt8], from start: Int, to end: Int, emptyValues: Bool,
                            name: (UInt8) -> Bool, value: (UInt8) -> Bool) -> Int? {
        bytes.withUnsafeBufferPointer {
            plainRunEnd($0, from: start, to: end, emptyValues: emptyValues, name: name, value: value)
        }
    }

    /// `plainRunEnd` over bytes already lent as a buffer.
    @inline(__always)
    static func plainRunEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, emptyValues: Bool,
                            name: (UInt8) -> Bool, value: (UInt8) -> Bool) -> Int? {
        var i = start
        while i < end, b[i] == UInt8(ascii: ";") {
            i &+= 1
            let nameStart = i
            while i < end, name(b[i]) { i &+= 1 }
            if i == nameStart { return nil }
            if i < end, b[i] == UInt8(ascii: "=") {
                i &+= 1
                let valueStart = i
                while i < end, value(b[i]) { i &+= 1 }
                if i == valueStart && !emptyValues { return nil }
            }
        }
        return i
    }

    /// Writes `;name=value…` as header parameters.
    public func write(to out: inout [UInt8]) { put(into: &out) }

    /// Writes `;name=value…` into `out` (an array, or a value composed on the stack).
    func put<Sink: ByteSink>(into out: inout Sink) {
        switch storage {
        case .text(let text):
            out.put(text)
        case .received(let r):
            r.withBytes { out.put($0) }
        case .list(let items):
            // By index, reading each parameter in place rather than copying it.
            var i = 0
            while i < items.count {
                out.put(UInt8(ascii: ";"))
                out.put(items[i].name)
                if let v = items[i].value {
                    out.put(UInt8(ascii: "="))
                    if items[i].quoted { QuotedString.put(v, into: &out) } else { out.put(v) }
                }
                i += 1
            }
        }
    }
}

extension Parameters: Equatable, Hashable {
    public static func == (a: Parameters, b: Parameters) -> Bool {
        let same = a.withPlainText { x in b.withPlainText { y in x.elementsEqual(y) } ?? false } ?? false
        if same { return true }
        return a.items == b.items
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(items) }
}

/// Writing quoted-strings (RFC 3261 §25.1: `\` and `"` are escaped as quoted-pairs).
public enum QuotedString {
    public static func write(_ text: String, to out: inout [UInt8]) { put(text, into: &out) }

    static func put<Sink: ByteSink>(_ text: String, into out: inout Sink) {
        out.put(UInt8(ascii: "\""))
        for b in text.utf8 {
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { out.put(UInt8(ascii: "\\")) }
            // CR and LF cannot appear in a quoted-string; drop them rather than break framing.
            if b == 0x0d || b == 0x0a { continue }
            out.put(b)
        }
        out.put(UInt8(ascii: "\""))
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
