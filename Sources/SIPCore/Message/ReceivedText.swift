/// A run of a received message's bytes that a typed value reads in place: the message's
/// buffer, shared rather than copied, and where the run sits in it. Holding one costs a
/// retain of the buffer; making a String of it is left to whoever asks for one.
@usableFromInline
struct ReceivedText: Sendable {
    @usableFromInline let bytes: [UInt8]
    // 32-bit offsets, as the message index keeps (the parser caps messages below 4 GiB).
    @usableFromInline let start: UInt32
    @usableFromInline let end: UInt32

    /// `bytes[range]`; nil when the range does not fit 32-bit offsets.
    @inlinable init?(_ bytes: [UInt8], _ range: Range<Int>) {
        guard range.upperBound <= Int(UInt32.max) else { return nil }
        self.bytes = bytes
        start = UInt32(truncatingIfNeeded: range.lowerBound)
        end = UInt32(truncatingIfNeeded: range.upperBound)
    }

    @inlinable var count: Int { Int(end &- start) }

    @inlinable var range: Range<Int> { Int(start)..<Int(end) }

    /// Calls `body` with the bytes of the run.
    @inlinable func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The run as a String.
    @inlinable var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }
}
