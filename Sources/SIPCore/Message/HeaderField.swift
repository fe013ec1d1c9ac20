/// One header line in a message's index.
///
/// A received field points into the message bytes (name, value and the whole
/// line, continuation lines included); its typed value is parsed on first
/// access and cached. A field created or changed by the program carries its
/// canonical encoding instead, and is written from that.
///
/// A field holds plain integers only: what it refers to (its cached object, its encoding,
/// the name of a field added by name) sits in the message's table of field references,
/// at `slot`. So a message's index is one allocation of 32-byte fields that is built
/// without initialising references and freed without visiting each field, and only the
/// few fields read or changed have an entry in the table.
@usableFromInline
struct HeaderField {
    // Offsets into the message bytes, 32 bits wide (the parser caps messages below 4 GiB).
    @usableFromInline var nameStart: UInt32
    @usableFromInline var nameEnd: UInt32
    @usableFromInline var valueStart: UInt32
    @usableFromInline var valueEnd: UInt32
    @usableFromInline var lineStart: UInt32
    @usableFromInline var lineEnd: UInt32
    @usableFromInline var kind: KnownHeader
    /// What `scalar` holds (`ScalarTag`): a small typed value cached in the field itself
    /// instead of in an object in the references table.
    @usableFromInline var scalarTag: UInt8 = ScalarTag.none
    /// 1 + the index of this field's entry in `SipMessage.fieldReferences`; 0 for none.
    @usableFromInline var slot: UInt16 = 0
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

    /// A field with no bytes in the message (created by the program), whose references are at `slot`.
    @usableFromInline
    init(kind: KnownHeader, slot: UInt16) {
        self.init(kind: kind, nameRange: 0..<0, valueRange: 0..<0, lineRange: 0..<0)
        self.slot = slot
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
}

extension HeaderField {
    /// The values of `scalarTag`.
    @usableFromInline
    enum ScalarTag {
        /// Nothing cached in the field itself.
        @usableFromInline static var none: UInt8 { 0 }
        /// `scalar` is an `Int` value.
        @usableFromInline static var int: UInt8 { 1 }
        /// `scalar` is an `Int` value the program set, and the line is written as its decimal
        /// (Max-Forwards decremented, Content-Length, Expires …): no encoding to allocate.
        @usableFromInline static var intWritten: UInt8 { 2 }
        /// `scalar` is a CSeq's sequence number, and the tag less this is its method's
        /// index among `SipMethod.compact`.
        @usableFromInline static var cSeqMethods: UInt8 { 3 }
    }

    /// What a field refers to, kept in the message's table (`SipMessage.fieldReferences`).
    @usableFromInline
    struct References {
        /// The name of a field added by name.
        @usableFromInline var name: String?
        /// The typed values of the line once parsed or set: a `HeaderFieldValues<T>`, or the
        /// value's own object for a single name-addr or Via (see `FieldValues.init(cache:)`).
        @usableFromInline var cache: HeaderFieldCache?
        /// The typed value of a line holding one `String` (Call-ID, User-Agent …), held here
        /// rather than in a `HeaderFieldValues` object around it.
        @usableFromInline var text: String?
        /// The canonical encoding of the value, for created or modified fields.
        @usableFromInline var encoded: [UInt8]?

        @usableFromInline init(name: String? = nil, cache: HeaderFieldCache? = nil, text: String? = nil,
                               encoded: [UInt8]? = nil) {
            self.name = name
            self.cache = cache
            self.text = text
            self.encoded = encoded
        }
    }
}
