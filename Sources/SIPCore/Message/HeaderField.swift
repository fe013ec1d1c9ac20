/// One header line in a message's index.
///
/// A received field points into the message bytes (name, value and the whole
/// line, continuation lines included); its typed value is parsed on first
/// access and cached. A field created or changed by the program carries its
/// canonical encoding instead, and is written from that.
struct HeaderField {
    var kind: KnownHeader
    /// The name for a field created by name, or an unknown header's name once read.
    var name: String?
    var nameRange: Range<Int>
    var valueRange: Range<Int>
    /// The bytes of the whole line including its line break; empty for a created field.
    var lineRange: Range<Int>
    /// `[T]`: the typed values of this line, once parsed or set.
    var cache: Any?
    /// The canonical encoding of the value, for created or modified fields.
    var encoded: [UInt8]?

    var isModified: Bool { encoded != nil }

    init(kind: KnownHeader, nameRange: Range<Int>, valueRange: Range<Int>, lineRange: Range<Int>) {
        self.kind = kind
        self.nameRange = nameRange
        self.valueRange = valueRange
        self.lineRange = lineRange
    }

    init(kind: KnownHeader, name: String?, encoded: [UInt8], cache: Any?) {
        self.kind = kind
        self.name = name
        self.nameRange = 0..<0
        self.valueRange = 0..<0
        self.lineRange = 0..<0
        self.cache = cache
        self.encoded = encoded
    }
}
