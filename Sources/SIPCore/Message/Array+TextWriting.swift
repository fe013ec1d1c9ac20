/// Writing text into a byte buffer, for the serializers.
extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text` with one copy when the string is stored
    /// contiguously (native strings are), instead of going byte by byte.
    @inlinable mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }

    /// Appends `value` in decimal, without making a String.
    @inlinable mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        // The magnitude, because Int.min has no positive counterpart.
        let magnitude = value.magnitude
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: DecimalText.width(magnitude)))
        let end = count
        withUnsafeMutableBufferPointer { DecimalText.write(magnitude, into: $0, endingAt: end) }
    }
}

/// Decimal digits written straight into a buffer.
@usableFromInline
enum DecimalText {
    /// The number of decimal digits of `value`.
    @inlinable static func width(_ value: UInt) -> Int {
        var width = 1
        var scan = value
        while scan >= 10 {
            scan /= 10
            width += 1
        }
        return width
    }

    /// Writes the `width(value)` digits of `value` so that the last one is at `end - 1`.
    @inlinable static func write(_ value: UInt, into out: UnsafeMutableBufferPointer<UInt8>, endingAt end: Int) {
        var rest = value
        var i = end - 1
        repeat {
            out[i] = UInt8(ascii: "0") &+ UInt8(rest % 10)
            rest /= 10
            i -= 1
        } while rest > 0
    }
}
