/// One header line in a message's index.
///
/// A received field points into the message bytes (name, value and the whole
/// line, continuation lines included); its typed value is parsed on first
/// access and cached. A field created or changed by the program carries its
/// canonical encoding instead, and is written from that.
///
/// The ranges are plain integers and the rarely used parts sit behind one
/// immutable reference, so that indexing, copying and freeing fields is cheap.
@usableFromInline
struct HeaderField {
    @usableFromInline var kind: KnownHeader
    @usableFromInline var nameRange: Range<Int>
    @usableFromInline var valueRange: Range<Int>
    /// The bytes of the whole line including its line break; empty for a created field.
    @usableFromInline var lineRange: Range<Int>
    @usableFromInline var extra: HeaderFieldExtra?
    /// `HeaderFieldValues<T>`: the typed values of this line, once parsed or set.
    @usableFromInline var cache: HeaderFieldCache?

    @usableFromInline
    init(kind: KnownHeader, nameRange: Range<Int>, valueRange: Range<Int>, lineRange: Range<Int>) {
        self.kind = kind
        self.nameRange = nameRange
        self.valueRange = valueRange
        self.lineRange = lineRange
        self.extra = nil
        self.cache = nil
    }

    @usableFromInline
    init(kind: KnownHeader, name: String?, encoded: [UInt8], cache: HeaderFieldCache?) {
        self.kind = kind
        self.nameRange = 0..<0
        self.valueRange = 0..<0
        self.lineRange = 0..<0
        self.extra = HeaderFieldExtra(name: name, encoded: encoded)
        self.cache = cache
    }

    /// The name for a field created by name.
    @usableFromInline var name: String? { extra?.name }

    /// The canonical encoding of the value, for created or modified fields.
    @usableFromInline var encoded: [UInt8]? {
        get { extra?.encoded }
        set { extra = HeaderFieldExtra(name: extra?.name, encoded: newValue) }
    }
}

/// The parts of a header field that most fields never need. Immutable, so message
/// copies can share it; a change replaces it.
@usableFromInline
final class HeaderFieldExtra: @unchecked Sendable {
    @usableFromInline let name: String?
    @usableFromInline let encoded: [UInt8]?

    @usableFromInline
    init(name: String?, encoded: [UInt8]?) {
        self.name = name
        self.encoded = encoded
    }
}
