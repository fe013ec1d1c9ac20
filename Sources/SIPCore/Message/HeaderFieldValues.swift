/// What a header field caches once its value is typed: a `HeaderFieldValues<T>`, or for a
/// line holding one name-addr or Via the value's own parts (`NameAddrParts`, `ViaParts`).
///
/// A class rather than `Any`, so that a field holds its cache in one word, copying a
/// field is a retain, and a read checks the cached type with a class cast instead of
/// an existential cast.
@usableFromInline
class HeaderFieldCache {
    @usableFromInline init() {}
}

/// The typed values of one header line, in order; never empty (see `FieldValues`, which
/// reads them, and which a single name-addr or Via does without).
///
/// The first value sits in the object itself, so a single-valued line (the
/// common case: Call-ID, CSeq, Max-Forwards …) costs one allocation and `get` reads it
/// without going through an array.
@usableFromInline
final class HeaderFieldValues<T>: HeaderFieldCache {
    @usableFromInline let first: T
    /// The values after the first (empty, and so unallocated, for a single value).
    @usableFromInline let rest: [T]

    @usableFromInline init(first: T, rest: [T]) {
        self.first = first
        self.rest = rest
    }
}
