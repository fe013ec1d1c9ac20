/// Writing text into a byte buffer, for the serializers.
extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text` with one copy when the string is stored
    /// contiguously (native strings are), instead of going byte by byte.
    @inlinable mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }

    /// Appends the bytes of an ASCII literal in one copy.
    @inlinable mutating func appendASCII(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends `value` in decimal, without making a String.
    @inlinable mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        // The magnitude, because Int.min has no positive counterpart. Its digits are made
        // in a buffer on the stack and appended in one copy.
        let magnitude = value.magnitude
        let width = DecimalText.width(magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalText.maxWidth) { digits in
            DecimalText.write(magnitude, into: digits, endingAt: width)
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<width]))
        }
    }
}

/// Decimal digits written straight into a buffer.
@usableFromInline
enum DecimalText {
    /// The most digits a `UInt` has.
    @inlinable static var maxWidth: Int { 20 }

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
