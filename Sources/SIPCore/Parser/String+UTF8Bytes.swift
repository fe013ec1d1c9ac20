/// Reading a string's UTF-8 bytes in place.
extension String {
    /// Calls `body` with the string's UTF-8 bytes. A native string lends its own storage
    /// (no copy, and unlike `withUTF8` no mutable copy of the string to retain); any other
    /// is copied first.
    @inlinable public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }
}
