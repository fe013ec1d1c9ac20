/// What a header field caches once its value is typed: a `HeaderFieldValues<T>`.
///
/// A class rather than `Any`, so that a field holds its cache in one word, copying a
/// field is a retain, and a read checks the cached type with a class cast instead of
/// an existential cast.
@usableFromInline
class HeaderFieldCache {
    @usableFromInline init() {}
}

/// The typed values of one header line, in order; never empty.
///
/// The first value sits in the object itself, so a single-valued line (the
/// common case: From, To, CSeq, Call-ID, one Via per line …) costs one
/// allocation and `get` reads it without going through an array.
@usableFromInline
final class HeaderFieldValues<T>: HeaderFieldCache {
    @usableFromInline let first: T
    /// The values after the first (empty, and so unallocated, for a single value).
    @usableFromInline let rest: [T]

    @usableFromInline init(first: T, rest: [T]) {
        self.first = first
        self.rest = rest
    }

    /// The values of `list`, or nil for an empty list.
    @usableFromInline static func make(_ list: [T]) -> HeaderFieldValues<T>? {
        guard let first = list.first else { return nil }
        return HeaderFieldValues(first: first, rest: Array(list.dropFirst()))
    }

    @usableFromInline var count: Int { 1 + rest.count }

    @usableFromInline var last: T { rest.last ?? first }

    /// Appends every value to `out`.
    @inlinable func append(to out: inout [T]) {
        out.append(first)
        if !rest.isEmpty { out.append(contentsOf: rest) }
    }

    /// All values as an array.
    @inlinable var all: [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        append(to: &out)
        return out
    }
}
