/// A value composed in a small buffer on the stack and appended to an array in one copy.
///
/// For a value written from a handful of short pieces (a Via: `SIP/2.0/`, the transport,
/// the host, the port, each parameter), appending each piece to the array checks the
/// array's uniqueness and capacity every time; here each piece is one bounded copy. A value
/// that does not fit marks it `abandoned`, and the caller writes the value the ordinary way
/// instead.
struct ScratchWriter: ByteSink {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    /// Whether the value is to be written another way (it did not fit); nothing is
    /// appended then.
    private(set) var abandoned = false

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// Composes a value with `body` in `capacity` bytes on the stack and appends it to `out`;
    /// false, with `out` unchanged, when `body` abandoned it.
    static func compose(capacity: Int, into out: inout [UInt8], _ body: (inout ScratchWriter) -> Void) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var w = ScratchWriter(buffer)
            body(&w)
            guard !w.abandoned else { return false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<w.count]))
            return true
        }
    }

    /// Gives up: the caller writes the value another way.
    private mutating func abandon() { abandoned = true }

    @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !abandoned else { return }
        guard bytes.count <= buffer.count &- count else { return abandon() }
        if let source = bytes.baseAddress, !bytes.isEmpty {
            (buffer.baseAddress! + count).initialize(from: source, count: bytes.count)
            count &+= bytes.count
        }
    }

    @inline(__always) mutating func put(_ byte: UInt8) {
        guard !abandoned else { return }
        guard count < buffer.count else { return abandon() }
        buffer[count] = byte
        count &+= 1
    }

    /// `value` in decimal.
    mutating func putDecimal(_ value: Int) {
        if value < 0 { put(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        let width = DecimalText.width(magnitude)
        guard !abandoned, width <= buffer.count &- count else { return abandon() }
        count &+= width
        DecimalText.write(magnitude, into: buffer, endingAt: count)
    }
}
