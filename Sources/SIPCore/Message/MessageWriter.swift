/// Copies the pieces of a serialized message into a buffer sized for them beforehand.
/// Writing past the end is a bug in the size worked out, and stops the program as an
/// array's bounds check would, rather than write outside the buffer.
struct MessageWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    @inline(__always) private func room(_ n: Int) {
        precondition(n <= buffer.count - count, "serialized message larger than its computed size")
    }

    @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        room(bytes.count)
        (buffer.baseAddress! + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always) mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always) mutating func put(_ a: UInt8) {
        room(1)
        buffer[count] = a
        count += 1
    }

    @inline(__always) mutating func put(_ a: UInt8, _ b: UInt8) {
        room(2)
        buffer[count] = a
        buffer[count + 1] = b
        count += 2
    }

    mutating func putDecimal(_ value: UInt) {
        let width = DecimalText.width(value)
        room(width)
        count += width
        DecimalText.write(value, into: buffer, endingAt: count)
    }
}
