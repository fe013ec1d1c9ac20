/// The CSeq header (RFC 3261 §20.16): a sequence number and the request's method.
public struct CSeq: SipHeaderValue, Hashable, CustomStringConvertible {
    /// The sequence number, less than 2**31 (RFC 3261 §8.1.1.5).
    public var sequence: UInt32
    public var method: SipMethod

    public init(_ sequence: UInt32, _ method: SipMethod) {
        self.sequence = sequence
        self.method = method
    }

    public static func parse(_ s: inout ByteScanner) throws(SipParseError) -> CSeq {
        s.skipWhitespace()
        let n = try s.integer(maxDigits: 10, "a sequence number")
        guard n < 1 << 31 else { throw s.error("sequence number must be below 2**31") }
        // RFC 3261 §20.16: CSeq = 1*DIGIT LWS Method; "1INVITE" is not a CSeq.
        guard let b = s.peek(), CharacterClass.isWhitespace(b) else { throw s.error("expected white space after the number") }
        s.skipWhitespace()
        // A known method is the shared instance, found without making a String.
        let r = try s.expectTokenRange("a method")
        let method = s.bytes.withUnsafeBufferPointer { SipMethod.from($0, r) }
        return CSeq(UInt32(n), method)
    }

    public func write(to out: inout [UInt8]) {
        out.appendDecimal(Int(sequence))
        out.append(0x20)
        out.appendUTF8(method.name)
    }

    public var description: String { headerText }
}
