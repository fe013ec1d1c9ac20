/// Where the header writers put bytes: an array being built, or a value composed on the
/// stack (`ScratchWriter`). Generic writers are specialized for each, so neither pays for
/// the other.
protocol ByteSink {
    mutating func put(_ byte: UInt8)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>)
    /// `value` in decimal.
    mutating func putDecimal(_ value: Int)
    /// The bytes of an ASCII literal.
    mutating func put(_ literal: StaticString)
}

extension ByteSink {
    /// The UTF-8 bytes of `text`, in one copy when the string is stored contiguously.
    @inline(__always) mutating func put(_ text: String) { text.withUTF8Bytes { put($0) } }

    @inline(__always) mutating func put(_ literal: StaticString) { literal.withUTF8Buffer { put($0) } }
}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always) mutating func put(_ byte: UInt8) { append(byte) }
    @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
    @inline(__always) mutating func putDecimal(_ value: Int) { appendDecimal(value) }
    @inline(__always) mutating func put(_ literal: StaticString) { appendASCII(literal) }
}
