/// The typed values of one header line, as `SipMessage` reads them from the line's cache:
/// the first value and the ones after it (empty for a single value, and so unallocated).
@usableFromInline
struct FieldValues<T> {
    @usableFromInline let first: T
    @usableFromInline let rest: [T]

    @inlinable init(first: T, rest: [T]) {
        self.first = first
        self.rest = rest
    }

    /// The values cached in `cache`, or nil when it holds values of another type.
    ///
    /// A line holding one name-addr or one Via caches the value's own object (`NameAddrParts`,
    /// `ViaParts`, both `HeaderFieldCache`s) rather than a `HeaderFieldValues` around it, which
    /// saves an allocation for every such line read. The two types are named here rather than
    /// found through a protocol: after specialization these casts between concrete types fold
    /// away, where a cast to a protocol type looks up the conformance at run time.
    @inlinable init?(cache: HeaderFieldCache) {
        if T.self == NameAddr.self, let parts = cache as? NameAddrParts {
            self.init(first: NameAddr(parts: parts) as! T, rest: [])
        } else if T.self == Via.self, let parts = cache as? ViaParts {
            self.init(first: Via(parts: parts) as! T, rest: [])
        } else if let values = cache as? HeaderFieldValues<T> {
            self.init(first: values.first, rest: values.rest)
        } else {
            return nil
        }
    }

    /// What a line caches for these values: the value's own object for a single name-addr
    /// or Via, else a `HeaderFieldValues` holding them.
    @inlinable var cache: HeaderFieldCache {
        if rest.isEmpty {
            if let n = first as? NameAddr { return n.parts }
            if let v = first as? Via { return v.parts }
        }
        return HeaderFieldValues(first: first, rest: rest)
    }

    /// What a line caches in the field itself for these values (see `HeaderField.scalarTag`):
    /// a lone non-negative Int below 2**32 (Max-Forwards, Content-Length, Expires …) or a
    /// CSeq of a known method; nil for anything else, which goes in an object (`cache`).
    @inlinable var scalar: (tag: UInt8, value: UInt32)? {
        guard rest.isEmpty else { return nil }
        // After specialization these casts between concrete types fold away.
        if T.self == Int.self {
            let v = first as! Int
            guard v >= 0, v <= Int(UInt32.max) else { return nil }
            return (HeaderField.ScalarTag.int, UInt32(v))
        }
        if T.self == CSeq.self {
            let c = first as! CSeq
            guard let m = SipMethod.compactIndex(of: c.method) else { return nil }
            return (HeaderField.ScalarTag.cSeqMethods + UInt8(m), c.sequence)
        }
        return nil
    }

    @inlinable var count: Int { 1 + rest.count }

    @inlinable var last: T { rest.last ?? first }

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

    /// The values of `list`, or nil for an empty list.
    @inlinable static func make(_ list: [T]) -> FieldValues<T>? {
        guard let first = list.first else { return nil }
        return FieldValues(first: first, rest: Array(list.dropFirst()))
    }
}
