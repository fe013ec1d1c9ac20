/// Copies pieces of text into a buffer sized for them beforehand: a serialized message, a
/// parameter list or a transaction key written in place. Writing past the end is a bug in
/// the size worked out, and stops the program as an array's bounds check would, rather than
/// write outside the buffer.
struct MessageWriter: ByteSink {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    @inline(__always) private func room(_ n: Int) {
        precondition(n <= buffer.count - count, "written text larger than its computed size")
    }

    @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        room(bytes.count)
        (buffer.baseAddress! + count).initialize(from: source, count: bytes.count)
        count += bytes.count
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

    mutating func putDecimal(_ value: Int) {
        if value < 0 { put(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        let width = DecimalText.width(magnitude)
        room(width)
        count += width
        DecimalText.write(magnitude, into: buffer, endingAt: count)
    }
}
