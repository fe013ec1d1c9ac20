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
    /// The field's references, together in a struct of their own: built as one all-nil value, they
    /// let the parser append a new field without an outlined copy and destroy of it.
    @usableFromInline var references = References()
    // Offsets into the message bytes, 32 bits wide so that a field takes 56 bytes and the
    // index of a typical message fits one small allocation (the parser caps messages below 4 GiB).
    @usableFromInline var nameStart: UInt32
    @usableFromInline var nameEnd: UInt32
    @usableFromInline var valueStart: UInt32
    @usableFromInline var valueEnd: UInt32
    @usableFromInline var lineStart: UInt32
    @usableFromInline var lineEnd: UInt32
    @usableFromInline var kind: KnownHeader
    /// What `scalar` holds (`ScalarTag`): a small typed value cached in the field itself,
    /// in what would otherwise be padding, instead of in an object behind `cache`.
    @usableFromInline var scalarTag: UInt8 = ScalarTag.none
    @usableFromInline var scalar: UInt32 = 0

    @usableFromInline
    init(kind: KnownHeader, nameRange: Range<Int>, valueRange: Range<Int>, lineRange: Range<Int>) {
        self.kind = kind
        self.nameStart = UInt32(nameRange.lowerBound)
        self.nameEnd = UInt32(nameRange.upperBound)
        self.valueStart = UInt32(valueRange.lowerBound)
        self.valueEnd = UInt32(valueRange.upperBound)
        self.lineStart = UInt32(lineRange.lowerBound)
        self.lineEnd = UInt32(lineRange.upperBound)
    }

    @usableFromInline
    init(kind: KnownHeader, name: String?, encoded: [UInt8]) {
        self.init(kind: kind, nameRange: 0..<0, valueRange: 0..<0, lineRange: 0..<0)
        if let name { self.extra = HeaderFieldExtra(name: name) }
        self.references.encoded = encoded
    }

    @inlinable
    init<T>(kind: KnownHeader, encoded: [UInt8], values: FieldValues<T>?) {
        self.init(kind: kind, nameRange: 0..<0, valueRange: 0..<0, lineRange: 0..<0)
        self.references.encoded = encoded
        if let values {
            if let s = values.scalar {
                scalarTag = s.tag
                scalar = s.value
            } else {
                cache = values.cache
            }
        }
    }

    @usableFromInline var extra: HeaderFieldExtra? {
        get { references.extra }
        set { references.extra = newValue }
    }

    /// The typed values of this line once parsed or set: a `HeaderFieldValues<T>`, or the
    /// value's own object for a single name-addr or Via (see `FieldValues.init(cache:)`).
    @usableFromInline var cache: HeaderFieldCache? {
        get { references.cache }
        set { references.cache = newValue }
    }

    /// Sets what the field caches: an object, or a value held in the field itself.
    @inlinable @inline(__always)
    mutating func setCache(_ cache: HeaderFieldCache?, scalarTag: UInt8, scalar: UInt32) {
        self.cache = cache
        self.scalarTag = scalarTag
        self.scalar = scalar
    }

    @usableFromInline var nameRange: Range<Int> { Int(nameStart)..<Int(nameEnd) }

    @usableFromInline var valueRange: Range<Int> {
        get { Int(valueStart)..<Int(valueEnd) }
        set {
            valueStart = UInt32(newValue.lowerBound)
            valueEnd = UInt32(newValue.upperBound)
        }
    }

    /// The bytes of the whole line including its line break; empty for a created field.
    @usableFromInline var lineRange: Range<Int> {
        get { Int(lineStart)..<Int(lineEnd) }
        set {
            lineStart = UInt32(newValue.lowerBound)
            lineEnd = UInt32(newValue.upperBound)
        }
    }

    /// The name for a field created by name.
    @usableFromInline var name: String? { extra?.name }

    /// The canonical encoding of the value, for created or modified fields.
    @usableFromInline var encoded: [UInt8]? {
        get { references.encoded }
        set { references.encoded = newValue }
    }
}

extension HeaderField {
    /// The values of `scalarTag`.
    @usableFromInline
    enum ScalarTag {
        /// Nothing cached in the field itself.
        @usableFromInline static var none: UInt8 { 0 }
        /// `scalar` is an `Int` value.
        @usableFromInline static var int: UInt8 { 1 }
        /// `scalar` is a CSeq's sequence number, and the tag less this is its method's
        /// index among `SipMethod.compact`.
        @usableFromInline static var cSeqMethods: UInt8 { 2 }
    }

    @usableFromInline
    struct References {
        @usableFromInline var extra: HeaderFieldExtra?
        @usableFromInline var cache: HeaderFieldCache?
        /// The bytes of a value set or changed by the program, held here rather than in
        /// `extra` so that a changed field costs one allocation (the bytes), not two.
        @usableFromInline var encoded: [UInt8]?

        @usableFromInline init() {
            extra = nil
            cache = nil
            encoded = nil
        }
    }
}

/// The part of a header field that most fields never need: the name of a field added
/// by name. Immutable, so message copies can share it.
@usableFromInline
final class HeaderFieldExtra: @unchecked Sendable {
    @usableFromInline let name: String

    @usableFromInline
    init(name: String) {
        self.name = name
    }
}
